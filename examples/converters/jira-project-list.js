// The Jira project list (a bare array) as key, name and category.
function convert(json, metadata) {
  return JSON.parse(json).map((project) => ({
    key: project.key,
    name: project.name.trim(),
    category: project.projectCategory ? project.projectCategory.name : null,
  }));
}
