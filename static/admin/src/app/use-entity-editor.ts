// Loading, editing and saving one entity with optimistic versions. Every save
// sends the version the edit started from. A CONFLICT keeps the admin's draft
// and offers to reload or to overwrite, so nothing is overwritten silently.

import { useCallback, useEffect, useRef, useState } from 'react';
import type { DatasourceView, EntityDraft, EntityKind, SecretChanges } from '../../../../src/contract/entities';
import type { WireError } from '../../../../src/contract/errors';
import { toWireError } from '../api/client';
import { ENTITY_API } from '../api/entities';

export interface EditorState<K extends EntityKind> {
  status: 'loading' | 'ready' | 'failed';
  draft: EntityDraft<K>;
  /** Version the draft is based on; undefined for a new entity. */
  version?: number;
  updatedAt?: string;
  updatedBy?: string;
  secrets?: DatasourceView['secrets'];
  dirty: boolean;
  saving: boolean;
  error?: WireError;
  conflict: boolean;
  /** After a CONFLICT: the stored version that won, to show what differs. */
  theirs?: { draft: EntityDraft<K>; version: number; updatedBy?: string };
  /** Shown after a successful save: "Saved" plus any warnings from the backend. */
  savedNotice?: { at: number; warnings: string[] };
}

export interface EntityEditor<K extends EntityKind> extends EditorState<K> {
  update(change: (draft: EntityDraft<K>) => EntityDraft<K>): void;
  save(secrets?: SecretChanges): Promise<boolean>;
  reload(): Promise<void>;
  /** After a conflict: save the draft over the newer stored version, on the admin's explicit choice. */
  overwrite(secrets?: SecretChanges): Promise<boolean>;
  remove(): Promise<boolean>;
  clearError(): void;
}

const snapshot = (draft: unknown) => JSON.stringify(draft);

export function useEntityEditor<K extends EntityKind>(
  kind: K,
  id: string | undefined,
  createDraft: () => EntityDraft<K>,
  onSavedNew: (id: string) => void,
): EntityEditor<K> {
  const api = ENTITY_API[kind];
  const [state, setState] = useState<Omit<EditorState<K>, 'dirty'>>(() => ({
    status: id ? 'loading' : 'ready',
    draft: createDraft(),
    saving: false,
    conflict: false,
  }));
  const savedSnapshot = useRef<string>(id ? '' : snapshot(state.draft));
  const idRef = useRef(id);

  const load = useCallback(async (entityId: string) => {
    try {
      const loaded = await api.get(entityId);
      savedSnapshot.current = snapshot(loaded.draft);
      setState((previous) => ({
        ...previous,
        status: 'ready',
        draft: loaded.draft,
        version: loaded.version,
        updatedAt: loaded.updatedAt,
        updatedBy: loaded.updatedBy,
        secrets: loaded.secrets,
        conflict: false,
        theirs: undefined,
        error: undefined,
      }));
    } catch (caught) {
      setState((previous) => ({ ...previous, status: previous.status === 'loading' ? 'failed' : previous.status, error: toWireError(caught) }));
    }
  }, [api]);

  useEffect(() => {
    if (id) void load(id);
    // Load once per opened editor; later loads are explicit (reload, after save).
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  const update = useCallback((change: (draft: EntityDraft<K>) => EntityDraft<K>) => {
    setState((previous) => ({ ...previous, draft: change(previous.draft), savedNotice: undefined }));
  }, []);

  const loadTheirs = useCallback(
    async (entityId: string) => {
      try {
        const latest = await api.get(entityId);
        setState((previous) => ({ ...previous, theirs: { draft: latest.draft, version: latest.version, updatedBy: latest.updatedBy } }));
      } catch {
        // The conflict message is complete without the comparison, which is only a convenience.
      }
    },
    [api],
  );

  const saveWithBase = useCallback(
    async (baseVersion: number | undefined, secrets?: SecretChanges): Promise<boolean> => {
      setState((previous) => ({ ...previous, saving: true, error: undefined }));
      try {
        const outcome = await api.save(state.draft, baseVersion, secrets);
        const isNew = idRef.current === undefined;
        idRef.current = outcome.id;
        await load(outcome.id);
        setState((previous) => ({ ...previous, saving: false, savedNotice: { at: Date.now(), warnings: outcome.warnings } }));
        if (isNew) onSavedNew(outcome.id);
        return true;
      } catch (caught) {
        const error = toWireError(caught);
        setState((previous) => ({ ...previous, saving: false, error, conflict: error.code === 'CONFLICT', theirs: undefined }));
        if (error.code === 'CONFLICT' && idRef.current) await loadTheirs(idRef.current);
        return false;
      }
    },
    [api, state.draft, load, loadTheirs, onSavedNew],
  );

  const save = useCallback((secrets?: SecretChanges) => saveWithBase(state.version, secrets), [saveWithBase, state.version]);

  const overwrite = useCallback(
    async (secrets?: SecretChanges) => {
      if (!idRef.current) return false;
      try {
        const latest = await api.get(idRef.current);
        return await saveWithBase(latest.version, secrets);
      } catch (caught) {
        setState((previous) => ({ ...previous, error: toWireError(caught) }));
        return false;
      }
    },
    [api, saveWithBase],
  );

  const reload = useCallback(async () => {
    if (idRef.current) await load(idRef.current);
  }, [load]);

  const remove = useCallback(async () => {
    if (!idRef.current) return true;
    try {
      await api.remove(idRef.current);
      savedSnapshot.current = snapshot(state.draft);
      return true;
    } catch (caught) {
      setState((previous) => ({ ...previous, error: toWireError(caught) }));
      return false;
    }
  }, [api, state.draft]);

  const clearError = useCallback(() => setState((previous) => ({ ...previous, error: undefined, conflict: false })), []);

  const dirty = state.status === 'ready' && snapshot(state.draft) !== savedSnapshot.current;
  return { ...state, dirty, update, save, reload, overwrite, remove, clearError };
}
