// Twitter Ads campaign stats segmented by gender: each segment sends one array
// of daily values from start_time, so the day of each value is computed from
// its index. The result has one row per day and one column per segment.
const DAY_MS = 24 * 60 * 60 * 1000;

function convert(json, metadata) {
  const body = JSON.parse(json);
  const rows = [];
  for (const entry of body.data || []) {
    const start = Date.parse(entry.start_time);
    const values = entry.promoted_tweet_timeline_impressions || [];
    values.forEach((value, index) => {
      rows[index] = rows[index] || { day: new Date(start + index * DAY_MS).toISOString().slice(0, 10) };
      rows[index][entry.segment?.name ?? 'all'] = value;
    });
  }
  return rows;
}
