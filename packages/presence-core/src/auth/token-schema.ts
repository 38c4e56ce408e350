import { z } from 'zod/v4';

/** An OAuth2 token response (Vonage and Talkdesk both follow RFC 6749 here). */
export const OAuthTokenSchema = z.object({
  access_token: z.string().min(1),
  token_type: z.string().nullish(),
  expires_in: z
    .union([z.number(), z.string().regex(/^\d+$/)])
    .nullish()
    .transform((v) => (v == null ? null : Number(v))),
  scope: z.string().nullish(),
});
export type OAuthToken = z.infer<typeof OAuthTokenSchema>;

/** An OAuth2 token error (RFC 6749 §5.2). */
export const OAuthErrorSchema = z.object({ error: z.string(), error_description: z.string().nullish() });
