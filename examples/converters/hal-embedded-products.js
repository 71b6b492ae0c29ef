// A HAL document (application/hal+json): every embedded resource as a row with
// its relation name. Relation names may contain spaces ("purchased products"),
// so they are read with bracket access, never as dotted paths.
function convert(json, metadata) {
  const document = JSON.parse(json);
  const embedded = document._embedded || {};
  const rows = [];
  for (const relation of Object.keys(embedded)) {
    const items = Array.isArray(embedded[relation]) ? embedded[relation] : [embedded[relation]];
    for (const item of items) {
      rows.push({ relation, product: item._links?.self?.href ?? null, someProductProperty: item.someProductProperty ?? null });
    }
  }
  return rows;
}
