// The default table as structured data (TableData), so the macro can sort and
// page it without parsing HTML.

import type { CellValue, TableData } from '../../contract/run';
import { compactCell, inferColumnType } from './compact';
import { tabulate, tabulateList, type Tabulated } from './tabulate';

/** Builds the table for a converter result; undefined for a scalar or an empty result. */
export function buildTableData(result: unknown, id: string): TableData | undefined {
  const tabulated = tabulate(result);
  return tabulated ? fromTabulated(tabulated, id) : undefined;
}

/** Builds a `rows` table from a list, for `$PQ.table($list)`. */
export function buildListTable(items: unknown[], id: string): TableData {
  return fromTabulated(tabulateList(items), id);
}

function fromTabulated(tabulated: Tabulated, id: string): TableData {
  const width = tabulated.keys.length;
  const rows: CellValue[][] = new Array(tabulated.rows.length);
  const columnCells: CellValue[][] = Array.from({ length: width }, () => []);

  for (let rowIndex = 0; rowIndex < tabulated.rows.length; rowIndex += 1) {
    const source = tabulated.rows[rowIndex]!;
    const row: CellValue[] = new Array(width);
    for (let column = 0; column < width; column += 1) {
      const cell = compactCell(source[column]);
      row[column] = cell;
      columnCells[column]!.push(cell);
    }
    rows[rowIndex] = row;
  }

  const columns = tabulated.keys.map((key, column) => ({
    key,
    label: tabulated.layout === 'keyValue' ? (column === 0 ? 'Key' : 'Value') : key,
    type: tabulated.layout === 'keyValue' && column === 0 ? ('text' as const) : inferColumnType(columnCells[column]!),
  }));
  return { id, columns, rows, layout: tabulated.layout };
}
