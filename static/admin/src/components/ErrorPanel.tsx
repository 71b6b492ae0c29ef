// Shows a backend error the same way everywhere: the title and what to do for
// its code, the backend's message, and every safe detail it carries.

import Button from '@atlaskit/button/new';
import SectionMessage from '@atlaskit/section-message';
import type { WireError } from '../../../../src/contract/errors';
import { adviceFor } from '../api/error-catalog';

interface Props {
  error: WireError;
  /** Opens an entity named in the error (IN_USE lists them). */
  onOpen?: (kind: string, id: string) => void;
  /** Extra buttons, e.g. "Reload" for a conflict. */
  actions?: React.ReactNode;
  /** Extra content above the buttons, e.g. the fields a conflict touches. */
  extra?: React.ReactNode;
}

export function ErrorPanel({ error, onOpen, actions, extra }: Props) {
  const advice = adviceFor(error.code);
  const details = error.details ?? {};
  const position = details.line !== undefined ? `line ${details.line}${details.column !== undefined ? `, column ${details.column}` : ''}` : undefined;

  return (
    <div className="pq-notice" data-testid="error-panel" data-error-code={error.code} role="alert">
      <SectionMessage appearance={error.code === 'CONFLICT' || error.code === 'IN_USE' ? 'warning' : 'error'} title={advice.title}>
        <p>{error.message}</p>
        {position && <p className="pq-mono">At {position}{details.stage ? ` (${details.stage} stage)` : ''}.</p>}
        {!position && details.stage && <p>Failed in the {details.stage} stage.</p>}
        {details.status !== undefined && (
          <p className="pq-mono">
            HTTP {details.status}
            {details.method ? ` ${details.method}` : ''}
            {details.url ? ` ${details.url}` : ''}
          </p>
        )}
        {details.upstreamMessage && <p>The API said: “{details.upstreamMessage}”</p>}
        {details.field && !details.problems && (
          <p>
            Field <code>{details.field}</code>
            {details.value !== undefined ? (
              <>
                {' '}
                with value <code>{details.value}</code>
              </>
            ) : null}
          </p>
        )}
        {details.problems && details.problems.length > 0 && (
          <ul className="pq-problems">
            {details.problems.map((problem, index) => (
              <li key={index}>
                <code>{problem.field}</code>: {problem.message}
              </li>
            ))}
          </ul>
        )}
        {details.usedBy && details.usedBy.length > 0 && (
          <>
            <p>Used by:</p>
            <ul className="pq-problems" data-testid="used-by">
              {details.usedBy.map((user) => (
                <li key={`${user.kind}:${user.id}`}>
                  {onOpen ? (
                    <Button appearance="subtle" spacing="compact" onClick={() => onOpen(user.kind, user.id)}>
                      {`${user.kind} “${user.name}”`}
                    </Button>
                  ) : (
                    `${user.kind} “${user.name}”`
                  )}
                </li>
              ))}
            </ul>
          </>
        )}
        {details.retryAfterSeconds !== undefined && <p>The API asks to wait {details.retryAfterSeconds} seconds.</p>}
        {details.limit && (
          <p>
            Limit <code>{details.limit.name}</code> is {details.limit.value}.
          </p>
        )}
        {details.egressEntry && (
          <p>
            Manifest entry: <code>{details.egressEntry}</code>
          </p>
        )}
        <p>
          <strong>What to do: </strong>
          {error.hint ?? advice.action}
        </p>
        {extra}
        {actions && <div className="pq-actions">{actions}</div>}
      </SectionMessage>
    </div>
  );
}
