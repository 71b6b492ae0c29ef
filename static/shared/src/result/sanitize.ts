// Template output reaches the page only through this allow-list. The backend
// already escapes REST data, but a template (or a bug in escaping) must still
// not be able to run script, submit forms, load frames or restyle the page.

import DOMPurify from 'dompurify';

const ALLOWED_TAGS = [
  // Structure and text
  'a', 'abbr', 'b', 'blockquote', 'br', 'caption', 'cite', 'code', 'col', 'colgroup', 'dd', 'del', 'details',
  'div', 'dl', 'dt', 'em', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'hr', 'i', 'ins', 'kbd', 'li', 'mark', 'ol', 'p',
  'pre', 'q', 's', 'small', 'span', 'strong', 'sub', 'summary', 'sup', 'table', 'tbody', 'td', 'tfoot', 'th',
  'thead', 'time', 'tr', 'u', 'ul',
];

const ALLOWED_ATTR = [
  'href', 'title', 'class', 'colspan', 'rowspan', 'scope', 'headers', 'abbr', 'datetime', 'open', 'start',
  'reversed', 'align', 'style', 'data-chart-id', 'data-table-id',
];

/** CSS properties a template may set inline; layout-breaking ones (position, z-index, …) are not among them. */
const ALLOWED_STYLE_PROPERTIES = new Set([
  'color', 'background-color', 'font-weight', 'font-style', 'text-align', 'text-decoration', 'vertical-align',
  'white-space', 'width', 'min-width', 'max-width', 'padding', 'padding-left', 'padding-right', 'border',
  'border-bottom', 'border-top',
]);

/** http(s), mailto, in-page anchors and site-relative paths; never protocol-relative `//host` or other schemes. */
const SAFE_URL = /^(?:https?:|mailto:|#|\/(?![/\\]))/i;

let isConfigured = false;

function configure(): void {
  if (isConfigured) return;
  isConfigured = true;

  DOMPurify.addHook('uponSanitizeAttribute', (_node, data) => {
    if (data.attrName === 'style') data.attrValue = filterStyle(data.attrValue);
    if (data.attrName === 'href' && !SAFE_URL.test(data.attrValue.trim())) data.keepAttr = false;
  });

  // Links never target a window of their own; the macro opens them through the router.
  DOMPurify.addHook('afterSanitizeAttributes', (node) => {
    if (node.tagName === 'A') node.setAttribute('rel', 'noopener noreferrer');
  });
}

/** Sanitizes template HTML and returns a fragment ready to insert. */
export function sanitizeTemplateHtml(html: string): DocumentFragment {
  configure();
  return DOMPurify.sanitize(html, {
    ALLOWED_TAGS,
    ALLOWED_ATTR,
    ALLOW_DATA_ATTR: false,
    ALLOW_ARIA_ATTR: true,
    ALLOW_UNKNOWN_PROTOCOLS: false,
    RETURN_DOM_FRAGMENT: true,
  });
}

/** Keeps allow-listed declarations whose values cannot load anything or run expressions. */
export function filterStyle(style: string): string {
  const kept: string[] = [];
  for (const declaration of style.split(';')) {
    const colon = declaration.indexOf(':');
    if (colon < 0) continue;

    const property = declaration.slice(0, colon).trim().toLowerCase();
    const value = declaration.slice(colon + 1).trim();
    if (!ALLOWED_STYLE_PROPERTIES.has(property)) continue;
    if (/url\s*\(|expression\s*\(|\\|[<>]|@import/i.test(value)) continue;

    kept.push(`${property}: ${value}`);
  }
  return kept.join('; ');
}
