// The variables and helpers a template can use, shown beside the editor. The
// template engine's reference is docs/templates.md; keep the two in step.

export interface ReferenceEntry {
  name: string;
  meaning: string;
  /** Inserted into the source when the admin picks the entry. */
  snippet: string;
}

export const TEMPLATE_VARIABLES: ReferenceEntry[] = [
  { name: '$result', meaning: 'What the converter returned: usually a list of rows.', snippet: '$result' },
  {
    name: '$queryParameters',
    meaning: 'Parameter values by name, wildcards included: $queryParameters.get("@space.key").',
    snippet: '$queryParameters.get("")',
  },
  { name: '$queryName', meaning: "The query's name.", snippet: '$queryName' },
  { name: '$queryExecutionTime', meaning: 'Fetch plus convert time in milliseconds.', snippet: '$queryExecutionTime' },
];

export const TEMPLATE_HELPERS: ReferenceEntry[] = [
  { name: '$PQ.toList($result)', meaning: 'The result as a list; a single object becomes a one-item list.', snippet: '$PQ.toList($result)' },
  { name: '$PQ.table($list)', meaning: 'A default sortable table of any list.', snippet: '$PQ.table($result)' },
  { name: '$PQ.template("default")', meaning: 'Another template by id, with the same variables; "default" is the default table.', snippet: '$PQ.template("default")' },
  { name: '$PQ.templateByName(name)', meaning: 'Another saved template by name. At most 15 includes per run.', snippet: '$PQ.templateByName("")' },
  {
    name: "$PQ.chart('ColumnChart', {...})",
    meaning: 'A chart of the result rows: the first column gives the labels, numeric columns are series. Also written as <script>PocketQuery.chart(...)</script>.',
    snippet: "$PQ.chart('ColumnChart', {\"title\": \"\"})",
  },
  { name: '$PQ.html($value)', meaning: 'The value as trusted HTML, not escaped. The page still sanitizes it.', snippet: '$PQ.html()' },
  { name: '$PQ.formatDate($value, pattern)', meaning: "A date in the site's time zone: short, medium, long, full or letters like yyyy-MM-dd.", snippet: "$PQ.formatDate($row.created, 'yyyy-MM-dd')" },
  { name: '$PQ.formatDateTime($value, style)', meaning: 'Date and time with a named style.', snippet: "$PQ.formatDateTime($row.updated, 'medium')" },
  { name: '$PQ.formatNumber($value, digits)', meaning: "A number in the site's locale with at most this many fraction digits.", snippet: '$PQ.formatNumber($row.count, 0)' },
  { name: '$PQ.formatPercent($value, digits)', meaning: 'A fraction as a percentage.', snippet: '$PQ.formatPercent($row.share, 1)' },
  { name: '$PQ.formatCurrency($value, "EUR")', meaning: 'An amount in a currency.', snippet: '$PQ.formatCurrency($row.amount, "EUR")' },
  { name: '$PQ.json($value), $PQ.urlEncode($value)', meaning: 'JSON text, URL-encoded text.', snippet: '$PQ.json($result)' },
];

export const TEMPLATE_DIRECTIVES: ReferenceEntry[] = [
  { name: '## @param emptymsg: text', meaning: 'The message for an empty result (null, [], {} or ""). Default: "No results".', snippet: '## @param emptymsg: No results.\n' },
  {
    name: '#foreach($row in $result) … #end',
    meaning: 'Repeats for each row; $foreach.count, $foreach.first, $foreach.last and $velocityCount are set.',
    snippet: '#foreach($row in $PQ.toList($result))\n  $row.name\n#end\n',
  },
  { name: '#if($value) … #else … #end', meaning: 'Shows a part only when a value is present or true.', snippet: '#if($row.done)\n\n#else\n\n#end\n' },
  { name: '#set($name = value)', meaning: 'Stores a value for later use.', snippet: '#set($total = 0)\n' },
  { name: '$!value', meaning: 'Prints nothing when the value is missing; $value prints the reference text, as Java Velocity does.', snippet: '$!' },
];

export const DEFAULT_TEMPLATE_SOURCE = `## @param emptymsg: No results.
<table>
  <thead><tr><th>Name</th></tr></thead>
  <tbody>
#foreach($row in $PQ.toList($result))
    <tr><td>$!row.name</td></tr>
#end
  </tbody>
</table>
`;
