// The public API of presence-core: the clients, the common model, normalising, change
// detection, errors and auth. Each vendor's schemas and constants are in its own entry
// (`/cirrus`, `/vonage`, `/talkdesk`), a trigger's helpers in `/trigger`, and the undici
// transport in `/undici` (so n8n bundles never pull it in). Internals are not exported:
// core's own tests import them by path. test/public-api.test.ts holds each entry's exact list.
export * from './model';
export { StateMappingSchema, stateMappingFromRows, type StateMapping } from './mapping';
export type { NormalizeContext } from './normalize-context';
export { normalizePresence } from './normalize';
export { detectChanges, type DetectChangesOptions } from './changes';
export type { PresenceSnapshot } from './snapshot';
export { createAgentDirectory, nameAgents, nameChanges, type AgentDirectory, type AgentDirectoryOptions } from './agent-directory';
export { setPresenceMany, setPresences, type SetManyOptions, type SetManyResult, type SetTarget } from './bulk-set';
export { PresenceStintSchema, summarizeStints, type PresenceStint, type StintTotal, type SummarizeOptions } from './history';

export { vendorRegistry, type VendorRegistry } from './vendors/registry';
export type { VendorDefinition, VendorHosts, IdRule, ReadPlan } from './vendors/definition';
export type { ClientOptions, ReadOptions, PresenceBatch, PresenceClient, ListAgentsOptions } from './vendors/client';
export { maxConcurrency } from './vendors/client';
export { validateAgentId, validateStatusId } from './ids';
export { createCirrusClient, type CirrusClient, type CirrusReadOptions } from './vendors/cirrus/client';
export { createVonageClient, type VonageClient, type VonageClientOptions, type PresenceHistoryOptions } from './vendors/vonage/client';
export { createTalkdeskClient, type TalkdeskClient, type TalkdeskClientOptions } from './vendors/talkdesk/client';

export { PresenceError, InputError, VendorApiError, ContractError, NetworkError, isPresenceError, type PresenceErrorKind } from './errors';
export { parseVendorError, type ParsedVendorError } from './vendor-errors';
export { redactSecrets } from './redact';

export type { HttpTransport, HttpRequest, HttpResponse, HttpMethod, Sleep, Clock } from './http/transport';
export type { RetryPolicy } from './http/retry';
export { normalizeBaseUrl } from './http/base-url';
export { withBearerToken } from './auth/bearer';
export { withClientCredentials, type ClientCredentialsOptions, type OAuthTransport } from './auth/client-credentials';
