// Jira server information (GET /rest/api/2/serverInfo) as one object, which the
// default template shows as a two-column property table.
function convert(json, metadata) {
  const info = JSON.parse(json);
  return {
    title: info.serverTitle,
    version: info.version,
    deployment: info.deploymentType ?? 'Server',
    build: info.buildNumber,
    buildDate: info.buildDate,
    serverTime: info.serverTime,
    locale: info.defaultLocale?.locale ?? null,
    baseUrl: info.baseUrl,
  };
}
