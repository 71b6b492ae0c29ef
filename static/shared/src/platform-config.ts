import type { MacroConfig } from '../../../src/contract/entities';

/**
 * Reads a stored macro config defensively: the page stores it as plain text and
 * any page editor can change it, so unknown fields and non-string values are dropped.
 */
export function parseMacroConfig(value: unknown): MacroConfig | undefined {
  if (typeof value !== 'object' || value === null) return undefined;

  const raw = value as { queryId?: unknown; parameters?: unknown };
  if (typeof raw.queryId !== 'string' || raw.queryId === '') return undefined;

  const parameters: Record<string, string> = {};
  if (typeof raw.parameters === 'object' && raw.parameters !== null) {
    for (const [name, parameterValue] of Object.entries(raw.parameters)) {
      if (typeof parameterValue === 'string') parameters[name] = parameterValue;
    }
  }

  return { queryId: raw.queryId, parameters };
}
