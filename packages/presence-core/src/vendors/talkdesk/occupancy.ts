import { z } from 'zod/v4';
import { InputError } from '../../errors';

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
