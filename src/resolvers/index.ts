// The resolver layer's public surface, for the Forge entry point and the
// local host: the handler factory, the platform-independent definitions and
// the dependency types a host implements.

export { createForgeHandler, toResolverRequest, type ForgeHandler, type ForgeResolverRequest } from './handler';
export { createDefinitions, type DefinitionOptions, type Definitions, type ResolverFunction } from './definitions';
export { AdminCheck } from './admin-check';
export type { ConfluencePort, ContextHints, MakeDeps, PageInfo, ResolverDeps, TrustedContext } from './deps';
export type { ResolverRequest } from './scope';
