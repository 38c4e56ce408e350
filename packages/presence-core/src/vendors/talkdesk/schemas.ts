import { z } from 'zod/v4';

const count = z.number().int().nonnegative();

/** GET /users/{id}/presence (seed 004). `id` is the EVENT id; older copies also carry `user_id`. */
export const TalkdeskPresenceRecordSchema = z.object({
  id: z.string().nullish(),
  account_id: z.string().nullish(),
  user_id: z.string().nullish(),
  /** available | away | offline | hidden; kept a string so a new value maps to "unknown". */
  status: z.string(),
  custom_status: z.string().nullish(),
  custom_status_id: z.string().nullish(),
  occupancy: count.nullish(),
  channels: z
    .array(z.object({ name: z.string(), devices: z.array(z.string()).nullish(), occupancy: count.nullish() }))
    .nullish(),
  devices: z.array(z.object({ id: z.string() })).nullish(),
  interactions: z
    .array(
      z.object({
        id: z.string(),
        channel_name: z.string().nullish(),
        device_id: z.string().nullish(),
        cost: z.number().nullish(),
      }),
    )
    .nullish(),
  updated_by: z.string().nullish(),
  updated_at: z.string().nullish(),
  _links: z.unknown().optional(),
});
export type TalkdeskPresenceRecord = z.infer<typeof TalkdeskPresenceRecordSchema>;

export const talkdeskBaseStatuses = ['available', 'away', 'offline', 'hidden'] as const;
export const TalkdeskBaseStatusSchema = z.enum(talkdeskBaseStatuses);
export type TalkdeskBaseStatus = z.infer<typeof TalkdeskBaseStatusSchema>;

/** GET /account/custom-status (path from a connector definition: unconfirmed). */
export const TalkdeskCustomStatusListSchema = z.object({
  custom_status: z.array(z.object({ id: z.string(), display_name: z.string().nullish() })),
});

const halLink = z.object({ href: z.string() }).nullish();

/** GET /users, HAL paging. */
export const TalkdeskUsersPageSchema = z.object({
  count: count.nullish(),
  total: count.nullish(),
  page: count.nullish(),
  per_page: count.nullish(),
  total_pages: count.nullish(),
  _embedded: z
    .object({
      users: z.array(
        z.looseObject({
          id: z.string(),
          email: z.string().nullish(),
          name: z.string().nullish(),
          active: z.boolean().nullish(),
        }),
      ),
    })
    .nullish(),
  _links: z.looseObject({ next: halLink, first: halLink, last: halLink, self: halLink }).nullish(),
});

export const TalkdeskErrorSchema = z.object({
  code: z.union([z.string(), z.number()]),
  message: z.string(),
  description: z.string().nullish(),
  fields: z.array(z.object({ name: z.string().nullish(), description: z.string().nullish() })).nullish(),
});
