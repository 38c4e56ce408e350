/** Shared types of the simulated world. */
import type { VendorId } from './vendors/registry';

export type { VendorId };

/** What an agent is doing, vendor-neutral; each vendor shows it in its own way. */
export type Phase = 'offline' | 'ready' | 'call' | 'break' | 'lunch' | 'training' | 'busy' | 'missed' | 'hidden';

export type ChangeSource = 'scenario' | 'control' | 'api';

/** Kind of user account. Only `agent` users have a presence. Each vendor shows the others its own way. */
export type UserKind =
  | 'agent'
  | 'admin' // an administrator without presence
  | 'bot'
  | 'non-agent' // a user who does not act as an agent
  | 'archived'
  | 'inactive';

/** One user account of a vendor. */
export interface SimUser {
  vendor: VendorId;
  /** Vendor user id, always a string (in the vendor's own format). */
  id: string;
  kind: UserKind;
  firstName: string;
  lastName: string;
  name: string;
  email: string;
  userName: string;
  teamId: number;
  teamName: string;
}

/** An ongoing interaction of an agent (shown by vendors whose `calls` is `interactions`). */
export interface Interaction {
  id: string;
  channel_name: string;
  device_id?: string;
  cost: number;
}

/** An agent: a user with a presence that the scenario moves. */
export interface SimAgent extends SimUser {
  kind: 'agent';
  /** Position in the vendor's agent list (generation order). */
  index: number;
  /** Global deterministic tie-breaker for the schedule. */
  order: number;
  /** Index into the vendor's status table. */
  statusIdx: number;
  /** Virtual ms when the vendor-visible presence last changed. */
  since: number;
  /** On a call, for vendors whose `calls` is `flag`. */
  onCall: boolean;
  /** Occupancy (0..100), for vendors whose `calls` is `interactions`. */
  occupancy: number;
  /** Ongoing interactions, for vendors whose `calls` is `interactions`. */
  interactions: Interaction[];
  /** Who made the last change (a client id, the agent's own id, or the control API). */
  updatedBy: string;
  /** Number of visible presence changes so far (event ids derive from it). */
  changeCount: number;
  // scenario
  phase: Phase;
  nextAt: number;
  shiftStart: number;
  shiftEnd: number;
  lunchTaken: boolean;
  rngState: number;
  heapIndex: number;
}

/** One entry of the ground-truth timeline. */
export interface TimelineEntry {
  seq: number;
  vendor: VendorId;
  agentId: string;
  /** ISO time (virtual clock). */
  at: string;
  /** The vendor's status id (see its status table). */
  statusId: string;
  /** The status's display name. */
  statusName: string;
  /** The vendor-native category of the status. */
  category: string;
  /** Vendors whose `calls` is `interactions` only. */
  occupancy?: number;
  /** Vendors whose `calls` is `interactions` only: number of ongoing interactions. */
  interactions?: number;
  source: ChangeSource;
}

export function isAgent(user: SimUser | undefined): user is SimAgent {
  return user !== undefined && user.kind === 'agent';
}
