import type { StateMapping } from './mapping';
import type { PresenceActivity } from './model';

export interface NormalizeContext {
  /** The agent the record belongs to; required where the record does not say (Cirrus). */
  agentId?: string;
  mapping?: StateMapping;
  /** Attach the vendor record, untouched, as `raw`. */
  includeRaw?: boolean;
  /** Activity learned from another call (Cirrus stats), merged in. */
  activity?: PresenceActivity;
}
