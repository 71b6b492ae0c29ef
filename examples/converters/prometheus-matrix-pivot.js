// A Prometheus range query (resultType matrix) pivoted into one row per
// timestamp and one column per series instance, for a line chart. Values stay
// as Prometheus sends them (strings); the chart reads them as numbers.
function convert(json, metadata) {
  const body = JSON.parse(json);
  const rows = new Map();
  for (const series of body.data?.result ?? []) {
    const name = series.metric.instance || series.metric.job || series.metric.__name__ || 'series';
    for (const [time, value] of series.values) {
      const label = new Date(time * 1000).toISOString().slice(11, 19);
      if (!rows.has(label)) rows.set(label, { time: label });
      rows.get(label)[name] = value;
    }
  }
  return [...rows.values()];
}
