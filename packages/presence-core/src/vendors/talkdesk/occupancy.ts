import { z } from 'zod/v4';
import { InputError } from '../../errors';
import { TalkdeskPresenceRecordSchema } from './schemas';

/*
 * "Change User Occupancy" (Talkdesk Presence API, scope `presence-occupancy:write`): a JSON Patch
 * (RFC 6902) on the user's `interactions`, so an outside system (a CRM task, a chat tool) can mark
 * an agent busy by adding an interaction with a cost, and free them by removing it. The reference
 * shows the body and the errors (400, 403, 404, 422) but not the method: a JSON Patch body is what
 * HTTP PATCH carries (RFC 5789, RFC 6902), so PATCH it is.
 */

export const talkdeskOccupancyEndpoint = 'PATCH /users/{id}/presence/occupancy';

/** An interaction as the presence record lists it. */
export const TalkdeskInteractionSchema = z.object({
  id: z.string().min(1),
  channel_name: z.string().min(1),
  device_id: z.string().optional(),
  cost: z.number().int().min(0),
});
export type TalkdeskInteraction = z.infer<typeof TalkdeskInteractionSchema>;

/** The reference's own paths: `interactions/-` (no leading slash) and `/interactions/0/id`. */
const interactionsPath = /^\/?interactions(\/(-|\d+)(\/[A-Za-z_]+)?)?$/;

export const TalkdeskOccupancyOperationSchema = z.discriminatedUnion('op', [
  z.object({ op: z.literal('add'), path: z.string(), value: z.unknown() }),
  z.object({ op: z.literal('replace'), path: z.string(), value: z.unknown() }),
  z.object({ op: z.literal('test'), path: z.string(), value: z.unknown() }),
  z.object({ op: z.literal('remove'), path: z.string() }),
]);
export type TalkdeskOccupancyOperation = z.infer<typeof TalkdeskOccupancyOperationSchema>;

/** Checks a patch before sending it, naming the operation at fault. */
export function checkOccupancyPatch(patch: unknown): TalkdeskOccupancyOperation[] {
  if (!Array.isArray(patch) || patch.length === 0) {
    throw new InputError('operations', 'must be a non-empty list of JSON Patch operations', 'Give e.g. [{"op": "add", "path": "/interactions/-", "value": {"id": "task-1", "channel_name": "crm", "cost": 100}}].', 'talkdesk');
  }
  return patch.map((raw, i) => {
    const r = TalkdeskOccupancyOperationSchema.safeParse(raw);
    if (!r.success) {
      throw new InputError(`operations[${i}].op`, 'is not add, remove, replace or test with a path', 'Each operation needs "op" (add, remove, replace, test), "path" and, but for remove, "value".', 'talkdesk');
    }
    if (!interactionsPath.test(r.data.path)) {
      throw new InputError(`operations[${i}].path`, `"${r.data.path}" is not under interactions`, 'Change User Occupancy patches only the interactions: use /interactions/- to add, /interactions/0 to remove or replace.', 'talkdesk');
    }
    const op = r.data;
    if (op.op === 'add' && /\/(-|\d+)$/.test(op.path)) {
      const many = Array.isArray(op.value);
      const values: unknown[] = many ? (op.value as unknown[]) : [op.value];
      values.forEach((v, j) => {
        if (!TalkdeskInteractionSchema.safeParse(v).success) {
          throw new InputError(`operations[${i}].value${many ? `[${j}]` : ''}`, 'is not an interaction', 'An interaction is {"id", "channel_name", "cost"} (cost a whole number, e.g. 100 for fully busy), with "device_id" optional.', 'talkdesk');
        }
      });
    }
    return op;
  });
}

/** The patch that marks an agent busy with one interaction (100 = fully occupied). */
export function addInteraction(interaction: TalkdeskInteraction): TalkdeskOccupancyOperation[] {
  return [{ op: 'add', path: '/interactions/-', value: interaction }];
}

/** An interaction of a presence record: at least its id (the record may leave the rest out). */
export interface CurrentInteraction {
  id: string;
  channel_name?: string | null;
  device_id?: string | null;
  cost?: number | null;
}

/** The interactions of a `GET /users/{id}/presence` record, in the record's order (the patch paths index it). */
export function interactionsOf(record: unknown): CurrentInteraction[] {
  const r = TalkdeskPresenceRecordSchema.pick({ interactions: true }).safeParse(record);
  return r.success ? (r.data.interactions ?? []) : [];
}

/**
 * The patch that removes the interactions with these ids. Paths are indexes, so each removal is
 * guarded by a `test` of the id at that index (the reference's own pattern): if the list changed
 * since it was read, Talkdesk answers 422 and nothing is removed. Highest index first, so the
 * indexes stay right. An id the agent does not have is an error naming it.
 */
export function removeInteractions(current: readonly CurrentInteraction[], ids: readonly string[], field = 'interactionIds'): TalkdeskOccupancyOperation[] {
  if (ids.length === 0) throw new InputError(field, 'is empty', 'Give the id of at least one interaction to remove.', 'talkdesk');
  const indexes = ids.map((id) => {
    const index = current.findIndex((c) => c.id === id);
    if (index < 0) {
      const have = current.length === 0 ? 'the agent has no interaction' : `the agent has ${current.map((c) => `"${c.id}"`).join(', ')}`;
      throw new InputError(field, `"${id}" is not an interaction of this agent`, `Give the id of an interaction the agent has (${have}).`, 'talkdesk');
    }
    return index;
  });
  return [...new Set(indexes)].sort((a, b) => b - a).flatMap((index) => guardedRemove(current, index));
}

/**
 * The patch that makes `next` the agent's interactions: removes every current one (each guarded
 * as above) and appends the new list in one `add` of `interactions/-` with an array value, as the
 * reference's example does. An empty `next` frees the agent. Nothing to change (no interaction now,
 * none given) is an empty patch: the caller sends nothing.
 */
export function replaceInteractions(current: readonly CurrentInteraction[], next: readonly TalkdeskInteraction[]): TalkdeskOccupancyOperation[] {
  const removals = current.map((_, index) => index).reverse().flatMap((index) => guardedRemove(current, index));
  return next.length > 0 ? [...removals, { op: 'add', path: '/interactions/-', value: [...next] }] : removals;
}

function guardedRemove(current: readonly CurrentInteraction[], index: number): TalkdeskOccupancyOperation[] {
  return [
    { op: 'test', path: `/interactions/${index}/id`, value: current[index]!.id },
    { op: 'remove', path: `/interactions/${index}` },
  ];
}
