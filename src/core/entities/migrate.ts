// Stored entities carry `schemaVersion` and are brought up to the current
// version on read, so records written by older releases (or imported from
// older export files) keep working without a bulk rewrite.

import type { Entity, EntityKind } from '../../contract/entities';
import { AppError } from '../../errors/app-error';
import { checkShape } from './shape';

export const CURRENT_SCHEMA_VERSION = 1;

/** An entity as stored: everything but `version`, which the store keeps. */
export type StoredEntity = Omit<Entity, 'version'>;

type Migration = (record: Record<string, unknown>, kind: EntityKind) => Record<string, unknown>;

/** Index i migrates from version i to i + 1. */
const MIGRATIONS: Migration[] = [
  // Version 0 predates `schemaVersion`: optional fields may be missing, so fill the schema defaults.
  (record, kind) => {
    const { id, schemaVersion: _unused, updatedAt, updatedBy, ...draft } = record;
    const { value } = checkShape(kind, { ...draft, kind });
    return { ...value, id, updatedAt: updatedAt ?? new Date(0).toISOString(), ...(updatedBy === undefined ? {} : { updatedBy }), schemaVersion: 1 };
  },
];

/** Brings a stored record to the current schema version and adds the store's `version`. */
export function migrateOnRead(kind: EntityKind, raw: unknown, version: number): Entity {
  let record = { ...(raw as Record<string, unknown>) };
  let schemaVersion = typeof record.schemaVersion === 'number' ? record.schemaVersion : 0;

  if (schemaVersion > CURRENT_SCHEMA_VERSION) {
    throw new AppError('INTERNAL_ERROR', `The ${kind} ${String(record.id)} was saved by a newer version of the app (schema ${schemaVersion}).`, {
      hint: 'Update the app to the latest version; this version cannot read the record safely.',
      details: { entity: { kind, id: String(record.id) } },
    });
  }

  while (schemaVersion < CURRENT_SCHEMA_VERSION) {
    record = (MIGRATIONS[schemaVersion] as Migration)(record, kind);
    schemaVersion += 1;
  }
  return { ...record, kind, version } as unknown as Entity;
}
