// A run result as the macro shows it. The template output is escaped on the
// server and sanitized again here with DOMPurify before it reaches the DOM,
// because it is built from untrusted REST data. Table placeholders are filled
// from the structured table data with text nodes only. Charts are drawn with
// the macro's own chart.js renderer from static/shared, loaded on first use.

import { useEffect, useMemo, useRef } from 'react';
import DOMPurify from 'dompurify';
import Lozenge from '@atlaskit/lozenge';
import SectionMessage from '@atlaskit/section-message';
import type { ChartSpec, RunResult, TableData } from '../../../../src/contract/run';

function buildTable(table: TableData): HTMLTableElement {
  const element = document.createElement('table');
  element.className = 'pq-table';
  if (table.layout === 'rows') {
    const head = element.createTHead().insertRow();
    for (const column of table.columns) {
      const th = document.createElement('th');
      th.scope = 'col';
      th.textContent = column.label;
      head.appendChild(th);
    }
  }
  const body = element.createTBody();
  for (const row of table.rows) {
    const tr = body.insertRow();
    row.forEach((cell, index) => {
      const td = document.createElement(table.layout === 'keyValue' && index === 0 ? 'th' : 'td');
      td.textContent = cell === null ? '' : String(cell);
      if (table.columns[index]?.type === 'number') td.className = 'pq-number';
      tr.appendChild(td);
    });
  }
  return element;
}

function describeChart(chart: ChartSpec): string {
  const series = chart.points ? chart.points.map((point) => point.label) : chart.datasets.map((dataset) => dataset.label);
  return `${chart.sourceType} (${chart.type}${chart.options.stacked ? ', stacked' : ''}${chart.options.horizontal ? ', horizontal' : ''}): ${chart.labels.length} labels, series ${series.join(', ') || 'none'}`;
}

export function RenderedResult({ result }: { result: RunResult }) {
  const host = useRef<HTMLDivElement>(null);
  const safeHtml = useMemo(() => DOMPurify.sanitize(result.html, { ADD_ATTR: ['data-table-id', 'data-chart-id'] }), [result.html]);

  useEffect(() => {
    const root = host.current;
    if (!root) return;
    for (const table of result.tables) {
      const placeholder = root.querySelector(`.pq-table[data-table-id="${CSS.escape(table.id)}"]`);
      if (placeholder) placeholder.replaceChildren(buildTable(table));
    }
    if (result.charts.length === 0) return;

    let live = true;
    const destroyers: (() => void)[] = [];
    import('../../../shared/src/chart/chart-mount')
      .then(({ mountChart }) => {
        if (!live) return;
        for (const chart of result.charts) {
          const placeholder = root.querySelector<HTMLElement>(`.pq-chart[data-chart-id="${CSS.escape(chart.id)}"]`);
          if (placeholder) destroyers.push(mountChart(placeholder, chart));
        }
      })
      .catch(() => {
        // Without the renderer the placeholders stay empty; the spec list below still describes each chart.
      });
    return () => {
      live = false;
      for (const destroy of destroyers) destroy();
    };
  }, [safeHtml, result.tables, result.charts]);

  return (
    <div data-testid="rendered-result">
      {result.warnings.length > 0 && (
        <SectionMessage appearance="warning" title="Warnings">
          <ul className="pq-problems">
            {result.warnings.map((warning, index) => (
              <li key={index}>
                <Lozenge>{warning.code}</Lozenge> {warning.message}
              </li>
            ))}
          </ul>
        </SectionMessage>
      )}
      {result.isEmpty ? (
        <p className="pq-muted" data-testid="empty-message">
          {result.emptyMessage}
        </p>
      ) : (
        <div ref={host} className="pq-rendered" dangerouslySetInnerHTML={{ __html: safeHtml }} />
      )}
      {result.charts.length > 0 && (
        <details className="pq-details">
          <summary>{`Chart specs (${result.charts.length})`}</summary>
          <ul className="pq-problems">
            {result.charts.map((chart) => (
              <li key={chart.id}>{describeChart(chart)}</li>
            ))}
          </ul>
        </details>
      )}
      <p className="pq-muted pq-small">
        {`Engine ${result.engine}. ${result.cache.hit ? 'From cache.' : 'Fresh run.'}`}
      </p>
    </div>
  );
}
