// Entity records as the resolvers send and receive them. Shared by the backend
// and both front ends, so this file imports nothing.

export type EntityKind = 'datasource' | 'query' | 'converter' | 'template';

export const ENTITY_KINDS: readonly EntityKind[] = ['datasource', 'query', 'converter', 'template'];

/** Fields every stored entity carries. `version` is the store's optimistic-lock counter. */
export interface EntityBase {
  id: string;
  name: string;
  description: string;
  schemaVersion: 1;
  version: number;
  updatedAt: string;
  updatedBy?: string;
}

/** Authentication settings of a datasource. The secret itself (password or token) is never part of this object. */
export type AuthConfig =
  | { kind: 'none' }
  | { kind: 'basic'; username: string }
  | {
      kind: 'token';
      /** `bearer` sends `Authorization: Bearer <token>`; `header` sends `<headerName>: <prefix><token>`. */
      placement: 'bearer' | 'header';
      headerName?: string;
      prefix?: string;
      /** ISO date (YYYY-MM-DD) after which the token stops working, when the issuer publishes one. */
      expiresAt?: string;
    };

/** A host the datasource may reach: `api.example.com`, `*.example.com` or `host:port`, optionally limited to a path prefix. */
export interface AllowedHost {
  host: string;
  pathPrefix?: string;
}

export type SecretName = 'password' | 'token';

export interface Datasource extends EntityBase {
  kind: 'datasource';
  baseUrl: string;
  auth: AuthConfig;
  /** Static, non-secret headers sent with every request. */
  headers: Record<string, string>;
  /** Empty means "only the base URL's host". */
  allowedHosts: AllowedHost[];
  /** Relative path that "Test connection" calls. */
  testPath: string;
  timeoutMs: number;
  maxResponseBytes: number;
  allowInsecureHttp: boolean;
}

/** A datasource as read back: each secret is reported as configured or not, never by value. */
export interface DatasourceView extends Datasource {
  secrets: Record<SecretName, { configured: boolean }>;
}

export type ParameterType = 'string' | 'integer' | 'number' | 'boolean' | 'date' | 'enum' | 'list';

export interface ParameterDefinition {
  name: string;
  type: ParameterType;
  /** Default value as text, in the same form a page author types it. */
  default?: string;
  required: boolean;
  description: string;
  /** Whether a page viewer may change the value above the rendered result. */
  viewerEditable: boolean;
  /** Allowed values when `type` is `enum`. */
  options?: string[];
}

export type HttpMethod = 'GET' | 'POST';

export interface Query extends EntityBase {
  kind: 'query';
  datasourceId: string;
  method: HttpMethod;
  /** Relative URL with `:name` parameters, e.g. `/search?jql=project%3D:project`. */
  url: string;
  /** JSON body template for POST, with `:name` parameters in value positions. */
  body?: string;
  parameters: ParameterDefinition[];
  converterId?: string;
  templateId?: string;
  /** `0`, or a number with unit s, m, h or d: `30s`, `15m`, `12h`, `3d`. */
  cacheDuration: string;
  /** Space keys the query may be used in; empty means every space. */
  spaces: string[];
}

export interface Converter extends EntityBase {
  kind: 'converter';
  /** JavaScript defining `function convert(json, metadata)`. */
  source: string;
  /** Raw response text to run the converter against in the admin editor. */
  sampleInput: string;
}

export interface Template extends EntityBase {
  kind: 'template';
  /** Velocity source. */
  source: string;
}

export type Entity = Datasource | Query | Converter | Template;

export interface EntityByKind {
  datasource: Datasource;
  query: Query;
  converter: Converter;
  template: Template;
}

/** Save payload of an editor: the entity without server-managed fields. `id` is absent for a new entity. */
export type EntityDraft<K extends EntityKind> = Omit<
  EntityByKind[K],
  'id' | 'version' | 'updatedAt' | 'updatedBy' | 'schemaVersion'
> & { id?: string };

/** Secret values sent with a datasource save. A missing key keeps the stored secret; `null` deletes it. */
export type SecretChanges = Partial<Record<SecretName, string | null>>;

/** Macro configuration as stored in the Confluence page. Plain text: never put anything secret here. */
export interface MacroConfig {
  queryId: string;
  parameters: Record<string, string>;
}

/** A list row for any entity kind. */
export interface EntitySummary {
  id: string;
  kind: EntityKind;
  name: string;
  description: string;
  version: number;
  updatedAt: string;
  /** Entities that reference this one, as `kind:id` pairs with names. */
  usedBy: { kind: EntityKind; id: string; name: string }[];
  /** Datasource only: set when plain http is allowed. */
  insecure?: boolean;
  /** Token datasource only: the token's expiry date (YYYY-MM-DD), when one is recorded. */
  tokenExpiresAt?: string;
}
