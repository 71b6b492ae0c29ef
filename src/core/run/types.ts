// What runQuery needs from its host. Each port is the narrowest shape the run
// uses, so the Forge app, the local host and the CLI wire their own
// implementations (the entity repository, the REST client, the converter
// runtime) without the run knowing which.

import type { Converter, Datasource, EntityByKind, EntityKind, Query, Template } from '../../contract/entities';
import type { EngineName, RunResult } from '../../contract/run';
import type { ConverterLimits, ConverterRuntime } from '../convert';
import type { OutboundRequest, UpstreamResponse } from '../http';
import type { Clock, Logger } from '../ports';
import type { Store } from '../store/types';
import type { RenderLimits } from '../template';

/** Reads entities; EntityRepository fits. */
export interface EntityReader {
  find<K extends EntityKind>(kind: K, id: string): Promise<EntityByKind[K] | undefined>;
  listEntities<K extends EntityKind>(kind: K): Promise<EntityByKind[K][]>;
}

/** Sends one request for a datasource through the REST client (SSRF guard, auth, limits). */
export type UpstreamClient = (datasource: Datasource, request: OutboundRequest) => Promise<UpstreamResponse>;

export interface RunDeps {
  entities: EntityReader;
  upstream: UpstreamClient;
  converters: ConverterRuntime;
  /** Cache entries live here; absent means no caching. */
  store?: Store;
  clock: Clock;
  logger?: Logger;
}

export interface RunOptions {
  /** Skip the cache lookup and store a fresh result. */
  refresh?: boolean;
  converterLimits?: Partial<ConverterLimits>;
  renderLimits?: Partial<RenderLimits>;
  /** Render with this template source instead of the query's (admin preview of an unsaved template). */
  templateOverride?: Pick<Template, 'name' | 'source'> & { id?: string };
}

export type { Converter, Datasource, EngineName, Query, RunResult, Template };
