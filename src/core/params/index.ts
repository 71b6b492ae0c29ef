// Query parameters: parsing `:name` and `:@wildcard` in URLs and JSON bodies,
// checking values against their types and encoding them for their position.

export { buildRequest } from './build';
export type { BuiltRequest, QueryShape } from './build';
export { parseBodyTemplate, parseUrlTemplate, usedParameterNames } from './parse';
export type { ParameterOccurrence, ParameterPosition, TemplatePart } from './parse';
export { checkValue, isCalendarDate, valueText } from './values';
export type { ParameterValue } from './values';
export { isKnownWildcard, isoDateIn, resolveWildcard, WILDCARD_NAMES } from './wildcards';
export type { WildcardName } from './wildcards';
export { checkQueryParameters } from './check-query';
export type { ParameterReport } from './check-query';
