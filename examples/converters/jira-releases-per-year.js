// Released versions of a Jira project counted per year of their release date,
// split into archived and active, for a stacked column chart. Versions that are
// not released or have no release date are left out.
function convert(json, metadata) {
  const years = {};
  for (const version of JSON.parse(json)) {
    if (version.released !== true || !version.releaseDate) continue;
    const year = version.releaseDate.slice(0, 4);
    years[year] = years[year] || { year, active: 0, archived: 0 };
    years[year][version.archived ? 'archived' : 'active'] += 1;
  }
  return Object.keys(years).sort().map((year) => years[year]);
}
