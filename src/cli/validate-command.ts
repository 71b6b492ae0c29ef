// `pq validate`: every entity in the config file, every problem listed with
// its entity and, for sources, its line.

import { createConverterRuntime } from '../core/convert';
import { checkQueryParameters } from '../core/params';
import { checkTemplateSyntax } from '../core/template';
import type { ValidateArguments } from './args';
import { loadConfig } from './config';

export interface ValidationProblem {
  entity: string;
  line?: number;
  column?: number;
  message: string;
}

export async function validateCommand(args: ValidateArguments): Promise<ValidationProblem[]> {
  const { byKind, file } = await loadConfig(args.config);
  const problems: ValidationProblem[] = [];
  const ids = (list: { id: string }[]) => new Set(list.map((entity) => entity.id));
  const datasourceIds = ids(byKind.datasource);
  const converterIds = ids(byKind.converter);
  const templateIds = ids(byKind.template);

  for (const datasource of file.datasources) {
    const entity = `datasource "${datasource.name}"`;
    try {
      const url = new URL(datasource.baseUrl);
      if (url.protocol !== 'https:' && !(url.protocol === 'http:' && datasource.allowInsecureHttp)) {
        problems.push({ entity, message: `Base URL ${datasource.baseUrl} must use https (or allow insecure http).` });
      }
    } catch {
      problems.push({ entity, message: `Base URL "${datasource.baseUrl}" is not a valid URL.` });
    }
    if (datasource.auth.kind !== 'none') {
      const secret = datasource.auth.kind === 'basic' ? 'password' : 'token';
      if (!datasource.secretEnv?.[secret]) problems.push({ entity, message: `secretEnv.${secret} must name the environment variable holding the ${secret}.` });
    }
  }

  for (const query of byKind.query) {
    const entity = `query "${query.name}"`;
    if (!datasourceIds.has(query.datasourceId)) problems.push({ entity, message: `Datasource "${query.datasourceId}" does not exist.` });
    if (query.converterId && !converterIds.has(query.converterId)) problems.push({ entity, message: `Converter "${query.converterId}" does not exist.` });
    if (query.templateId && !templateIds.has(query.templateId)) problems.push({ entity, message: `Template "${query.templateId}" does not exist.` });
    for (const problem of checkQueryParameters(query).problems) problems.push({ entity, message: `${problem.field}: ${problem.message}` });
  }

  for (const template of byKind.template) {
    for (const problem of checkTemplateSyntax(template.source)) {
      problems.push({ entity: `template "${template.name}"`, line: problem.line, column: problem.column, message: problem.message });
    }
  }

  if (byKind.converter.length > 0) {
    const runtime = await createConverterRuntime();
    try {
      for (const converter of byKind.converter) {
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
