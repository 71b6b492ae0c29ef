import { describe, expect, it } from 'vitest';
import type { TemplateLookup, TemplateSource } from '../../src/core/template';
import { html, render, renderError } from './helpers';

function lookup(templates: TemplateSource[]): TemplateLookup {
  return {
    byId: (id) => templates.find((template) => template.id === id),
    byName: (name) => templates.find((template) => template.name === name),
  };
}

describe('template > context', () => {
  it('exposes result, parameters with wildcards, query name and execution time', () => {
    const output = html('$queryName $queryParameters.project $queryParameters.get("@space.key") $queryExecutionTime $result.size()', [{ a: 1 }]);
    expect(output).toBe('Issues SLING DEV 42 1');
  });

  it('prints the parameter map like Java', () => {
    expect(html('$queryParameters')).toBe('{project=SLING, @space.key=DEV}');
  });

  it('PQ.toList wraps a single object', () => {
    expect(html('$PQ.toList($result).size() $PQ.toList($result).get(0).a', { a: 7 })).toBe('1 7');
  });

  it('PQ.template includes by id and by name', () => {
    const templates = lookup([
      { id: 'row', name: 'Row', source: '<i>$result.get(0).a</i>' },
      { id: 'head', name: 'Head', source: '<b>$queryName</b>' },
    ]);
    expect(html('$PQ.template("row")|$PQ.templateByName("Head")', [{ a: '<x>' }], { templates })).toBe('<i>&lt;x&gt;</i>|<b>Issues</b>');
  });

  it('PQ.template("default") renders the default table', () => {
    const output = render('<h1>T</h1>$PQ.template("default")', [{ a: 1 }]);
    expect(output.html).toBe('<h1>T</h1><div class="pq-table" data-table-id="table-1"></div>');
    expect(output.tables[0]?.rows).toEqual([[1]]);
  });

  it('include inside an include does not leak #set', () => {
    const templates = lookup([{ id: 'inner', name: 'Inner', source: '#set($x = "inner")$x' }]);
    expect(html('#set($x = "outer")$PQ.template("inner") $x', [{ a: 1 }], { templates })).toBe('inner outer');
  });

  it('refuses recursion', () => {
    const templates = lookup([
      { id: 'a', name: 'A', source: 'a$PQ.template("b")' },
      { id: 'b', name: 'B', source: 'b$PQ.template("a")' },
    ]);
    const error = renderError('$PQ.template("a")', [{ a: 1 }], { templates });
    expect(error.code).toBe('TEMPLATE_INCLUDE_LIMIT');
    expect(error.message).toContain('includes itself');
  });

  it('refuses the 16th include', () => {
    const templates = lookup([{ id: 'x', name: 'X', source: 'x' }]);
    expect(html('#foreach($i in [1..15])$PQ.template("x")#end', [{ a: 1 }], { templates })).toBe('x'.repeat(15));
    const error = renderError('#foreach($i in [1..16])$PQ.template("x")#end', [{ a: 1 }], { templates });
    expect(error.code).toBe('TEMPLATE_INCLUDE_LIMIT');
    expect(error.details.limit).toEqual({ name: 'maxIncludes', value: 15 });
  });

  it('names a missing include', () => {
    const error = renderError('$PQ.templateByName("Nope")');
    expect(error.code).toBe('TEMPLATE_ERROR');
    expect(error.message).toBe('Template "Main": No template with name "Nope" exists to include.');
  });

  it('reports a syntax error in an included template by its name', () => {
    const templates = lookup([{ id: 'bad', name: 'Bad', source: 'x\n#if($a)' }]);
    const error = renderError('$PQ.template("bad")', [{ a: 1 }], { templates });
    expect(error.code).toBe('TEMPLATE_SYNTAX');
    expect(error.message).toBe('Template "Bad" at line 2, column 1: #if is never closed with #end.');
  });
});

describe('template > emptymsg', () => {
  it('shows the header message for an empty result', () => {
    const output = render('## @param emptymsg: Nothing <here>\n<p>$result</p>', []);
    expect(output.isEmpty).toBe(true);
    expect(output.emptyMessage).toBe('Nothing <here>');
    expect(output.html).toBe('<p class="pq-empty">Nothing &lt;here&gt;</p>');
  });

  it('falls back to No results', () => {
    expect(render('x', null).emptyMessage).toBe('No results');
    expect(render('x', {}).isEmpty).toBe(true);
  });

  it('renders normally when not empty', () => {
    expect(render('## @param emptymsg:None\nrows: $result.size()', [1]).html).toBe('rows: 1');
  });
});

describe('template > formatting', () => {
  const zoned = { settings: { locale: 'de-DE', timeZone: 'Europe/Berlin' } };

  it('formats dates with a pattern in the site zone', () => {
    expect(html('$PQ.formatDate("2015-03-20T10:00:00.000+0000", "yyyy-MM-dd HH:mm Z")', [1], zoned)).toBe('2015-03-20 11:00 +0100');
  });

  it('keeps a bare date on its calendar day', () => {
    expect(html('$PQ.formatDate("2015-03-20", "dd.MM.yyyy")', [1], { settings: { locale: 'en-US', timeZone: 'America/Los_Angeles' } })).toBe('20.03.2015');
  });

  it('formats with named styles in the site locale', () => {
    expect(html('$PQ.formatDate("2015-03-20", "long")', [1], zoned)).toBe('20. März 2015');
    expect(html('$PQ.formatDate("2018-02-04T18:07:25.000+0900", "medium")', [1], { settings: { locale: 'ko-KR', timeZone: 'Asia/Seoul' } })).toBe('2018. 2. 4.');
  });

  it('formats numbers, percents and currency', () => {
    const output = html('$PQ.formatNumber(1234.5678) $PQ.formatNumber("1", 0) $PQ.formatPercent(0.256) $PQ.formatCurrency(5, "EUR")', [1], zoned);
    // Intl separates the unit with a no-break space.
    expect(output.replace(/\u00a0/g, ' ')).toBe(
      '1.234,57 1 26 % 5,00 €',
    );
  });

  it('leaves unreadable input unchanged', () => {
    expect(html('$PQ.formatDate("soon") $PQ.formatNumber("n/a")')).toBe('soon n/a');
  });
});
