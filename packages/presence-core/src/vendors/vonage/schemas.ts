import { z } from 'zod/v4';
import { OAuthErrorSchema } from '../../auth/token-schema';

export const VonageCategorySchema = z.object({
  /** REST: LoggedOut | Away | ExtendedAway | Ready. Kept a string so a new type maps to "unknown". */
  categoryType: z.string(),
  description: z.string().nullish(),
  /** An extended type such as readyOutbound; the full list is unconfirmed. */
  subCategory: z.string().nullish(),
});

export const VonagePresenceDefinitionSchema = z.object({
  presenceId: z.string(),
  selectable: z.boolean().nullish(),
  category: VonageCategorySchema,
  description: z.string().nullish(),
});
export type VonagePresenceDefinition = z.infer<typeof VonagePresenceDefinitionSchema>;

export const VonagePresenceRecordSchema = z.object({
  userId: z.string(),
  updated: z.string().nullish(),
  presence: VonagePresenceDefinitionSchema,
});
export type VonagePresenceRecord = z.infer<typeof VonagePresenceRecordSchema>;

export const VonagePresenceListSchema = z.array(VonagePresenceRecordSchema);

export const VonagePresenceDefinitionsSchema = z.object({
  presenceDefinitions: z.array(VonagePresenceDefinitionSchema),
});

/** /useradmin/users (v4). Its record shape is not in the Agents API docs; only what we use is checked. */
export const VonageUserSchema = z.looseObject({
  id: z.string().nullish(),
  userId: z.string().nullish(),
  name: z.string().nullish(),
  firstName: z.string().nullish(),
  lastName: z.string().nullish(),
  email: z.string().nullish(),
  userAccountConfiguration: z.looseObject({ actAsAgent: z.boolean().nullish() }).nullish(),
});
export type VonageUser = z.infer<typeof VonageUserSchema>;

/** A page of users: a bare array, or the array under items / users / data. */
const userList = z.array(VonageUserSchema);
export const VonageUsersPageSchema = z
  .union([userList, z.object({ items: userList }), z.object({ users: userList }), z.object({ data: userList })])
  .transform((v): VonageUser[] => (Array.isArray(v) ? v : 'items' in v ? v.items : 'users' in v ? v.users : v.data));

/** The four documented error shapes, plus the OAuth token error. */
export const VonageErrorSchemas = {
  nested: z.object({ error: z.object({ code: z.string(), message: z.string().nullish() }) }),
  problemWithErrors: z.object({
    status: z.number().nullish(),
    title: z.string(),
    errors: z.array(z.object({ message: z.string(), path: z.string().nullish() })),
  }),
  problem: z.object({ status: z.number().nullish(), title: z.string(), detail: z.string().nullish() }),
  message: z.object({ message: z.string() }),
  oauth: OAuthErrorSchema,
};
