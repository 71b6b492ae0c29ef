// XSS payloads that call `__xss(name)` when they run. Each one names the
// technique it tries, so a failing test names the defence that broke.

// Unclosed foreign content (the svg and math payloads) swallows everything after
// it, so the one allowed link comes first and the mutation payloads last.
export const HTML_PAYLOADS: Record<string, string> = {
  'anchor with target': `<a href="https://example.com/report" target="_top">external report</a>`,
  'script tag': `<script>__xss('script tag')</script>`,
  'img onerror': `<img src="x" onerror="__xss('img onerror')">`,
  'img onerror unquoted': `<img src=x onerror=__xss('img-onerror-unquoted')>`,
  'svg onload': `<svg onload="__xss('svg onload')"><circle r="5"></circle></svg>`,
  'svg anchor': `<svg><a xlink:href="javascript:__xss('svg anchor')"><text y="10">svg link</text></a></svg>`,
  'javascript link': `<a href="javascript:__xss('javascript link')">javascript link</a>`,
  'javascript link mixed case': `<a href="JaVaScRiPt:__xss('javascript link mixed case')">mixed case link</a>`,
  'javascript link entity': `<a href="&#106;avascript:__xss('javascript link entity')">entity link</a>`,
  'javascript link whitespace': `<a href="  \tjavascript:__xss('javascript link whitespace')">whitespace link</a>`,
  'data url link': `<a href="data:text/html,<script>parent.__xss('data url link')</script>">data link</a>`,
  'protocol-relative link': `<a href="//evil.example/x">protocol-relative link</a>`,
  'backslash link': `<a href="/\\evil.example/x">backslash link</a>`,
  'iframe srcdoc': `<iframe srcdoc="<script>parent.__xss('iframe srcdoc')</script>"></iframe>`,
  'iframe javascript': `<iframe src="javascript:parent.__xss('iframe javascript')"></iframe>`,
  'form action': `<form action="javascript:__xss('form action')"><button id="xss-form-button">submit</button></form>`,
  'button formaction': `<button formaction="javascript:__xss('button formaction')">formaction</button>`,
  'object data': `<object data="javascript:__xss('object data')"></object>`,
  'embed src': `<embed src="javascript:__xss('embed src')">`,
  'style tag import': `<style>@import url("javascript:__xss('style tag import')"); body { display: none }</style>`,
  'style attribute url': `<div style="background-image: url(javascript:__xss('style attribute url')); color: red">styled</div>`,
  'style attribute position': `<div style="position: fixed; top: 0; left: 0; width: 100%; height: 100%">overlay</div>`,
  'meta refresh': `<meta http-equiv="refresh" content="0;url=javascript:__xss('meta refresh')">`,
  'base href': `<base href="javascript:__xss('base href')//">`,
  'details ontoggle': `<details open ontoggle="__xss('details ontoggle')"><summary>x</summary></details>`,
  'input autofocus': `<input autofocus onfocus="__xss('input autofocus')">`,
  'video source onerror': `<video><source onerror="__xss('video source onerror')"></video>`,
  'body onload': `<body onload="__xss('body onload')">`,
  'marquee onstart': `<marquee onstart="__xss('marquee onstart')">m</marquee>`,
  'attribute break': `<div title=""><img src=x onerror=__xss('attribute break')>">quoted</div>`,
  'template quote break': `'"><script>__xss('template quote break')</script><img src=x onerror="__xss('template quote break img')">`,
  'table break': `</td></tr></table></div><img src=x onerror="__xss('table break')">`,
  'placeholder event handler': `<div class="pq-table" data-table-id="xss-table" onclick="__xss('placeholder event handler')">x</div>`,
  'srcset': `<img srcset="javascript:__xss('srcset') 1x" src="x">`,
  'event handler entity': `<img src=x onerror="&#95;&#95;xss('event handler entity')">`,
  'template element': `<template><img src=x onerror="__xss('template element')"></template>`,
  'link import': `<link rel="stylesheet" href="javascript:__xss('link import')">`,
  'xml namespace': `<x:script xmlns:x="http://www.w3.org/1999/xhtml">__xss('xml namespace')</x:script>`,
  'vbscript link': `<a href="vbscript:__xss('vbscript link')">vbscript</a>`,
  'mxss noscript': `<noscript><p title="</noscript><img src=x onerror=__xss('mxss noscript')>"></noscript>`,
  'mxss math style': `<math><mtext><table><mglyph><style><img src=x onerror=__xss('mxss math style')></style></mglyph></table></mtext></math>`,
  'mxss svg style': `<svg></p><style><a id="</style><img src=1 onerror=__xss('mxss svg style')>">`,
  'mxss form nesting': `<form><math><mtext></form><form><mglyph><style></math><img src onerror=__xss('mxss form nesting')>`,
};

/** Payloads that land in text positions (table cells, labels, messages) and must show as text. */
export const TEXT_PAYLOADS = [
  `<img src=x onerror="__xss('cell img')">`,
  `"><svg onload="__xss('cell svg')">`,
  `javascript:__xss('cell javascript')`,
  `</td><script>__xss('cell script')</script>`,
  `{{constructor.constructor('__xss("cell template")')()}}`,
];
