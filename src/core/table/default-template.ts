// What a query shows without a template of its own: a list or an object as a
// table (placeholder in the HTML, rows in TableData), a scalar as escaped text.

import type { TableData } from '../../contract/run';
import { escapeHtml } from '../template/safe-html';
import { toJavaString } from '../template/java-string';
import { buildTableData } from './build-table';

export interface DefaultRendering {
  html: string;
  table?: TableData;
}

export function tablePlaceholder(id: string): string {
  return `<div class="pq-table" data-table-id="${escapeHtml(id)}"></div>`;
}

/** Renders a non-empty result; the caller shows the empty message for an empty one. */
export function renderDefaultTemplate(result: unknown, tableId: string): DefaultRendering {
  const table = buildTableData(result, tableId);
  if (table) return { html: tablePlaceholder(tableId), table };
  return { html: `<span class="pq-scalar">${escapeHtml(toJavaString(result))}</span>` };
}
