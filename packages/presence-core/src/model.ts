import { z } from 'zod/v4';

export const vendorIds = ['cirrus', 'vonage', 'talkdesk'] as const;
export const VendorIdSchema = z.enum(vendorIds);
export type VendorId = z.infer<typeof VendorIdSchema>;

export const presenceStates = ['available', 'busy', 'away', 'offline', 'unknown'] as const;
export const PresenceStateSchema = z.enum(presenceStates);
export type PresenceState = z.infer<typeof PresenceStateSchema>;

export const PresenceStatusSchema = z.object({
  id: z.string().nullable(),
  name: z.string().nullable(),
  category: z.string().nullable(),
});
export type PresenceStatus = z.infer<typeof PresenceStatusSchema>;

export const PresenceActivitySchema = z.object({
  occupancy: z.number().optional(),
  interactions: z.number().optional(),
  onInteraction: z.boolean().optional(),
});
export type PresenceActivity = z.infer<typeof PresenceActivitySchema>;

/**
 * Where `since` comes from: the vendor's own time of the status change, or the time a
 * trigger first saw the status (vendors that give none, e.g. Cirrus). Null when unknown.
 */
export const SinceSourceSchema = z.enum(['vendor', 'observed']).nullable();
export type SinceSource = z.infer<typeof SinceSourceSchema>;

/**
 * One agent's presence, the same fields from every vendor and every operation. `name` and
 * `email` come from the vendor's user list (a presence record carries neither): null when the
 * list does not have the agent, or was not read.
 */
export const AgentPresenceSchema = z.object({
  vendor: VendorIdSchema,
  agentId: z.string(),
  name: z.string().nullable(),
  email: z.string().nullable(),
  state: PresenceStateSchema,
  status: PresenceStatusSchema,
  since: z.string().nullable(),
  sinceSource: SinceSourceSchema,
  /** What the vendor tells of the agent's work (Talkdesk always, Cirrus with call status); null when nothing. */
  activity: PresenceActivitySchema.nullable(),
  raw: z.unknown().optional(),
});
export type AgentPresence = z.infer<typeof AgentPresenceSchema>;

export const PreviousPresenceSchema = z.object({
  state: PresenceStateSchema,
  status: PresenceStatusSchema,
  since: z.string().nullable(),
  sinceSource: SinceSourceSchema,
});
export type PreviousPresence = z.infer<typeof PreviousPresenceSchema>;

export const PresenceChangeSchema = z.object({
  /** Derived from the change, never random: the same change seen again keeps it (see event-id.ts). */
  eventId: z.string(),
  event: z.enum(['changed', 'appeared', 'disappeared']),
  agentId: z.string(),
  /** The agent's name and email, as in `current` (also when it is null: a disappeared agent keeps its name). */
  name: z.string().nullable(),
  email: z.string().nullable(),
  vendor: VendorIdSchema,
  current: AgentPresenceSchema.nullable(),
  previous: PreviousPresenceSchema.nullable(),
  durationInPreviousMs: z.number().nullable(),
  observedAt: z.string(),
});
export type PresenceChange = z.infer<typeof PresenceChangeSchema>;
export type PresenceChangeEvent = PresenceChange['event'];

/** A vendor status, presence type or presence definition, with its common state. */
export const StatusDefinitionSchema = z.object({
  vendor: VendorIdSchema,
  id: z.string(),
  name: z.string().nullable(),
  category: z.string().nullable(),
  state: PresenceStateSchema,
  selectable: z.boolean().optional(),
  /** Why the list this definition came in is incomplete (e.g. Talkdesk custom statuses it could not read). */
  note: z.string().optional(),
  raw: z.unknown().optional(),
});
export type StatusDefinition = z.infer<typeof StatusDefinitionSchema>;

/** An agent as the vendor's user list describes it (no presence). */
export const AgentSummarySchema = z.object({
  vendor: VendorIdSchema,
  agentId: z.string(),
  name: z.string().nullable(),
  email: z.string().nullable(),
  /** The agent's team where the vendor's user list names one (Cirrus); null elsewhere. */
  team: z.object({ id: z.string(), name: z.string().nullable() }).nullable(),
  raw: z.unknown().optional(),
});
export type AgentSummary = z.infer<typeof AgentSummarySchema>;
