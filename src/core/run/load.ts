// Loading the entities a run needs, with errors that name what is missing.

import type { EntityByKind, EntityKind, Query } from '../../contract/entities';
import { AppError } from '../../errors/app-error';
import type { TemplateLookup, TemplateSource } from '../template';
import type { EntityReader } from './types';

export async function requireEntity<K extends EntityKind>(entities: EntityReader, kind: K, id: string, query: Pick<Query, 'name'>): Promise<EntityByKind[K]> {
  const entity = await entities.find(kind, id);
  if (entity) return entity;
  throw new AppError('ENTITY_NOT_FOUND', `Query "${query.name}" uses ${kind} "${id}", which does not exist.`, {
    hint: `Select an existing ${kind} in the query, or import the missing one.`,
    details: { entity: { kind, id } },
  });
}

/** Loads every template when the main template includes others; velocityjs renders synchronously, so includes cannot load on demand. */
export async function templateLookup(entities: EntityReader, source: string): Promise<TemplateLookup | undefined> {
  if (!/PQ\s*\.\s*template/.test(source)) return undefined;
  const templates: TemplateSource[] = (await entities.listEntities('template')).map((template) => ({
    id: template.id,
    name: template.name,
    source: template.source,
  }));
  return {
    byId: (id) => templates.find((template) => template.id === id),
    byName: (name) => templates.find((template) => template.name === name),
  };
}
