/** @jsxImportSource preact */
// Shows a RunResult: the sanitized template HTML with the default tables and
// charts mounted into their placeholders. The macro view and the configuration
// dialog's preview both use it.

import { render } from 'preact';
import { useLayoutEffect, useRef } from 'preact/hooks';
import type { RunResult } from '../../../../src/contract/run';
import { DataTable } from '../table/data-table';
import { sanitizeTemplateHtml } from './sanitize';
import { openLink } from '../platform';

interface ResultViewProps {
  result: RunResult;
  siteUrl: string;
}

export function ResultView({ result, siteUrl }: ResultViewProps) {
  const containerRef = useRef<HTMLDivElement>(null);

  // A layout effect mounts the table before the browser paints, saving a frame on first display.
  useLayoutEffect(() => {
    const container = containerRef.current;
    if (container === null) return;

    container.replaceChildren(sanitizeTemplateHtml(result.html));
    const cleanups: (() => void)[] = [];

    for (const table of result.tables) {
      const placeholder = findPlaceholder(container, 'pq-table', 'data-table-id', table.id);
      render(<DataTable table={table} />, placeholder);
      cleanups.push(() => render(null, placeholder));
    }

    let isCurrent = true;
    if (result.charts.length > 0) {
      const placeholders = result.charts.map((spec) => findPlaceholder(container, 'pq-chart', 'data-chart-id', spec.id));
      // chart.js is loaded only for results that have charts, so a table-only macro stays small.
      import('../chart/chart-mount')
        .then(({ mountChart }) => {
          if (!isCurrent) return;
          result.charts.forEach((spec, index) => {
            const placeholder = placeholders[index]!;
            try {
              cleanups.push(mountChart(placeholder, spec));
            } catch (error) {
              console.error(`Chart ${spec.id} could not be drawn`, error);
              placeholder.textContent = 'This chart could not be drawn.';
            }
          });
        })
        .catch((error: unknown) => {
          console.error('The chart library could not be loaded', error);
          for (const placeholder of placeholders) placeholder.textContent = 'Charts could not be loaded. Reload the page to try again.';
        });
    }

    return () => {
      isCurrent = false;
      for (const cleanup of cleanups) cleanup();
    };
  }, [result]);

  // Plain anchors do not navigate inside a Forge iframe; every link goes through the router.
  const onClick = (event: MouseEvent) => {
    const anchor = (event.target as Element | null)?.closest?.('a[href]');
    if (!(anchor instanceof HTMLAnchorElement)) return;

    const href = anchor.getAttribute('href') ?? '';
    if (href.startsWith('#')) return;

    event.preventDefault();
    const url = href.startsWith('/') && siteUrl !== '' ? new URL(href, siteUrl).href : href;
    openLink(url, siteUrl).catch((error: unknown) => console.error('Link could not be opened', error));
  };

  return <div class="pq-result" ref={containerRef} onClick={onClick} />;
}

/**
 * Returns the placeholder the template put in its HTML, or appends one when
 * the template left it out, so a table or chart in the result is never lost.
 */
function findPlaceholder(container: HTMLElement, className: string, attribute: string, id: string): HTMLElement {
  for (const element of container.querySelectorAll<HTMLElement>(`div.${className}[${attribute}]`)) {
    if (element.getAttribute(attribute) === id) return element;
  }

  const placeholder = document.createElement('div');
  placeholder.className = className;
  placeholder.setAttribute(attribute, id);
  container.append(placeholder);
  return placeholder;
}
