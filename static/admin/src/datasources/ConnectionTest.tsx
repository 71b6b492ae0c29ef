// "Test connection": calls the saved datasource's test path and shows status,
// latency, whether the credentials were accepted, TLS and redirect notes, and
// the error with what to do.

import { useState } from 'react';
import Button from '@atlaskit/button/new';
import Lozenge from '@atlaskit/lozenge';
import type { ConnectionTestResult } from '../../../../src/contract/connection';
import type { WireError } from '../../../../src/contract/errors';
import { call, toWireError } from '../api/client';
import { ErrorPanel } from '../components/ErrorPanel';
import { formatMs } from '../components/format';

const AUTH_OUTCOME: Record<ConnectionTestResult['auth'], { text: string; appearance: 'success' | 'removed' | 'default' }> = {
  accepted: { text: 'credentials accepted', appearance: 'success' },
  rejected: { text: 'credentials rejected', appearance: 'removed' },
  'not-sent': { text: 'no credentials sent', appearance: 'default' },
  unknown: { text: 'credentials not checked', appearance: 'default' },
};

export function ConnectionTest({ id, disabledReason }: { id?: string; disabledReason?: string }) {
  const [running, setRunning] = useState(false);
  const [result, setResult] = useState<ConnectionTestResult | undefined>();
  const [error, setError] = useState<WireError | undefined>();

  const run = async () => {
    if (!id) return;
    setRunning(true);
    setError(undefined);
    try {
      setResult(await call('datasources/test', { id }));
    } catch (caught) {
      setResult(undefined);
      setError(toWireError(caught));
    } finally {
      setRunning(false);
    }
  };

  return (
    <section className="pq-card" aria-label="Test connection" data-testid="connection-test">
      <div className="pq-inline">
        <Button onClick={() => void run()} isLoading={running} isDisabled={!id || Boolean(disabledReason)} testId="test-connection">
          Test connection
        </Button>
        {disabledReason && <span className="pq-muted">{disabledReason}</span>}
      </div>
      {error && <ErrorPanel error={error} />}
      {result && (
        <div className="pq-test-result" role="status" data-testid="connection-result" data-ok={String(result.ok)}>
          <div className="pq-inline">
            <Lozenge appearance={result.ok ? 'success' : 'removed'} isBold>
              {result.ok ? 'connected' : 'failed'}
            </Lozenge>
            {result.status !== undefined && <span className="pq-mono">HTTP {result.status}</span>}
            <span>{formatMs(result.latencyMs)}</span>
            <Lozenge appearance={AUTH_OUTCOME[result.auth].appearance}>{AUTH_OUTCOME[result.auth].text}</Lozenge>
            <Lozenge appearance={result.tls.used ? 'success' : 'removed'}>{result.tls.used ? 'TLS' : 'no TLS'}</Lozenge>
          </div>
          <p className="pq-mono pq-small">{result.url}</p>
          {result.tls.note && <p>TLS: {result.tls.note}</p>}
          {result.redirects.length > 0 && (
            <>
              <p>Redirected through:</p>
              <ol className="pq-problems">
                {result.redirects.map((redirect, index) => (
                  <li key={index} className="pq-mono">
                    {redirect}
                  </li>
                ))}
              </ol>
            </>
          )}
          {result.notes.length > 0 && (
            <ul className="pq-problems">
              {result.notes.map((note, index) => (
                <li key={index}>{note}</li>
              ))}
            </ul>
          )}
          {result.error && <ErrorPanel error={result.error} />}
        </div>
      )}
    </section>
  );
}
