/**
 * zod schemas of the control API's request bodies and queries. Bad input becomes a
 * {@link SimulatorInputError} (HTTP 400) whose message names the field.
 */
import { z } from 'zod/v4';
import { VENDOR_LIST, VENDORS, type VendorConfig, type VendorId } from './vendors/registry';
import { MAX_AGENTS } from './world';

export { SimulatorInputError, parseInput } from './input';

export const VendorSchema = z.enum(VENDORS as [VendorId, ...VendorId[]]);
export const FaultVendorSchema = z.enum([...VENDORS, '*'] as unknown as [VendorId | '*', ...Array<VendorId | '*'>]);

const idString = z.union(
  [
    z.string().min(1),
    z
      .number()
      .int()
      .refine((n) => Number.isSafeInteger(n), 'ids above 2^53 must be sent as strings')
      .transform((n) => String(n)),
  ],
  { error: 'expected a non-empty string (or a safe integer)' },
);

export const InteractionSchema = z.strictObject({
  id: z.string().min(1).optional(),
  channel_name: z.string().min(1).default('voice'),
  device_id: z.string().min(1).optional(),
  cost: z.number().int().min(0).max(100),
});

export const SetPresenceSchema = z.strictObject({
  vendor: VendorSchema,
  agentId: idString,
  /** A status id of the vendor's table (see its catalog). */
  statusId: idString,
  /** Vendors showing interactions only: occupancy 0..100 (default: total cost of the interactions, max 100). */
  occupancy: z.number().int().min(0).max(100).optional(),
  /** Vendors showing interactions only: ongoing interactions, or how many default ones (voice 100, then chat 50). */
  interactions: z.union([z.number().int().min(0).max(20), z.array(InteractionSchema).max(20)]).optional(),
  /** Vendors showing a call flag only: on a call. */
  onCall: z.boolean().optional(),
});

export const TimeSchema = z
  .strictObject({
    action: z.enum(['pause', 'resume', 'advance']),
    ms: z
      .number()
      .int()
      .min(0)
      .max(31 * 24 * 3600 * 1000)
      .optional(),
  })
  .superRefine((v, ctx) => {
    if (v.action === 'advance' && v.ms === undefined) {
      ctx.addIssue({ code: 'custom', path: ['ms'], message: 'required when action is "advance"' });
    }
  });

export const ResetSchema = z.strictObject({
  agents: z.number().int().min(1).max(MAX_AGENTS).optional(),
  seed: z.number().int().min(0).max(0xffffffff).optional(),
  /** ISO time or epoch ms for the new world's start (default: as at startup). */
  startTime: z
    .union([z.iso.datetime({ offset: true }), z.number().int().min(0)], { error: 'expected an ISO date-time or epoch milliseconds' })
    .optional(),
});

export const ConfigSchema = z.strictObject({
  latencyMs: z.number().int().min(0).max(60_000).optional(),
  // the vendors' keys, in name order
  ...Object.fromEntries(VENDOR_LIST.flatMap((v) => Object.entries(v.config?.shape ?? {})).sort(([a], [b]) => (a < b ? -1 : 1))),
  /** Virtual ms per wall ms while the clock runs. */
  speed: z.number().positive().max(100_000).optional(),
});

export const FAULT_KINDS = [
  '429',
  '500',
  '503',
  'latency',
  'drop',
  'truncate',
  'non-json',
  'drift-missing',
  'drift-renamed',
  'drift-type',
  'token-expiry',
] as const;

export const FaultSpecSchema = z
  .strictObject({
    vendor: FaultVendorSchema.default('*'),
    /** Route template (`/agents/{userId}/presence`), `METHOD template`, or `*`. */
    endpoint: z.string().min(1).default('*'),
    kind: z.preprocess((v) => (typeof v === 'number' ? String(v) : v), z.enum(FAULT_KINDS)),
    /** Probability per matching request (seeded). Default 1 when neither rate nor count is given. */
    rate: z.number().min(0).max(1).optional(),
    /** Fire on the next N matching requests, then stop. */
    count: z.number().int().min(1).optional(),
    /** 429: value of the Retry-After header (absent: no header). */
    retryAfterSeconds: z.number().int().min(0).optional(),
    /** latency: added delay. */
    ms: z.number().int().min(0).max(600_000).optional(),
    /** drift-*: dotted path of the field in each vendor record (default: per endpoint). */
    field: z.string().min(1).optional(),
    /** drift-renamed: the new name (default: snake_case <-> camelCase, else `<name>_renamed`). */
    renameTo: z.string().min(1).optional(),
    /** non-json: HTTP status of the HTML page (default 502). */
    status: z.number().int().min(200).max(599).optional(),
  })
  .superRefine((v, ctx) => {
    if (v.rate !== undefined && v.count !== undefined) {
      ctx.addIssue({ code: 'custom', path: ['count'], message: 'give either rate or count, not both' });
    }
    if (v.kind === 'latency' && v.ms === undefined) {
      ctx.addIssue({ code: 'custom', path: ['ms'], message: 'required when kind is "latency"' });
    }
    if (v.ms !== undefined && v.kind !== 'latency') {
      ctx.addIssue({ code: 'custom', path: ['ms'], message: 'only allowed when kind is "latency"' });
    }
    if (v.retryAfterSeconds !== undefined && v.kind !== '429') {
      ctx.addIssue({ code: 'custom', path: ['retryAfterSeconds'], message: 'only allowed when kind is "429"' });
    }
    if (v.renameTo !== undefined && v.kind !== 'drift-renamed') {
      ctx.addIssue({ code: 'custom', path: ['renameTo'], message: 'only allowed when kind is "drift-renamed"' });
    }
    if (v.field !== undefined && !v.kind.startsWith('drift-')) {
      ctx.addIssue({ code: 'custom', path: ['field'], message: 'only allowed for drift-* kinds' });
    }
    if (v.status !== undefined && v.kind !== 'non-json') {
      ctx.addIssue({ code: 'custom', path: ['status'], message: 'only allowed when kind is "non-json"' });
    }
  });

const intParam = (min: number, max: number) => z.coerce.number().int().min(min).max(max);

export const TimelineQuerySchema = z.strictObject({
  vendor: VendorSchema.optional(),
  agentId: z.string().min(1).optional(),
  sinceSeq: intParam(0, Number.MAX_SAFE_INTEGER).optional(),
  limit: intParam(1, 100_000).optional(),
});

export const VendorQuerySchema = z.strictObject({ vendor: VendorSchema });

export type SetPresenceInput = z.input<typeof SetPresenceSchema>;
export type TimeInput = z.input<typeof TimeSchema>;
export type ResetInput = z.input<typeof ResetSchema>;
export type ConfigInput = { latencyMs?: number; speed?: number } & Partial<VendorConfig>;
export type FaultSpecInput = z.input<typeof FaultSpecSchema>;
export type FaultSpec = z.output<typeof FaultSpecSchema>;
export type FaultKind = (typeof FAULT_KINDS)[number];
export type TimelineQueryInput = z.input<typeof TimelineQuerySchema>;
