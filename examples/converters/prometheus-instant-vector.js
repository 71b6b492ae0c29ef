// A Prometheus instant query (resultType vector): one row per series with its
// instance, job and sample value. Prometheus sends the value as a string ("1");
// it stays a string here and the chart reads it as a number.
function convert(json, metadata) {
  const body = JSON.parse(json);
  return (body.data?.result ?? []).map((series) => ({
    instance: series.metric.instance ?? series.metric.job ?? '(none)',
    job: series.metric.job ?? null,
    value: series.value[1],
  }));
}
