/**
 * @agent-presence/simulator: a local server that speaks the Cirrus, Vonage Contact
 * Center and Talkdesk presence APIs, with a moving seeded world, faults, ground
 * truth and a control API. See README.md.
 */
export { startSimulator, VENDOR_ROUTES } from './server';
export type { Simulator, SimulatorOptions } from './server';
export type {
  SimulatorControl,
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
export { VENDORS } from './types';
export {
  ConfigSchema,
  DeliverWebhookSchema,
  FAULT_KINDS,
  FaultSpecSchema,
  InteractionSchema,
  ResetSchema,
  SetPresenceSchema,
  SimulatorInputError,
  TimeSchema,
  TimelineQuerySchema,
  VendorSchema,
  WEBHOOK_TAMPER_MODES,
  WebhookDeliveriesQuerySchema,
  WebhookIdleSchema,
} from './schemas';
export type {
  ConfigInput,
  DeliverWebhookInput,
  FaultKind,
  FaultSpec,
  FaultSpecInput,
  ResetInput,
  SetPresenceInput,
  TimeInput,
  TimelineQueryInput,
  WebhookDeliveriesQueryInput,
  WebhookIdleInput,
} from './schemas';
export { CIRRUS_STATUSES, TALKDESK_CUSTOM_STATUSES, TALKDESK_STATUSES, VONAGE_STATUSES } from './catalog';
export type { CirrusStatus, TalkdeskStatus, VonageStatus } from './catalog';
export { DEMO_CREDENTIALS, TALKDESK_SCOPES, VONAGE_SCOPES } from './oauth';
export type { Credentials } from './oauth';
export { Int64, toJson } from './json';
export { MAX_AGENTS, CIRRUS_BIG_ID_BASE } from './world';
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
} from './webhooks';
export type {
  DeliverWebhookResult,
  PublicWebhookSubscription,
  WebhookCounters,
  WebhookDelivery,
  WebhookSendResult,
  WebhookSubscription,
  WebhookTamperMode,
} from './webhooks';
