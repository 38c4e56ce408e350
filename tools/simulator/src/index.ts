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
export type { CountersSnapshot } from './counters';
export type { Fault } from './faults';
export type { TimelinePage, TimelineQuery } from './timeline';
export { DEFAULT_TIMELINE_CAP } from './timeline';
export type { ChangeSource, Interaction, Phase, SimAgent, SimUser, TimelineEntry, UserKind, VendorId } from './types';
export { VENDORS } from './types';
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
export { CIRRUS_STATUSES, TALKDESK_CUSTOM_STATUSES, TALKDESK_STATUSES, VONAGE_STATUSES } from './catalog';
export type { CirrusStatus, TalkdeskStatus, VonageStatus } from './catalog';
export { DEMO_CREDENTIALS, TALKDESK_SCOPES, VONAGE_SCOPES } from './oauth';
export type { Credentials } from './oauth';
export { Int64, toJson } from './json';
export { MAX_AGENTS, CIRRUS_BIG_ID_BASE } from './world';
