// Server-side HTML for a TableData, for exports and for clients that do not
// run the macro's table component. Every cell is escaped.

import type { CellValue, TableData } from '../../contract/run';
import { escapeHtml } from '../template/safe-html';

function cellText(cell: CellValue): string {
  if (cell === null) return '';
  return escapeHtml(String(cell));
}

export function renderTableHtml(table: TableData): string {
  const parts: string[] = [];
  parts.push(`<table class="pq-table-static" data-table-id="${escapeHtml(table.id)}"><thead><tr>`);
  for (const column of table.columns) parts.push(`<th>${escapeHtml(column.label)}</th>`);
  parts.push('</tr></thead><tbody>');
  for (const row of table.rows) {
    let line = '<tr>';
    for (const cell of row) line += `<td>${cellText(cell)}</td>`;
    parts.push(line + '</tr>');
  }
  parts.push('</tbody></table>');
  return parts.join('');
}
