// The demo's own converters and templates, for the responses examples/ does not
// cover (sprints, velocity, versions), written against the real Jira responses
// the demo API serves. Converters follow PocketQuery's contract:
// `convert(json, metadata)` gets the response text and returns rows. Each
// converter names the fixture its sample input comes from.

import type { EntityDraft } from '../../contract/entities';

type ConverterDraft = EntityDraft<'converter'> & { fixture: string };
type TemplateDraft = EntityDraft<'template'>;

export const DEMO_CONVERTERS = {
  sprints: {
    kind: 'converter',
    name: 'Sprints to rows',
    description: 'One row per sprint of a Jira Agile board: name, state, start, end, completed.',
    source: `function convert(json, metadata) {
  var page = JSON.parse(json);
  return page.values.map(function (sprint) {
    return {
      Sprint: sprint.name,
      State: sprint.state,
      Start: sprint.startDate || null,
      End: sprint.endDate || null,
      Completed: sprint.completeDate || null
    };
  });
}`,
    sampleInput: '',
    fixture: 'jira_agile_sprint_list_go-jira.json',
  },
  velocity: {
    kind: 'converter',
    name: 'Velocity per sprint',
    description: 'Committed and completed story points per sprint from the Jira velocity report.',
    source: `function convert(json, metadata) {
  var report = JSON.parse(json);
  return report.sprints.map(function (sprint) {
    var entry = report.velocityStatEntries[String(sprint.id)] || {};
    return {
      Sprint: sprint.name,
      Committed: entry.estimated ? entry.estimated.value : null,
      Completed: entry.completed ? entry.completed.value : null
    };
  });
}`,
    sampleInput: '',
    fixture: 'jira_greenhopper_velocity_report_agile-metrics.json',
  },
  versionsPerYear: {
    kind: 'converter',
    name: 'Released versions per year',
    description: 'Counts the released versions of a Jira project by release year.',
    source: `function convert(json, metadata) {
  var versions = JSON.parse(json);
  var perYear = {};
  versions.forEach(function (version) {
    if (!version.released || !version.releaseDate) return;
    var year = version.releaseDate.slice(0, 4);
    perYear[year] = (perYear[year] || 0) + 1;
  });
  return Object.keys(perYear).sort().map(function (year) {
    return { Year: year, 'Released versions': perYear[year] };
  });
}`,
    sampleInput: '',
    fixture: 'jira_v2_project_versions_apache_sling_201.json',
  },
} satisfies Record<string, ConverterDraft>;

export const DEMO_TEMPLATES = {
  velocityChart: {
    kind: 'template',
    name: 'Column chart: velocity',
    description: 'Committed against completed points per sprint.',
    source: `<script>
PocketQuery.chart('ColumnChart', { title: 'Velocity: committed and completed points', legend: { position: 'bottom' } });
</script>`,
  },
  versionsChart: {
    kind: 'template',
    name: 'Line chart: versions per year',
    description: 'Released versions per year as a line.',
    source: `<script>
PocketQuery.chart('LineChart', { title: 'Released versions per year', legend: { position: 'none' } });
</script>`,
  },
} satisfies Record<string, TemplateDraft>;
