// The frame around every editor: back to the list, title, state lozenges,
// Save and Delete, the conflict choice and the last error. Ctrl+S (Cmd+S)
// saves from anywhere inside the editor.

import { useState, type ReactNode } from 'react';
import Button from '@atlaskit/button/new';
import Heading from '@atlaskit/heading';
import Lozenge from '@atlaskit/lozenge';
import Modal, { ModalBody, ModalFooter, ModalHeader, ModalTitle, ModalTransition } from '@atlaskit/modal-dialog';
import SectionMessage from '@atlaskit/section-message';
import Spinner from '@atlaskit/spinner';
import type { EntityKind } from '../../../../src/contract/entities';
import { KIND_LABEL } from '../api/entities';
import type { EntityEditor } from '../app/use-entity-editor';
import { ConflictDiff } from './ConflictDiff';
import { ErrorPanel } from './ErrorPanel';
import { formatRelative } from './format';

interface Props<K extends EntityKind> {
  kind: K;
  editor: EntityEditor<K>;
  isNew: boolean;
  /** Unsaved changes outside the draft, e.g. a secret typed but not saved. */
  extraDirty?: boolean;
  badges?: ReactNode;
  onBack(): void;
  onSave(): void;
  onOverwrite(): void;
  onDeleted(): void;
  onOpen(kind: string, id: string): void;
  children: ReactNode;
}

export function EditorShell<K extends EntityKind>(props: Props<K>) {
  const { kind, editor, isNew, badges, onBack, onSave, onOverwrite, onDeleted, onOpen, children } = props;
  const [confirmDelete, setConfirmDelete] = useState(false);
  const [deleting, setDeleting] = useState(false);
  const label = KIND_LABEL[kind];
  const dirty = editor.dirty || Boolean(props.extraDirty);

  const deleteNow = async () => {
    setDeleting(true);
    const deleted = await editor.remove();
    setDeleting(false);
    setConfirmDelete(false);
    if (deleted) onDeleted();
  };

  const onKeyDown = (event: React.KeyboardEvent) => {
    if ((event.ctrlKey || event.metaKey) && event.key.toLowerCase() === 's') {
      event.preventDefault();
      if (!editor.saving) onSave();
    }
  };

  if (editor.status === 'loading') {
    return (
      <div className="pq-center" role="status" aria-label={`Loading ${label.one}`}>
        <Spinner size="large" />
      </div>
    );
  }

  return (
    <section className="pq-editor" aria-label={`${isNew ? 'New' : 'Edit'} ${label.one}`} onKeyDown={onKeyDown} data-testid={`editor-${kind}`}>
      <div className="pq-editor__top">
        <Button appearance="subtle" onClick={onBack} testId="back-to-list">
          {`← All ${label.many.toLowerCase()}`}
        </Button>
      </div>
      <div className="pq-editor__header">
        <div className="pq-editor__title">
          <Heading size="medium" as="h2">
            {editor.draft.name || (isNew ? `New ${label.one}` : 'Untitled')}
          </Heading>
          <span className="pq-badges">
            {dirty && (
              <span data-testid="unsaved-badge">
                <Lozenge appearance="moved">unsaved changes</Lozenge>
              </span>
            )}
            {isNew && !dirty && <Lozenge>not saved yet</Lozenge>}
            {badges}
          </span>
          {editor.updatedAt && (
            <span className="pq-muted pq-small">
              {`Version ${editor.version ?? ''}, changed ${formatRelative(editor.updatedAt)}`}
              {editor.updatedBy ? ` by ${editor.updatedBy}` : ''}
            </span>
          )}
        </div>
        <div className="pq-actions">
          {!isNew && (
            <Button appearance="subtle" onClick={() => setConfirmDelete(true)} testId="delete">
              Delete
            </Button>
          )}
          <Button appearance="primary" onClick={onSave} isLoading={editor.saving} isDisabled={editor.status !== 'ready'} testId="save">
            Save
          </Button>
        </div>
      </div>

      {editor.conflict && editor.error ? (
        <ErrorPanel
          error={editor.error}
          extra={editor.theirs && <ConflictDiff mine={editor.draft} theirs={editor.theirs.draft} author={editor.theirs.updatedBy} />}
          actions={
            <>
              <Button onClick={() => void editor.reload()} testId="conflict-reload">
                Reload their version (discard mine)
              </Button>
              <Button appearance="warning" onClick={onOverwrite} testId="conflict-overwrite">
                Overwrite with my changes
              </Button>
            </>
          }
        />
      ) : (
        editor.error && <ErrorPanel error={editor.error} onOpen={onOpen} />
      )}
      {editor.savedNotice && !dirty && (
        <div className="pq-notice" data-testid="saved-notice" role="status">
          <SectionMessage appearance={editor.savedNotice.warnings.length > 0 ? 'warning' : 'success'} title="Saved">
            {editor.savedNotice.warnings.length > 0 && (
              <ul className="pq-problems">
                {editor.savedNotice.warnings.map((warning) => (
                  <li key={warning}>{warning}</li>
                ))}
              </ul>
            )}
          </SectionMessage>
        </div>
      )}

      {editor.status === 'failed' ? null : children}

      <ModalTransition>
        {confirmDelete && (
          <Modal onClose={() => setConfirmDelete(false)} testId="delete-dialog">
            <ModalHeader>
              <ModalTitle appearance="danger">{`Delete ${label.one} “${editor.draft.name}”?`}</ModalTitle>
            </ModalHeader>
            <ModalBody>
              {kind === 'datasource'
                ? 'The datasource and its stored credentials are deleted. This cannot be undone.'
                : 'This cannot be undone. Deleting is refused while other items use it.'}
            </ModalBody>
            <ModalFooter>
              <Button appearance="subtle" onClick={() => setConfirmDelete(false)} autoFocus>
                Cancel
              </Button>
              <Button appearance="danger" onClick={() => void deleteNow()} isLoading={deleting} testId="confirm-delete">
                Delete
              </Button>
            </ModalFooter>
          </Modal>
        )}
      </ModalTransition>
    </section>
  );
}
