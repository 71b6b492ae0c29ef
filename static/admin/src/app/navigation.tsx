// Navigation state (section and open editor) and the guard that stops an
// admin from leaving an editor with unsaved changes, inside the page or by closing it.

import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import Button from '@atlaskit/button/new';
import Modal, { ModalBody, ModalFooter, ModalHeader, ModalTitle, ModalTransition } from '@atlaskit/modal-dialog';
import type { EntityKind } from '../../../../src/contract/entities';

export type Section = EntityKind | 'transfer';

/** `id` undefined with `editing` true means a new entity. */
export interface Location {
  section: Section;
  editing: boolean;
  id?: string;
  /** Identifies one opening of an editor, so saving a new entity (which gives it an id) keeps the editor mounted. */
  instance?: number;
}

interface NavigationValue {
  location: Location;
  /** Moves to `next`, asking first when the open editor has unsaved changes. */
  navigate(next: Location): void;
  /** Replaces the location without asking, e.g. after a new entity got its id. */
  replace(next: Location): void;
  setDirty(dirty: boolean): void;
  /** Response body captured from a query preview, offered as converter sample input. */
  capturedSample?: { queryName: string; body: string };
  captureSample(sample: { queryName: string; body: string }): void;
}

const NavigationContext = createContext<NavigationValue | undefined>(undefined);

export function useNavigation(): NavigationValue {
  const value = useContext(NavigationContext);
  if (!value) throw new Error('useNavigation must be used inside NavigationProvider.');
  return value;
}

/** Registers the editor's dirty state with the guard and clears it on unmount. */
export function useUnsavedGuard(dirty: boolean): void {
  const { setDirty } = useNavigation();
  useEffect(() => {
    setDirty(dirty);
  }, [dirty, setDirty]);
  useEffect(() => () => setDirty(false), [setDirty]);
}

export function NavigationProvider({ children }: { children: ReactNode }) {
  const [location, setLocation] = useState<Location>({ section: 'datasource', editing: false });
  const [pending, setPending] = useState<Location | undefined>();
  const [capturedSample, setCapturedSample] = useState<{ queryName: string; body: string } | undefined>();
  const dirtyRef = useRef(false);

  const setDirty = useCallback((dirty: boolean) => {
    dirtyRef.current = dirty;
  }, []);

  const navigate = useCallback((target: Location) => {
    const next = { ...target, instance: Date.now() };
    if (dirtyRef.current) setPending(next);
    else setLocation(next);
  }, []);

  // Closing or reloading the page: the browser shows its own confirmation.
  useEffect(() => {
    const onBeforeUnload = (event: BeforeUnloadEvent) => {
      if (!dirtyRef.current) return;
      event.preventDefault();
      event.returnValue = '';
    };
    window.addEventListener('beforeunload', onBeforeUnload);
    return () => window.removeEventListener('beforeunload', onBeforeUnload);
  }, []);

  const value = useMemo<NavigationValue>(
    () => ({
      location,
      navigate,
      replace: setLocation,
      setDirty,
      capturedSample,
      captureSample: setCapturedSample,
    }),
    [location, navigate, setDirty, capturedSample],
  );

  const discard = () => {
    dirtyRef.current = false;
    if (pending) setLocation(pending);
    setPending(undefined);
  };

  return (
    <NavigationContext.Provider value={value}>
      {children}
      <ModalTransition>
        {pending && (
          <Modal onClose={() => setPending(undefined)} testId="unsaved-dialog">
            <ModalHeader>
              <ModalTitle appearance="warning">Discard unsaved changes?</ModalTitle>
            </ModalHeader>
            <ModalBody>You changed this item and did not save it. Leaving now discards your changes.</ModalBody>
            <ModalFooter>
              <Button appearance="subtle" onClick={() => setPending(undefined)} autoFocus>
                Keep editing
              </Button>
              <Button appearance="warning" onClick={discard}>
                Discard changes
              </Button>
            </ModalFooter>
          </Modal>
        )}
      </ModalTransition>
    </NavigationContext.Provider>
  );
}
