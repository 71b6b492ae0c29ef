// `pq validate`: every entity in the config file, every problem listed with
// its entity and, for sources, its line. It runs the checks the admin page
// runs on save (schema, datasource and query rules), then the references
// between entities, the secret variables and the converter and template syntax.

import type { EntityKind } from '../contract/entities';
import { createConverterRuntime } from '../core/convert';
import { checkDatasource, checkQuery, checkShape } from '../core/entities';
import { checkTemplateSyntax } from '../core/template';
import type { ValidateArguments } from './args';
import { loadConfig } from './config';

export interface ValidationProblem {
  entity: string;
  line?: number;
  column?: number;
  message: string;
}

/** Fields an export carries besides the draft: bookkeeping the schema does not accept, and the CLI's secret variables. */
const EXPORT_ONLY_FIELDS = ['schemaVersion', 'version', 'updatedAt', 'updatedBy', 'secretEnv'];

const SECTIONS: { kind: EntityKind; key: 'datasources' | 'queries' | 'converters' | 'templates' }[] = [
  { kind: 'datasource', key: 'datasources' },
  { kind: 'query', key: 'queries' },
  { kind: 'converter', key: 'converters' },
  { kind: 'template', key: 'templates' },
];

export async function validateCommand(args: ValidateArguments): Promise<ValidationProblem[]> {
  const { byKind, file } = await loadConfig(args.config);
  const problems: ValidationProblem[] = [];
  const label = (kind: EntityKind, entity: { name?: unknown; id?: unknown }, position: number) =>
    `${kind} "${typeof entity.name === 'string' && entity.name !== '' ? entity.name : typeof entity.id === 'string' ? entity.id : `#${position + 1}`}"`;

  // Schema first: the rule checks below read fields the schema guarantees, so an entity with a bad shape skips them.
  const shapeOk = new Set<string>();
  for (const { kind, key } of SECTIONS) {
    const seen = new Set<string>();
    for (const [position, raw] of ((file[key] ?? []) as unknown[]).entries()) {
      const entity = (typeof raw === 'object' && raw !== null ? raw : {}) as Record<string, unknown>;
      const name = label(kind, entity, position);
      const draft = Object.fromEntries(Object.entries(entity).filter(([field]) => !EXPORT_ONLY_FIELDS.includes(field)));
      const shape = checkShape(kind, { ...draft, kind });
      for (const problem of shape.problems) problems.push({ entity: name, message: problem.message });
      if (typeof entity.id !== 'string' || entity.id === '') {
        problems.push({ entity: name, message: `id is missing. Every entity in a config file needs one, because queries refer to the others by id.` });
      } else {
        if (seen.has(entity.id)) problems.push({ entity: name, message: `id "${entity.id}" is used by another ${kind}. Give each ${kind} its own id.` });
        seen.add(entity.id);
        if (shape.problems.length === 0) shapeOk.add(`${kind}:${entity.id}`);
      }
    }
  }

  const ids = (list: { id: string }[]) => new Set(list.map((entity) => entity.id));
  const datasourceIds = ids(byKind.datasource);
  const converterIds = ids(byKind.converter);
  const templateIds = ids(byKind.template);

  for (const datasource of file.datasources ?? []) {
    const entity = `datasource "${datasource.name}"`;
    const stored = byKind.datasource.find((candidate) => candidate.id === datasource.id);
    if (stored && shapeOk.has(`datasource:${datasource.id}`)) {
      for (const problem of checkDatasource(stored).problems) problems.push({ entity, message: problem.message });
    }
    if (datasource.auth?.kind === 'basic' || datasource.auth?.kind === 'token') {
      const secret = datasource.auth.kind === 'basic' ? 'password' : 'token';
      if (!datasource.secretEnv?.[secret]) problems.push({ entity, message: `secretEnv.${secret} must name the environment variable holding the ${secret}.` });
    }
  }

  for (const query of byKind.query) {
    // A query whose shape is wrong already has its problems listed; its references may not even be strings.
    if (!shapeOk.has(`query:${query.id}`)) continue;
    const entity = `query "${query.name}"`;
    if (!datasourceIds.has(query.datasourceId)) problems.push({ entity, message: `Datasource "${query.datasourceId}" does not exist.` });
    if (query.converterId && !converterIds.has(query.converterId)) problems.push({ entity, message: `Converter "${query.converterId}" does not exist.` });
    if (query.templateId && !templateIds.has(query.templateId)) problems.push({ entity, message: `Template "${query.templateId}" does not exist.` });
    for (const problem of checkQuery(query).problems) problems.push({ entity, message: problem.message });
  }

  for (const template of byKind.template) {
    if (typeof template.source !== 'string') continue;
    for (const problem of checkTemplateSyntax(template.source)) {
      problems.push({ entity: `template "${template.name}"`, line: problem.line, column: problem.column, message: problem.message });
    }
  }

  const converters = byKind.converter.filter((converter) => typeof converter.source === 'string');
  if (converters.length > 0) {
    const runtime = await createConverterRuntime();
    try {
      for (const converter of converters) {
        const result = await runtime.checkSyntax(converter.source);
        if (!result.ok) problems.push({ entity: `converter "${converter.name}"`, line: result.line, column: result.column, message: result.message });
      }
    } finally {
      await runtime.dispose();
    }
  }
  return problems;
}

export function formatProblem(problem: ValidationProblem): string {
  const where = problem.line !== undefined ? `:${problem.line}${problem.column !== undefined ? `:${problem.column}` : ''}` : '';
  return `${problem.entity}${where}: ${problem.message}`;
}
