import type { TalkdeskPresenceRecord } from './schemas';

type Fields = Record<string, unknown>;
const isObject = (value: unknown): value is Fields => typeof value === 'object' && value !== null && !Array.isArray(value);
const isNullish = (value: unknown) => value === undefined || value === null;
const isNullishString = (value: unknown) => isNullish(value) || typeof value === 'string';
/** z.number(): finite. */
const isNullishNumber = (value: unknown) => isNullish(value) || (typeof value === 'number' && Number.isFinite(value));
/** `count` in the schema: z.number().int().nonnegative(). */
const isNullishCount = (value: unknown) => isNullish(value) || (Number.isSafeInteger(value) && (value as number) >= 0);

/** Null, undefined, or an array whose every element passes (read by index, holes included, as zod does). */
function isNullishArrayOf(value: unknown, each: (element: unknown) => boolean): boolean {
  if (isNullish(value)) return true;
  if (!Array.isArray(value)) return false;
  for (let i = 0; i < value.length; i++) if (!each(value[i])) return false;
  return true;
}

const isString = (value: unknown) => typeof value === 'string';
const isChannel = (c: unknown) => isObject(c) && typeof c.name === 'string' && isNullishArrayOf(c.devices, isString) && isNullishCount(c.occupancy);
const isDevice = (d: unknown) => isObject(d) && typeof d.id === 'string';
const isInteraction = (i: unknown) =>
  isObject(i) && typeof i.id === 'string' && isNullishString(i.channel_name) && isNullishString(i.device_id) && isNullishNumber(i.cost);

/**
 * `value` itself when TalkdeskPresenceRecordSchema would accept it, checked by hand field
 * by field, nested arrays included (zod's copy of them was most of normalising's cost);
 * undefined when not, and the schema decides, its error messages included. The schema
 * transforms nothing, so every field normalising reads is the same in `value` as in what
 * zod would return.
 */
export function handCheckedTalkdeskPresence(value: unknown): TalkdeskPresenceRecord | undefined {
  if (!isObject(value) || typeof value.status !== 'string') return undefined;
  const ok =
    isNullishString(value.id) &&
    isNullishString(value.account_id) &&
    isNullishString(value.user_id) &&
    isNullishString(value.custom_status) &&
    isNullishString(value.custom_status_id) &&
    isNullishCount(value.occupancy) &&
    isNullishArrayOf(value.channels, isChannel) &&
    isNullishArrayOf(value.devices, isDevice) &&
    isNullishArrayOf(value.interactions, isInteraction) &&
    isNullishString(value.updated_by) &&
    isNullishString(value.updated_at);
  // `_links` is z.unknown(): anything.
  return ok ? (value as TalkdeskPresenceRecord) : undefined;
}
