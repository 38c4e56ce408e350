/** Shared types of the simulated world. */

export type VendorId = 'cirrus' | 'vonage' | 'talkdesk';
export const VENDORS: readonly VendorId[] = ['cirrus', 'vonage', 'talkdesk'];

/** What an agent is doing, vendor-neutral; each vendor shows it in its own way. */
export type Phase = 'offline' | 'ready' | 'call' | 'break' | 'lunch' | 'training' | 'busy' | 'missed' | 'hidden';

export type ChangeSource = 'scenario' | 'control' | 'api';

/** Kind of user account. Only `agent` users have a presence. */
export type UserKind =
  | 'agent'
  | 'admin' // Cirrus permissionId 3
  | 'bot' // Cirrus permissionId 5
  | 'non-agent' // Vonage userAccountConfiguration.actAsAgent = false
  | 'archived' // Vonage archived user
  | 'inactive'; // Talkdesk active = false

/** One user account of a vendor. */
export interface SimUser {
  vendor: VendorId;
  /** Vendor user id, always a string (Cirrus: decimal int64, Vonage: GUID, Talkdesk: 24 hex). */
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

/** A Talkdesk interaction (also used to describe calls of other vendors internally). */
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
  /** Cirrus FaceToFaceStatus. */
  onCall: boolean;
  /** Talkdesk occupancy (0..100). */
  occupancy: number;
  /** Talkdesk ongoing interactions. */
  interactions: Interaction[];
  /** Talkdesk updated_by. */
  updatedBy: string;
  /** Number of visible presence changes so far (the Talkdesk event id derives from it). */
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
  /** Cirrus type_id (as a string), Vonage presenceId, Talkdesk custom_status_id or status. */
  statusId: string;
  /** Cirrus name, Vonage description, Talkdesk custom status display name or status. */
  statusName: string;
  /** Cirrus presenceType name (Active/Busy/Away), Vonage categoryType, Talkdesk status. */
  category: string;
  /** Talkdesk only. */
  occupancy?: number;
  /** Talkdesk only: number of ongoing interactions. */
  interactions?: number;
  source: ChangeSource;
}
