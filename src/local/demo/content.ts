// The demo's converters, templates and queries, written against the real Jira
// responses the demo API serves. Converters follow PocketQuery's contract:
// `convert(json, metadata)` gets the response text and returns rows.

import type { EntityDraft } from '../../contract/entities';

type ConverterDraft = EntityDraft<'converter'>;
type TemplateDraft = EntityDraft<'template'>;

export const DEMO_CONVERTERS = {
  issues: {
    kind: 'converter',
    name: 'Jira issues to rows',
    description: 'One row per issue of a Jira search response: key, summary, type, status, priority, assignee, created.',
    source: `function convert(json, metadata) {
  var response = JSON.parse(json);
  return response.issues.map(function (issue) {
    var fields = issue.fields || {};
    return {
      Key: issue.key,
      Summary: fields.summary || '',
      Type: fields.issuetype ? fields.issuetype.name : null,
      Status: fields.status ? fields.status.name : null,
      Priority: fields.priority ? fields.priority.name : null,
      Assignee: fields.assignee ? fields.assignee.displayName : 'Unassigned',
      Created: fields.created || null
    };
  });
}`,
    sampleInput: '',
  },
  issuesPerType: {
    kind: 'converter',
    name: 'Count issues per issue type',
    description: 'Counts the issues of a Jira search response by issue type, for a column chart.',
    source: `function convert(json, metadata) {
  var response = JSON.parse(json);
  var counts = {};
  response.issues.forEach(function (issue) {
    var type = issue.fields && issue.fields.issuetype ? issue.fields.issuetype.name : 'No type';
    counts[type] = (counts[type] || 0) + 1;
  });
  return Object.keys(counts).sort().map(function (type) {
    return { 'Issue type': type, Issues: counts[type] };
  });
}`,
    sampleInput: '',
  },
  projects: {
    kind: 'converter',
    name: 'Jira projects to rows',
    description: 'One row per project of GET /rest/api/2/project: key, name, category.',
    source: `function convert(json, metadata) {
  var projects = JSON.parse(json);
  return projects.map(function (project) {
    return {
      Key: project.key,
      Name: project.name.trim(),
      Category: project.projectCategory ? project.projectCategory.name : '',
      Id: Number(project.id)
    };
  });
}`,
    sampleInput: '',
  },
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
  },
} satisfies Record<string, ConverterDraft>;

export const DEMO_TEMPLATES = {
  issuesPerTypeChart: {
    kind: 'template',
    name: 'Column chart: issues per issue type',
    description: 'A column chart of the converted rows; the first column labels the bars.',
    source: `<script>
PocketQuery.chart('ColumnChart', { title: 'Issues per issue type', legend: { position: 'none' }, vAxis: { title: 'Issues' } });
</script>`,
  },
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
