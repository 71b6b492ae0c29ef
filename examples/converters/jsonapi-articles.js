// A JSON:API compound document: the primary data joined with the side-loaded
// resources in `included` by type and id, so each article row carries its
// author's name rather than a reference.
function convert(json, metadata) {
  const document = JSON.parse(json);
  const included = {};
  for (const resource of document.included || []) included[resource.type + ':' + resource.id] = resource;
  const nameOf = (reference) => {
    const resource = reference && included[reference.type + ':' + reference.id];
    return resource ? resource.attributes?.name ?? null : null;
  };
  return (document.data || []).map((resource) => ({
    id: resource.id,
    title: resource.attributes?.title ?? null,
    author: nameOf(resource.relationships?.author?.data),
    link: resource.links?.self ?? null,
  }));
}
