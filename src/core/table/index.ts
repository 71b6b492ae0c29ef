export { buildListTable, buildTableData } from './build-table';
export { compactCell, inferColumnType } from './compact';
export { renderDefaultTemplate, tablePlaceholder, type DefaultRendering } from './default-template';
export { renderTableHtml } from './html-table';
export { isEmptyResult, tabulate, tabulateList, toRowList, SCALAR_COLUMN, type Tabulated } from './tabulate';
