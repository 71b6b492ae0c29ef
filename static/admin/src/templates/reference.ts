// The variables and helpers a template can use, shown beside the editor.
// NOTE: written from the template engine's public API as planned; check it
// against docs/templates.md whenever helpers are added there.

export interface ReferenceEntry {
  name: string;
  meaning: string;
  /** Inserted into the source when the admin picks the entry. */
  snippet: string;
}

export const TEMPLATE_VARIABLES: ReferenceEntry[] = [
  { name: '$result', meaning: "The converter's output (or the JSON response when there is no converter). Usually a list of rows.", snippet: '$result' },
  { name: '$queryParameters', meaning: 'The parameter values of this run, by name: $queryParameters.project.', snippet: '$queryParameters' },
  { name: '$queryName', meaning: 'The name of the query.', snippet: '$queryName' },
  { name: '$queryExecutionTime', meaning: 'When the data was fetched (from the cache, the time it was stored).', snippet: '$queryExecutionTime' },
];

export const TEMPLATE_HELPERS: ReferenceEntry[] = [
  { name: '$PQ.toList($value)', meaning: 'Turns a single object or a list into a list, so #foreach works on both.', snippet: '$PQ.toList($result)' },
  { name: '$PQ.template()', meaning: 'Renders the default sortable table of $result.', snippet: '$PQ.template()' },
  { name: "$PQ.templateByName('name')", meaning: 'Renders another saved template with the same data.', snippet: "$PQ.templateByName('')" },
  { name: '$PQ.html($text)', meaning: 'Inserts HTML that the template built itself. It is still sanitized; REST data stays escaped.', snippet: '$PQ.html()' },
  {
    name: "$PQ.chart('ColumnChart', {...})",
    meaning: 'Draws a chart of $result: ColumnChart, BarChart, LineChart, AreaChart, PieChart, ScatterChart, ComboChart.',
    snippet: "$PQ.chart('ColumnChart', {'title': ''})",
  },
  { name: '$PQ.formatDate($value, pattern)', meaning: "Formats a date, e.g. 'yyyy-MM-dd'.", snippet: "$PQ.formatDate($row.created, 'yyyy-MM-dd')" },
  { name: '$PQ.formatNumber($value, digits)', meaning: 'Formats a number with grouping and at most this many fraction digits.', snippet: '$PQ.formatNumber($row.count, 0)' },
];

export const TEMPLATE_DIRECTIVES: ReferenceEntry[] = [
  { name: '## @param emptymsg: text', meaning: 'The text shown instead of the result when the data is empty.', snippet: '## @param emptymsg: No results.\n' },
  { name: '#foreach($row in $result) … #end', meaning: 'Repeats for each row; $foreach.count is the 1-based position.', snippet: '#foreach($row in $result)\n  $row.name\n#end\n' },
  { name: '#if($value) … #else … #end', meaning: 'Shows a part only when a value is present or true.', snippet: '#if($row.done)\n\n#else\n\n#end\n' },
  { name: '#set($name = value)', meaning: 'Stores a value for later use.', snippet: '#set($total = 0)\n' },
];

export const DEFAULT_TEMPLATE_SOURCE = `## @param emptymsg: No results.
<table>
  <thead><tr><th>Name</th></tr></thead>
  <tbody>
#foreach($row in $PQ.toList($result))
    <tr><td>$row.name</td></tr>
#end
  </tbody>
</table>
`;
