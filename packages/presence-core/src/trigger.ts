// `@agent-presence/presence-core/trigger`: what a trigger needs beyond detectChanges (which
// is in the main entry): one sweep step of a polling trigger, the snapshot it keeps between
// polls, stable event ids, agents seen in a state too long.
export {
  sweepEvents,
  sweepEventOf,
  sweepWants,
  appearedChange,
  sweepReads,
  sweepRoster,
  sweepStep,
  type SweepEvent,
  type SweepState,
  type SweepRoster,
  type SweepOptions,
  type SweepStepResult,
} from './sweep';
export { retainAgents } from './changes';
export { observedSince } from './diff';
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
export { PresenceSnapshotSchema } from './snapshot';
