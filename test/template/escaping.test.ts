import { describe, expect, it } from 'vitest';
import { html, render } from './helpers';

// Payloads as they could arrive in REST data. None may leave the renderer with
// a raw `<`, `"` or `'` that could open a tag or break out of an attribute.
const PAYLOADS = [
  '<script>alert(1)</script>',
  '<img src=x onerror=alert(1)>',
  '<svg onload=alert(1)>',
  '"><script>alert(1)</script>',
  "'><img src=x onerror=alert(1)>",
  '<a href="javascript:alert(1)">x</a>',
  '<iframe src="data:text/html,<script>alert(1)</script>">',
  '<div style="background:url(javascript:alert(1))">',
  '<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>',
  '<noscript><p title="</noscript><img src=x onerror=alert(1)>">',
  '`-alert(1)-`',
  '</textarea><script>alert(1)</script>',
  '<<script>script>alert(1)<</script>/script>',
  '&lt;script&gt;alert(1)&lt;/script&gt;',
  '<scr\u0000ipt>alert(1)</scr\u0000ipt>',
];

function assertInert(output: string, payload: string): void {
  expect(output).not.toContain(payload.includes('<') ? payload : '\u0000never');
  expect(output).not.toMatch(/<(script|img|svg|iframe|div|math|noscript|a)\b/i);
  expect(output).not.toMatch(/["'`]/);
}

describe('template > escaping', () => {
  it.each(PAYLOADS)('escapes %s in a plain reference', (payload) => {
    assertInert(html('$result.get(0).v', [{ v: payload }]), payload);
  });

  it.each(PAYLOADS)('escapes %s inside a list print', (payload) => {
    assertInert(html('$result.get(0)', [{ v: [payload] }]), payload);
  });

  it.each(PAYLOADS)('escapes %s set through a string', (payload) => {
    assertInert(html('#set($x = "pre $result.get(0).v")$x', [{ v: payload }]), payload);
  });

  it.each(PAYLOADS)('escapes %s in a parameter value', (payload) => {
    assertInert(html('$queryParameters.q', [{ a: 1 }], { queryParameters: { q: payload } }), payload);
  });

  it.each(PAYLOADS)('escapes %s in a macro argument', (payload) => {
    assertInert(html('#macro(show $v)$v#end#show($result.get(0).v)', [{ v: payload }]), payload);
  });

  it('escapes inside an attribute', () => {
    expect(html('<a title="$result.get(0).v">x</a>', [{ v: '" onmouseover="alert(1)' }])).toBe('<a title="&quot; onmouseover=&quot;alert(1)">x</a>');
  });

  it('does not double-escape strings built with #set', () => {
    expect(html('#set($x = "<b>$result.get(0).v</b>")$x', [{ v: 'A&B' }])).toBe('&lt;b&gt;A&amp;B&lt;/b&gt;');
  });

  it('PQ.html is the explicit opt-in', () => {
    expect(html('$PQ.html($result.get(0).v)', [{ v: '<b>bold</b>' }])).toBe('<b>bold</b>');
  });

  it('does not escape helper HTML twice', () => {
    const output = render('<div>$PQ.template("default")</div>', [{ v: '<b>' }]);
    expect(output.html).toBe('<div><div class="pq-table" data-table-id="table-1"></div></div>');
    expect(output.tables[0]?.rows).toEqual([['<b>']]);
  });

  it('escapes a scalar result in the default template', () => {
    const output = render('', '<img src=x onerror=alert(1)>', { template: undefined });
    expect(output.html).toBe('<span class="pq-scalar">&lt;img src=x onerror=alert(1)&gt;</span>');
  });

  it('data cannot run template directives', () => {
    expect(html('$result.get(0).v', [{ v: '#set($x = 1)$PQ.html("<b>")' }])).toBe('#set($x = 1)$PQ.html(&quot;&lt;b&gt;&quot;)');
  });

  it('chart options from data stay text', () => {
    const output = render("<script>PocketQuery.chart('PieChart', {title: '$queryParameters.t'})</script>", [{ k: 'a', v: 1 }], {
      queryParameters: { t: "x'}); alert(1); ({a:'" },
    });
    expect(output.html).toBe('<div class="pq-chart" data-chart-id="chart-1"></div>');
    expect(output.charts[0]?.options.title).toBe("x'}); alert(1); ({a:'");
  });
});
