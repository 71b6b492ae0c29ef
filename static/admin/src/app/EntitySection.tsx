// One tab: the list of a kind, or the editor of one item of it.

import type { EntityKind } from '../../../../src/contract/entities';
import { EntityList } from '../components/EntityList';
import { ConverterEditor } from '../converters/ConverterEditor';
import { DatasourceEditor } from '../datasources/DatasourceEditor';
import { QueryEditor } from '../queries/QueryEditor';
import { TemplateEditor } from '../templates/TemplateEditor';
import { useNavigation, type Section } from './navigation';

/** Props every editor takes. */
export interface EditorProps {
  id?: string;
  onBack(): void;
  onSavedNew(id: string): void;
  onDeleted(): void;
  onOpen(kind: string, id: string): void;
}

const EDITORS = {
  datasource: DatasourceEditor,
  query: QueryEditor,
  converter: ConverterEditor,
  template: TemplateEditor,
} satisfies Record<EntityKind, (props: EditorProps) => React.ReactNode>;

function isSection(kind: string): kind is Section {
  return kind in EDITORS;
}

export function EntitySection({ kind, onForbidden }: { kind: EntityKind; onForbidden: () => void }) {
  const { location, navigate, replace } = useNavigation();

  if (!location.editing) {
    return <EntityList kind={kind} onOpen={(id) => navigate({ section: kind, editing: true, id })} onForbidden={onForbidden} />;
  }

  const Editor = EDITORS[kind];
  return (
    <Editor
      key={location.instance ?? location.id ?? 'new'}
      id={location.id}
      onBack={() => navigate({ section: kind, editing: false })}
      onSavedNew={(id) => replace({ ...location, id })}
      onDeleted={() => replace({ section: kind, editing: false })}
      onOpen={(otherKind, id) => {
        if (isSection(otherKind)) navigate({ section: otherKind, editing: true, id });
      }}
    />
  );
}
