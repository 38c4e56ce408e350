// Acme: a vendor that exists only in tests, to prove that a vendor is its folder plus one
// registration (CONTRIBUTING.md, Adding a vendor). Its "API" is the fake in api.ts.
import { z } from 'zod/v4';

export const AcmeStatusSchema = z.object({
  code: z.string(),
  label: z.string(),
  /** Acme's own categories. */
  kind: z.enum(['open', 'engaged', 'paused', 'gone']),
});
export type AcmeStatus = z.infer<typeof AcmeStatusSchema>;

export const AcmePresenceSchema = z.object({
  agent: z.string(),
  status: AcmeStatusSchema,
  /** When the status began (ISO); absent when Acme does not know. */
  since: z.string().optional(),
});
export const AcmePresenceListSchema = z.array(AcmePresenceSchema);
export const AcmeStatusListSchema = z.array(AcmeStatusSchema);
export const AcmeUsersSchema = z.array(z.object({ id: z.string(), name: z.string(), email: z.string().nullable() }));
export const AcmeErrorSchema = z.object({ error: z.object({ code: z.string(), text: z.string() }) });
