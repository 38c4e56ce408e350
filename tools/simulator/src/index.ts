/**
 * @agent-presence/simulator: a local server that speaks the presence APIs of the vendors
 * in `vendors/registry.ts`, with a moving seeded world, faults, ground truth and a control
 * API. See README.md.
 */
export { startSimulator, VENDOR_ROUTES } from './server';
export type { Simulator, SimulatorOptions } from './server';
export type {
  SimulatorControl,
  SharedControl,
  SetPresenceResult,
  TimeInfo,
  AgentState,
  StateResult,
  AgentsResult,
  ResetResult,
  ConfigView,
} from './control';
export { DEFAULT_START_TIME } from './control';
export type { SimConfig } from './context';
export type { CountersSnapshot, VendorCountersSnapshot } from './counters';
export type { Fault } from './faults';
export type { TimelinePage, TimelineQuery } from './timeline';
export { DEFAULT_TIMELINE_CAP } from './timeline';
export type { ChangeSource, Interaction, Phase, SimAgent, SimUser, TimelineEntry, UserKind, VendorId } from './types';
export type { SimVendor, StatusBase, VendorTypes } from './vendor';
export { DEMO_CREDENTIALS, VENDORS, VENDOR_LIST } from './vendors/registry';
export type { Credentials, VendorUrls } from './vendors/registry';
export {
  ConfigSchema,
  FAULT_KINDS,
  FaultSpecSchema,
  InteractionSchema,
  ResetSchema,
  SetPresenceSchema,
  SimulatorInputError,
  TimeSchema,
  TimelineQuerySchema,
  VendorSchema,
} from './schemas';
export type {
  ConfigInput,
  FaultKind,
  FaultSpec,
  FaultSpecInput,
  ResetInput,
  SetPresenceInput,
  TimeInput,
  TimelineQueryInput,
} from './schemas';
export { Int64, toJson } from './json';
export { MAX_AGENTS } from './world';

// Cirrus
export { CIRRUS_BIG_ID_BASE } from './vendors/cirrus';
export { CIRRUS_STATUSES } from './vendors/cirrus/catalog';
export type { CirrusStatus } from './vendors/cirrus/catalog';

// Vonage
export { VONAGE_STATUSES } from './vendors/vonage/catalog';
export type { VonageStatus } from './vendors/vonage/catalog';
export { VONAGE_SCOPES } from './vendors/vonage/oauth';
export type { VonageControl, VonageCounters } from './vendors/vonage/control';
export { DeliverWebhookSchema, WEBHOOK_TAMPER_MODES, WebhookDeliveriesQuerySchema, WebhookIdleSchema } from './vendors/vonage/schemas';
export type { DeliverWebhookInput, WebhookDeliveriesQueryInput, WebhookIdleInput } from './vendors/vonage/schemas';
export {
  DEFAULT_WEBHOOK_RETRY_DELAYS_MS,
  DEFAULT_WEBHOOK_TIMEOUT_MS,
  VONAGE_PRESENCE_CLOUDEVENT_SOURCE,
  VONAGE_PRESENCE_CLOUDEVENT_TYPE,
  VONAGE_PRESENCE_EVENT,
  VONAGE_SIGNATURE_TTL_S,
  VONAGE_WEBHOOK_EVENTS,
  WEBHOOK_DELIVERY_LOG_CAP,
  WEBHOOK_QUEUE_CAP,
  signVonageWebhook,
  vonageAgentNumber,
  vonagePresenceEvent,
} from './vendors/vonage/webhooks';
export type {
  DeliverWebhookResult,
  PublicWebhookSubscription,
  WebhookCounters,
  WebhookDelivery,
  WebhookSendResult,
  WebhookSubscription,
  WebhookTamperMode,
} from './vendors/vonage/webhooks';

// Talkdesk
export { TALKDESK_CUSTOM_STATUSES, TALKDESK_STATUSES } from './vendors/talkdesk/catalog';
export type { TalkdeskStatus } from './vendors/talkdesk/catalog';
export { TALKDESK_SCOPES } from './vendors/talkdesk/oauth';

// Microsoft Teams (Graph presence)
export { TEAMS_STATUSES, SET_PRESENCE_PAIRS, PREFERRED_PRESENCE_PAIRS } from './vendors/teams/catalog';
export type { TeamsStatus } from './vendors/teams/catalog';
export { TEAMS_ROLES, GRAPH_DEFAULT_SCOPE } from './vendors/teams/oauth';
export type { TeamsCredentials } from './vendors/teams/oauth';
export type { TeamsUrls } from './vendors/teams';
export type { TeamsControl, TeamsCounters, TeamsPresenceTruth } from './vendors/teams/control';
export { MAX_SUBSCRIPTION_MS, MAX_SUBSCRIPTION_USERS } from './vendors/teams/subscriptions';
export type { NotificationDelivery, NotificationCounters } from './vendors/teams/subscriptions';
