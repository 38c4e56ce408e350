// The public API of presence-core. The undici transport is a separate entry
// point (`@agent-presence/presence-core/undici`) so n8n bundles never pull it in.
export * from './model';
export { StateMappingSchema, mappedState, stateMappingFromRows, type StateMapping } from './mapping';
export type { NormalizeContext } from './normalize-context';
export { normalizePresence } from './normalize';
export { setPresenceMany, type SetManyOptions, type SetManyResult } from './bulk-set';
export { PresenceStintSchema, summarizeStints, type PresenceStint, type StintTotal, type SummarizeOptions } from './history';
export { detectChanges, retainAgents, type DetectChangesOptions } from './changes';
export { observedSince } from './diff';
export {
  sweepEvents,
  sweepEventOf,
  sweepWants,
  appearedChange,
  sweepReads,
  sweepStep,
  type SweepEvent,
  type SweepState,
  type SweepRoster,
  type SweepOptions,
  type SweepStepResult,
} from './sweep';
export { createAgentDirectory, nameAgents, nameChanges, type AgentDirectory, type AgentDirectoryOptions } from './agent-directory';
export { enteredEventId, changedEventId, appearedEventId, disappearedEventId, vendorEventId, tooLongEventId } from './event-id';
export {
  detectTooLong,
  tooLongThreshold,
  TooLongStateSchema,
  type TooLongRule,
  type TooLongOptions,
  type TooLongEvent,
  type TooLongState,
} from './too-long';
export { PresenceSnapshotSchema, type PresenceSnapshot } from './snapshot';
export { parseVendorError, type ParsedVendorError } from './vendor-errors';
export {
  PresenceError,
  InputError,
  VendorApiError,
  ContractError,
  NetworkError,
  isPresenceError,
  hintForStatus,
  type PresenceErrorKind,
} from './errors';
export { redactSecrets, redactValue } from './redact';
export { validateAgentId, validateStatusId, encodePathSegment } from './ids';
export { AdaptiveLimit, chunk, mapSettled, type Settled, type Slot } from './concurrency';
export { withRetry, backoffDelay, parseRetryAfter, defaultRetryPolicy, type RetryPolicy, type RetryDecision, type RetryRuntime } from './http/retry';
export type { HttpTransport, HttpRequest, HttpResponse, HttpMethod, Sleep, Clock } from './http/transport';
export { normalizeBaseUrl, isLoopbackHost } from './http/base-url';
export { parseJsonBody } from './http/json';
export { withBearerToken } from './auth/bearer';
export { withClientCredentials, type ClientCredentialsOptions, type OAuthTransport } from './auth/client-credentials';
export { OAuthTokenSchema, OAuthErrorSchema } from './auth/token-schema';
export type { ClientOptions, ReadOptions, PresenceBatch, PresenceClient, ListAgentsOptions } from './vendors/client';
export { concurrencyOf, defaultConcurrency, maxConcurrency } from './vendors/client';
export { vendorNames } from './vendors/names';

export * from './vendors/cirrus/schemas';
export { createCirrusClient, cirrusDefaultBaseUrl, type CirrusClient, type CirrusReadOptions } from './vendors/cirrus/client';
export { cirrusCategories, normalizeCirrusPresence } from './vendors/cirrus/normalize';

export * from './vendors/vonage/schemas';
export {
  createVonageClient,
  vonageApiBaseUrl,
  vonageTokenUrl,
  vonageRegions,
  VonageRegionSchema,
  vonageMaxIdsPerRequest,
  vonageAgentsAccept,
  vonageUserAdminAccept,
  type VonageRegion,
  type VonageClientOptions,
  type VonageClient,
  type PresenceHistoryOptions,
} from './vendors/vonage/client';
export {
  VonagePresenceEventSchema,
  VonageSubscriptionSchema,
  VonageSubscriptionListSchema,
  normalizeVonageEvent,
  verifyVonageSignature,
  vonagePresenceEventType,
  vonageSignatureMaxAgeMs,
  type VonagePresenceEvent,
  type VonageSubscription,
  type SignatureCheck,
  type SignatureProblem,
} from './vendors/vonage/webhooks';
export {
  VonagePresenceActivitySchema,
  VonagePresenceActivitiesPageSchema,
  vonageHistoryPath,
  vonageHistoryMaxWindowMs,
  type VonagePresenceActivity,
} from './vendors/vonage/history';
export { vonageCategoryStates, vonageCategoryState, normalizeVonagePresence } from './vendors/vonage/normalize';

export * from './vendors/talkdesk/schemas';
export {
  TalkdeskInteractionSchema,
  TalkdeskOccupancyOperationSchema,
  addInteraction,
  checkOccupancyPatch,
  talkdeskOccupancyEndpoint,
  type TalkdeskInteraction,
  type TalkdeskOccupancyOperation,
} from './vendors/talkdesk/occupancy';
export {
  createTalkdeskClient,
  talkdeskApiBaseUrl,
  talkdeskTokenUrl,
  talkdeskRegions,
  TalkdeskRegionSchema,
  type TalkdeskRegion,
  type TalkdeskClientOptions,
  type TalkdeskClient,
} from './vendors/talkdesk/client';
export {
  talkdeskStatusStates,
  talkdeskStatusState,
  talkdeskCustomStatusCategory,
  talkdeskCategoryNames,
  talkdeskCategory,
  normalizeTalkdeskPresence,
} from './vendors/talkdesk/normalize';
