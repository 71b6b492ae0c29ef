/** @jsxImportSource preact */
// The error panel: a title and what to do, worded for the caller's role. An
// admin also sees the technical details the backend marked as safe to show.

import type { WireError } from '../../../../src/contract/errors';
import { describeError, type Role } from '../error-text';

interface ErrorPanelProps {
  error: WireError;
  role: Role;
  onRetry?: () => void;
}

export function ErrorPanel({ error, role, onRetry }: ErrorPanelProps) {
  const { title, action } = describeError(error.code, role);
  const details = role === 'admin' ? adminDetails(error) : viewerDetails(error);

  return (
    <section class="pq-error" role="alert" data-error-code={error.code} data-role={role}>
      <h2 class="pq-error-title">
        <span class="pq-error-icon" aria-hidden="true">
          !
        </span>
        {title}
      </h2>
      <p class="pq-error-action">{action}</p>
      {details.length > 0 && (
        <dl class="pq-error-details">
          {details.map(([label, value], index) => (
            <div key={`${index}`}>
              <dt>{label}</dt>
              <dd>{value}</dd>
            </div>
          ))}
        </dl>
      )}
      <p class="pq-error-footer">
        <span class="pq-error-code">Error code {error.code}</span>
        {onRetry && (
          <button type="button" class="pq-button" onClick={onRetry}>
            Try again
          </button>
        )}
      </p>
    </section>
  );
}

/** Viewers see only what helps them fix their own input. */
function viewerDetails(error: WireError): [string, string][] {
  const details = error.details ?? {};
  const rows: [string, string][] = [];
  if (error.code.startsWith('PARAMETER_') && details.field) rows.push(['Parameter', details.field]);
  if (details.retryAfterSeconds !== undefined) rows.push(['Try again in', `${details.retryAfterSeconds} s`]);
  return rows;
}

function adminDetails(error: WireError): [string, string][] {
  const details = error.details ?? {};
  const rows: [string, string][] = [['Message', error.message]];

  if (error.hint) rows.push(['Hint', error.hint]);
  if (details.stage) rows.push(['Stage', details.stage]);
  if (details.entity) rows.push(['Entity', `${details.entity.kind} ${details.entity.name ?? details.entity.id ?? ''}`.trim()]);
  if (details.field) rows.push(['Field', details.field]);
  if (details.value !== undefined) rows.push(['Value', details.value]);
  if (details.line !== undefined) rows.push(['Position', details.column !== undefined ? `line ${details.line}, column ${details.column}` : `line ${details.line}`]);
  if (details.status !== undefined) rows.push(['HTTP status', String(details.status)]);
  if (details.url) rows.push(['Request', `${details.method ?? 'GET'} ${details.url}`]);
  if (details.upstreamMessage) rows.push(['Upstream message', details.upstreamMessage]);
  if (details.retryAfterSeconds !== undefined) rows.push(['Retry after', `${details.retryAfterSeconds} s`]);
  if (details.egressEntry) rows.push(['Manifest entry', details.egressEntry]);
  if (details.limit) rows.push(['Limit', `${details.limit.name} = ${details.limit.value}`]);
  for (const problem of details.problems ?? []) rows.push([`Problem: ${problem.field}`, problem.message]);
  return rows;
}
