// The admin page: checks that the caller is an admin, then shows one tab per
// entity kind plus import and export.

import { useEffect, useState } from 'react';
import Button from '@atlaskit/button/new';
import Heading from '@atlaskit/heading';
import Spinner from '@atlaskit/spinner';
import Tabs, { Tab, TabList, TabPanel } from '@atlaskit/tabs';
import type { WireError } from '../../../../src/contract/errors';
import { call, toWireError } from '../api/client';
import { ErrorBoundary } from '../components/ErrorBoundary';
import { ErrorPanel } from '../components/ErrorPanel';
import { ForbiddenState } from '../components/ForbiddenState';
import { EntitySection } from './EntitySection';
import { NavigationProvider, useNavigation, type Section } from './navigation';
import { TransferSection } from '../transfer/TransferSection';

const SECTIONS: { id: Section; label: string }[] = [
  { id: 'datasource', label: 'Datasources' },
  { id: 'query', label: 'Queries' },
  { id: 'converter', label: 'Converters' },
  { id: 'template', label: 'Templates' },
  { id: 'transfer', label: 'Import and export' },
];

type Session = { state: 'loading' } | { state: 'admin' } | { state: 'forbidden' } | { state: 'failed'; error: WireError };

export function App() {
  const [session, setSession] = useState<Session>({ state: 'loading' });
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    setSession({ state: 'loading' });
    call('session/whoami', {})
      .then((who) => setSession(who.isAdmin ? { state: 'admin' } : { state: 'forbidden' }))
      .catch((error: unknown) => {
        const wire = toWireError(error);
        setSession(wire.code === 'FORBIDDEN' ? { state: 'forbidden' } : { state: 'failed', error: wire });
      });
  }, [attempt]);

  return (
    <main className="pq-admin">
      <header className="pq-admin__header">
        <Heading size="large" as="h1">
          REST data
        </Heading>
        <p className="pq-muted">Datasources, queries, converters and templates that pages use to show live data.</p>
      </header>
      {session.state === 'loading' && (
        <div className="pq-center" role="status" aria-label="Loading">
          <Spinner size="large" />
        </div>
      )}
      {session.state === 'forbidden' && <ForbiddenState />}
      {session.state === 'failed' && (
        <ErrorPanel error={session.error} actions={<Button onClick={() => setAttempt((count) => count + 1)}>Try again</Button>} />
      )}
      {session.state === 'admin' && (
        <ErrorBoundary>
          <NavigationProvider>
            <Sections onForbidden={() => setSession({ state: 'forbidden' })} />
          </NavigationProvider>
        </ErrorBoundary>
      )}
    </main>
  );
}

function Sections({ onForbidden }: { onForbidden: () => void }) {
  const { location, navigate } = useNavigation();
  const selected = SECTIONS.findIndex((section) => section.id === location.section);

  return (
    <Tabs
      id="pq-sections"
      selected={selected}
      onChange={(index) => {
        const target = SECTIONS[index];
        if (target && target.id !== location.section) navigate({ section: target.id, editing: false });
      }}
    >
      <TabList>
        {SECTIONS.map((section) => (
          <Tab key={section.id} testId={`tab-${section.id}`}>
            {section.label}
          </Tab>
        ))}
      </TabList>
      {SECTIONS.map((section) => (
        <TabPanel key={section.id}>
          <div className="pq-panel">
            {section.id === location.section &&
              (section.id === 'transfer' ? (
                <TransferSection onForbidden={onForbidden} />
              ) : (
                <EntitySection kind={section.id} onForbidden={onForbidden} />
              ))}
          </div>
        </TabPanel>
      ))}
    </Tabs>
  );
}
