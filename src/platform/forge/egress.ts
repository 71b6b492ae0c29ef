// The backend egress addresses declared in manifest.yml, so the REST client
// can refuse an undeclared host with a message naming the entry to add,
// instead of Forge's bare 403. The build script embeds the list as
// FORGE_MANIFEST_EGRESS; the runtime's own permission list wins when present.

interface EgressEntry {
  address?: string;
}

export function declaredEgress(): string[] | undefined {
  const runtime = (globalThis as { __forge_runtime__?: { appContext?: { permissions?: { external?: { fetch?: { backend?: unknown } } } } } })
    .__forge_runtime__;
  const fromRuntime = toAddresses(runtime?.appContext?.permissions?.external?.fetch?.backend);
  if (fromRuntime) return fromRuntime;

  const embedded = process.env.FORGE_MANIFEST_EGRESS;
  if (!embedded) return undefined;
  try {
    return toAddresses(JSON.parse(embedded));
  } catch {
    return undefined;
  }
}

function toAddresses(value: unknown): string[] | undefined {
  if (!Array.isArray(value)) return undefined;
  const addresses = value
    .map((entry: string | EgressEntry) => (typeof entry === 'string' ? entry : entry?.address))
    .filter((address): address is string => typeof address === 'string' && address.length > 0);
  return addresses;
}
