/** @jsxImportSource preact */
// Warnings are shown small and collapsed: the data is still valid, but readers
// should know it is cut short, sent over plain http, or drawn without an option.

import type { RunWarning } from '../../../../src/contract/run';

const LABELS: Record<RunWarning['code'], string> = {
  INSECURE_HTTP: 'Loaded over plain http',
  TOKEN_EXPIRING: 'Access token expires soon',
  UPSTREAM_WARNING: 'The data source reported a warning',
  CHART_OPTION_UNSUPPORTED: 'A chart option is not supported',
  CHART_VALUE_NOT_NUMERIC: 'Some chart values are not numbers',
  TRUNCATED: 'Data was cut short',
  STALE_CACHE: 'Showing older data',
};

export function Warnings({ warnings }: { warnings: RunWarning[] }) {
  if (warnings.length === 0) return null;

  const summary = warnings.length === 1 ? (LABELS[warnings[0]!.code] ?? 'Warning') : `${warnings.length} warnings`;
  return (
    <details class="pq-warnings" data-warning-codes={warnings.map((warning) => warning.code).join(' ')}>
      <summary>
        <span class="pq-warning-icon" aria-hidden="true">
          ⚠
        </span>
        {summary}
      </summary>
      <ul>
        {warnings.map((warning, index) => (
          <li key={index} data-code={warning.code}>
            <strong>{LABELS[warning.code] ?? warning.code}:</strong> {warning.message}
          </li>
        ))}
      </ul>
    </details>
  );
}
