import { createHash, createHmac, timingSafeEqual } from 'crypto';
import { z } from 'zod/v4';
import { freshPresence } from '../../presence-templates';
import type { StateMapping } from '../../mapping';
import type { AgentPresence } from '../../model';
import { parseRecord } from '../contract';
import { vonageState, vonageStatusCategory } from './normalize';

/** The event a subscription asks for. */
export const vonagePresenceEventType = 'agent.presencechanged.v1';
/** Signed deliveries expire five minutes after issue. */
export const vonageSignatureMaxAgeMs = 5 * 60_000;

/** `agent.presencechanged` as a CloudEvents 1.0 envelope. Event categories are lower camel case (`ready`). */
export const VonagePresenceEventSchema = z.object({
  specversion: z.string().nullish(),
  id: z.string(),
  type: z.string().refine((t) => t.startsWith('agent.presencechanged'), 'must be an agent.presencechanged event'),
  source: z.string().nullish(),
  time: z.string().nullish(),
  data: z.object({
    timestamp: z.string().nullish(),
    presence: z.object({
      presenceId: z.string(),
      category: z.object({ type: z.string(), subcategory: z.string().nullish() }),
      description: z.string().nullish(),
    }),
    user: z.object({ agentId: z.union([z.string(), z.number()]).nullish(), userId: z.string() }),
  }),
});
export type VonagePresenceEvent = z.infer<typeof VonagePresenceEventSchema>;

/** The REST API's spelling of an event category, so both give the same status fingerprint. */
const restCategory: Record<string, string> = { ready: 'Ready', away: 'Away', extendedaway: 'ExtendedAway', loggedout: 'LoggedOut' };

export function normalizeVonageEvent(event: unknown, context: { mapping?: StateMapping; includeRaw?: boolean } = {}): AgentPresence {
  const e = parseRecord('vonage', VonagePresenceEventSchema, event);
  const type = e.data.presence.category.type;
  const sub = e.data.presence.category.subcategory;
  const categoryType = restCategory[type.toLowerCase()] ?? type;
  const status = { id: e.data.presence.presenceId, name: e.data.presence.description ?? null, category: vonageStatusCategory(categoryType, sub) };
  const presence = freshPresence('vonage', e.data.user.userId, vonageState(status, categoryType, sub, context.mapping), status, e.data.timestamp ?? e.time ?? null);
  if (context.includeRaw) presence.raw = event;
  return presence;
}

const subscriptionIdValue = z.union([z.string(), z.number()]).transform(String);

/**
 * A subscription as the create, list and get-one answers give it. Vonage's reference names the
 * id `subscriptionId`; `id` is accepted too (harmless, and what an older reading expected).
 * Either way the result carries it as `id`.
 */
export const VonageSubscriptionSchema = z
  .looseObject({
    subscriptionId: subscriptionIdValue.nullish(),
    id: subscriptionIdValue.nullish(),
    name: z.string().nullish(),
    url: z.string().nullish(),
    events: z.array(z.string()).nullish(),
    enabled: z.boolean().nullish(),
  })
  .refine((s) => s.subscriptionId != null || s.id != null, { message: 'a subscription needs its subscriptionId', path: ['subscriptionId'] })
  .transform(({ subscriptionId, id, ...rest }) => ({ ...rest, id: (subscriptionId ?? id)! }));
export type VonageSubscription = z.infer<typeof VonageSubscriptionSchema>;
/** The documented list answer is `{subscriptions: [...]}`; a bare array or `{items}` is read too. */
export const VonageSubscriptionListSchema = z
  .union([z.array(VonageSubscriptionSchema), z.object({ subscriptions: z.array(VonageSubscriptionSchema) }), z.object({ items: z.array(VonageSubscriptionSchema) })])
  .transform((v): VonageSubscription[] => (Array.isArray(v) ? v : 'subscriptions' in v ? v.subscriptions : v.items));

export type SignatureProblem = 'missing' | 'malformed' | 'algorithm' | 'signature' | 'payload' | 'expired' | 'not-yet-valid';

export type SignatureCheck =
  | { ok: true; jti: string | null; expiresAt: number }
  | { ok: false; problem: SignatureProblem; message: string };

const JwtHeaderSchema = z.object({ alg: z.string(), typ: z.string().nullish() });
const JwtClaimsSchema = z.object({
  iat: z.number().nullish(),
  exp: z.number().nullish(),
  jti: z.string().nullish(),
  payload_hash: z.string().nullish(),
});

function decodeSegment(segment: string): unknown {
  return JSON.parse(Buffer.from(segment, 'base64url').toString('utf8'));
}

/**
 * The HMAC keys a subscription secret stands for. The docs say the token is signed
 * "with the base64 secret": we read that as the secret's decoded bytes, and also accept
 * the secret text itself, in case the vendor means the string (unconfirmed).
 */
function keysOf(secret: string): Buffer[] {
  const keys = [Buffer.from(secret, 'utf8')];
  if (/^[A-Za-z0-9+/]+={0,2}$/.test(secret) && secret.length % 4 === 0) keys.unshift(Buffer.from(secret, 'base64'));
  return keys;
}

/**
 * Checks a `Vonage-Signature` JWT: HS256 with the subscription secret, a `payload_hash`
 * (SHA-256, hex) equal to the body's, and not expired (exp, or five minutes after iat).
 * Replays are the caller's to refuse, by the returned `jti` (or the token when none).
 */
export function verifyVonageSignature(options: { token: string | undefined; body: string | Buffer; secret: string; now: number; clockSkewMs?: number }): SignatureCheck {
  const skew = options.clockSkewMs ?? 30_000;
  if (!options.token) return { ok: false, problem: 'missing', message: 'no Vonage-Signature header' };
  const token = options.token.replace(/^Bearer\s+/i, '').trim();
  const parts = token.split('.');
  if (parts.length !== 3 || parts.some((p) => !/^[A-Za-z0-9_-]+$/.test(p))) return { ok: false, problem: 'malformed', message: 'the signature is not a JWT' };
  const [h, c, s] = parts as [string, string, string];
  let header: z.infer<typeof JwtHeaderSchema>;
  let claims: z.infer<typeof JwtClaimsSchema>;
  try {
    header = JwtHeaderSchema.parse(decodeSegment(h));
    claims = JwtClaimsSchema.parse(decodeSegment(c));
  } catch {
    return { ok: false, problem: 'malformed', message: 'the signature JWT cannot be read' };
  }
  if (header.alg !== 'HS256') return { ok: false, problem: 'algorithm', message: `the signature uses ${header.alg}, not HS256` };
  const given = Buffer.from(s, 'base64url');
  const signed = keysOf(options.secret).some((key) => {
    const expected = createHmac('sha256', key).update(`${h}.${c}`).digest();
    return expected.length === given.length && timingSafeEqual(expected, given);
  });
  if (!signed) return { ok: false, problem: 'signature', message: 'the signature does not match the subscription secret' };
  const bodyHash = createHash('sha256').update(options.body).digest('hex');
  if (!claims.payload_hash || claims.payload_hash.toLowerCase() !== bodyHash) {
    return { ok: false, problem: 'payload', message: 'the body does not match the signed payload hash' };
  }
  const expiresAt = claims.exp != null ? claims.exp * 1000 : claims.iat != null ? claims.iat * 1000 + vonageSignatureMaxAgeMs : undefined;
  if (expiresAt === undefined) return { ok: false, problem: 'malformed', message: 'the signature has neither exp nor iat' };
  if (options.now > expiresAt + skew) return { ok: false, problem: 'expired', message: 'the signature has expired' };
  if (claims.iat != null && claims.iat * 1000 > options.now + skew) return { ok: false, problem: 'not-yet-valid', message: 'the signature is issued in the future' };
  return { ok: true, jti: claims.jti ?? null, expiresAt };
}
