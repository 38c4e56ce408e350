import { z } from 'zod/v4';

/**
 * Cirrus ids are int64. The body parser hands unsafe integers over as exact
 * decimal strings, so an id is a safe integer or a digit string; both become a string.
 */
export const CirrusIdSchema = z
  .union([z.string().regex(/^\d{1,19}$/, 'must be a decimal id'), z.number().int().nonnegative()])
  .transform((v) => String(v));

/** presence_type / presenceType: the CommBox category enum (1 Active, 2 Busy, 3 Away). */
export const CirrusPresenceTypeSchema = z
  .union([z.number().int(), z.string().regex(/^\d+$/, 'must be an integer')])
  .transform((v) => Number(v));

/** `status` is a string in the success examples and an integer in the error ones. */
export const CirrusStatusSchema = z.union([z.string(), z.number()]);

/** Every Cirrus response. The payload is `object` on Cirrus pages and `data` in the CommBox spec. */
export const CirrusEnvelopeSchema = z.object({
  status: CirrusStatusSchema,
  description: z.string().nullish(),
  response_time: z.string().nullish(),
  object: z.unknown().optional(),
  data: z.unknown().optional(),
});
export type CirrusEnvelope = z.infer<typeof CirrusEnvelopeSchema>;

/** The error envelope: the same envelope without a payload. */
export const CirrusErrorSchema = z.object({
  status: CirrusStatusSchema,
  description: z.string().nullish(),
});

/** GET /managers/{id}/presence and POST /managers/{id}/presence/{activity}. */
export const CirrusPresenceRecordSchema = z.object({
  presence_type: CirrusPresenceTypeSchema,
  type_id: CirrusIdSchema,
  name: z.string(),
});
export type CirrusPresenceRecord = z.infer<typeof CirrusPresenceRecordSchema>;

/** The prose says "status(es)": one object, or (unconfirmed) an array of them. */
export const CirrusPresencePayloadSchema = z.union([CirrusPresenceRecordSchema, z.array(CirrusPresenceRecordSchema)]);

/** GET /managers/presence: "Array of objects or objects". */
export const CirrusPresenceTypeRecordSchema = z.object({
  id: CirrusIdSchema,
  name: z.string(),
  presenceType: CirrusPresenceTypeSchema,
});
export type CirrusPresenceTypeRecord = z.infer<typeof CirrusPresenceTypeRecordSchema>;
export const CirrusPresenceTypeListSchema = z
  .union([z.array(CirrusPresenceTypeRecordSchema), CirrusPresenceTypeRecordSchema])
  .transform((v) => (Array.isArray(v) ? v : [v]));

/** GET /managers: agents, admins (permissionId 3) and bots (5); see isCirrusAgent. */
export const CirrusManagerSchema = z.object({
  id: CirrusIdSchema,
  firstName: z.string().nullish(),
  lastName: z.string().nullish(),
  email: z.string().nullish(),
  userName: z.string().nullish(),
  teamId: z.union([z.string(), z.number()]).nullish(),
  teamName: z.string().nullish(),
  permissionId: z.union([z.number().int(), z.string().regex(/^\d+$/)]).nullish().transform((v) => (v == null ? null : Number(v))),
});
export type CirrusManager = z.infer<typeof CirrusManagerSchema>;
export const CirrusManagerListSchema = z.array(CirrusManagerSchema);

/** GET /managers/{id}/stats; only the "busy" signal matters here. */
export const CirrusStatsSchema = z.looseObject({
  FaceToFaceStatus: z.boolean().nullish(),
});
export type CirrusStats = z.infer<typeof CirrusStatsSchema>;

/**
 * CommBox `permissionId` values (api/managers/paths.json and its Enums): 3 is an admin, 5 a bot;
 * agents may have any other number (usually 2).
 */
export const cirrusPermission = { agent: 2, admin: 3, bot: 5 } as const;

/**
 * Whether a /managers record is an agent whose presence we follow: everyone but admins and bots.
 * Bots are left out too: they are not people at a desk, never log in, and each would cost a
 * presence request per poll. A record without a permissionId is kept rather than silently lost.
 */
export function isCirrusAgent(permissionId: number | null | undefined): boolean {
  return permissionId !== cirrusPermission.admin && permissionId !== cirrusPermission.bot;
}
