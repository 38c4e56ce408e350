// `@agent-presence/presence-core/vonage`: Vonage Contact Center schemas, constants, regions,
// webhook events and presence history. The client (createVonageClient) is in the main entry.
export * from './schemas';
export { vonageApiBaseUrl, vonageTokenUrl, vonageRegions, VonageRegionSchema, type VonageRegion } from './hosts';
export { vonageMaxIdsPerRequest, vonageAgentsAccept, vonageUserAdminAccept } from './constants';
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
} from './webhooks';
export {
  VonagePresenceActivitySchema,
  VonagePresenceActivitiesPageSchema,
  vonageHistoryPath,
  vonageHistoryMaxWindowMs,
  historyWindow,
  type HistoryWindow,
  type VonagePresenceActivity,
} from './history';
export { vonageCategoryStates, vonageCategoryState, normalizeVonagePresence } from './normalize';
