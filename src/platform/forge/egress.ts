// The backend egress addresses the app is deployed with, so the REST client
// can reject an undeclared host with a message naming the entry to add,
// instead of Forge's bare 403. The runtime's own permission list wins when
// the platform provides one; otherwise the copy of manifest.yml's list in
// manifest-egress.ts is used.

import { MANIFEST_EGRESS } from './manifest-egress';

interface EgressEntry {
  address?: string;
}

interface RuntimeWithPermissions {
  appContext?: { permissions?: { external?: { fetch?: { backend?: unknown } } } };
}

export function declaredEgress(): string[] {
  const runtime = (globalThis as { __forge_runtime__?: RuntimeWithPermissions }).__forge_runtime__;
  return toAddresses(runtime?.appContext?.permissions?.external?.fetch?.backend) ?? [...MANIFEST_EGRESS];
}

function toAddresses(value: unknown): string[] | undefined {
  if (!Array.isArray(value)) return undefined;
  return value
    .map((entry: string | EgressEntry) => (typeof entry === 'string' ? entry : entry?.address))
    .filter((address): address is string => typeof address === 'string' && address.length > 0);
}
