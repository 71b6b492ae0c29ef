// The REST client: the one path every outbound call takes.

export { MAX_REDIRECTS, resolveRequestUrl, sendRequest } from './client';
export type { SendOptions } from './client';
export { testConnection } from './test-connection';
export { createNodeFetch } from './node-transport';
export type { LookupFunction, NodeFetchOptions } from './node-transport';
export { classifyAddress, classifyHostname } from './addresses';
export { isEgressDeclared, suggestEgressEntry } from './egress';
export { isUrlAllowed, parseHostPattern } from './hosts';
export { extractUpstreamMessage } from './envelope';
export type { HttpDeps, NetworkPolicy, OutboundRequest, UpstreamResponse } from './types';
export { DEFAULT_NETWORK_POLICY } from './types';
