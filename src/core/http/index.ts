// The REST client: the one path every outbound call takes.

export type { HttpDeps, NetworkPolicy, OutboundRequest, UpstreamResponse } from './types';
export { DEFAULT_NETWORK_POLICY } from './types';
