import { InputError, nameAgents, type PresenceClient, type TalkdeskClient } from '@agent-presence/presence-core';
import {
  checkOccupancyPatch,
  interactionsOf,
  removeInteractions,
  replaceInteractions,
  TalkdeskInteractionSchema,
  type TalkdeskInteraction,
  type TalkdeskOccupancyOperation,
} from '@agent-presence/presence-core/talkdesk';
import type { IDataObject, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { agentsFor } from '../../agent-names';
import { locatorProperty } from '../../common-properties';
import { locatorValue, parseIdList } from '../../params';
import { requireScope, withScopeHint } from '../../scopes';
import type { VendorConfig, VendorOperation } from '../../vendor';
import { forEachItem, optionsProperty, readOptionsOf, showOnly } from '../common';
import type { ActionRun } from '../operation';

/*
 * Set Occupancy (Talkdesk): "Change User Occupancy", a JSON Patch on the agent's `interactions`
 * (scope `presence-occupancy:write`). An outside system (a CRM task, a chat tool) marks an agent
 * busy by adding an interaction with a cost, and frees them by removing it. The supervisor picks
 * what to change; the patch is built here (remove and replace read the agent's interactions first,
 * since JSON Patch paths are indexes), or given raw under JSON Patch.
 */

export const occupancyScope = 'presence-occupancy:write';
const operationName = 'Set Occupancy';

/** Its entry in the Operation list (Talkdesk only). */
export const option: VendorOperation['option'] = {
  name: operationName,
  value: 'setOccupancy',
  action: (vendor) => `Set ${vendor.shortName} occupancy`,
  description: "Mark an agent busy or free with interactions of an outside system (Talkdesk's Change User Occupancy)",
};

const interactionsLabel = 'Interactions';
const idsLabel = 'Interaction IDs';
const patchLabel = 'JSON Patch';

export function description(vendor: VendorConfig): INodeProperties[] {
  return showOnly({ resource: ['agentPresence'], operation: [option.value] }, [
    locatorProperty('agent', 'Agent', 'searchAgents', vendor.agentId, { description: 'The agent whose occupancy to change' }),
    {
      displayName: 'Change',
      name: 'occupancyChange',
      type: 'options',
      noDataExpression: true,
      options: [
        { name: 'Add Interactions', value: 'add', description: "Add interactions to the agent's: they count as work, so the agent is busy" },
        { name: 'Remove Interactions', value: 'remove', description: 'Remove interactions from the agent, by their IDs' },
        { name: 'Replace Interactions', value: 'replace', description: "Make these the agent's only interactions; none frees the agent" },
        { name: 'JSON Patch', value: 'jsonPatch', description: 'Send a JSON Patch (RFC 6902) of your own on interactions' },
      ],
      default: 'add',
    },
    {
      displayName: interactionsLabel,
      name: 'interactions',
      type: 'fixedCollection',
      placeholder: 'Add Interaction',
      typeOptions: { multipleValues: true },
      default: {},
      description: 'The interactions, e.g. the CRM task the agent is working on',
      displayOptions: { show: { occupancyChange: ['add', 'replace'] } },
      options: [
        {
          displayName: 'Interaction',
          name: 'interaction',
          values: [
            { displayName: 'Interaction ID', name: 'id', type: 'string', default: '', required: true, placeholder: 'e.g. crm-task-4711', description: 'Your own ID for it, to remove it later' },
            { displayName: 'Channel Name', name: 'channelName', type: 'string', default: '', required: true, placeholder: 'e.g. crm', description: 'The channel it belongs to' },
            { displayName: 'Cost', name: 'cost', type: 'number', typeOptions: { minValue: 0, numberPrecision: 0 }, default: 100, description: 'How much of the agent it takes: 100 is fully busy' },
            { displayName: 'Device ID', name: 'deviceId', type: 'string', default: '', description: 'Optional: the device it is on' },
          ],
        },
      ],
    },
    {
      displayName: idsLabel,
      name: 'interactionIds',
      type: 'string',
      default: '',
      required: true,
      placeholder: 'e.g. crm-task-4711',
      description: 'The IDs of the interactions to remove, separated by commas, or a list from an expression',
      displayOptions: { show: { occupancyChange: ['remove'] } },
    },
    {
      displayName: patchLabel,
      name: 'jsonPatch',
      type: 'json',
      default: '[\n  { "op": "add", "path": "/interactions/-", "value": { "id": "crm-task-4711", "channel_name": "crm", "cost": 100 } }\n]',
      description: 'Operations add, remove, replace or test on /interactions (e.g. /interactions/- to add, /interactions/0 to remove the first)',
      displayOptions: { show: { occupancyChange: ['jsonPatch'] } },
    },
    optionsProperty(vendor),
  ]);
}

function isTalkdeskClient(client: PresenceClient): client is TalkdeskClient {
  return typeof (client as Partial<TalkdeskClient>).changeOccupancy === 'function';
}

/** The Interactions rows as Talkdesk interactions, a bad row named by its place. */
function interactionsFrom(value: unknown): TalkdeskInteraction[] {
  const rows = ((value as { interaction?: unknown } | undefined)?.interaction ?? []) as unknown[];
  if (!Array.isArray(rows)) throw new InputError(interactionsLabel, 'is not a list of interactions', 'Add interactions with Add Interaction.');
  return rows.map((row, n) => {
    const r = (row ?? {}) as Record<string, unknown>;
    const text = (v: unknown) => (typeof v === 'number' ? String(v) : typeof v === 'string' ? v.trim() : v);
    const interaction = {
      id: text(r.id),
      channel_name: text(r.channelName),
      cost: r.cost,
      ...(typeof r.deviceId === 'string' && r.deviceId.trim() !== '' ? { device_id: r.deviceId.trim() } : {}),
    };
    const parsed = TalkdeskInteractionSchema.safeParse(interaction);
    if (!parsed.success) {
      const field = String(parsed.error.issues[0]?.path[0] ?? 'id');
      const label = { id: 'Interaction ID', channel_name: 'Channel Name', cost: 'Cost', device_id: 'Device ID' }[field] ?? field;
      throw new InputError(`${interactionsLabel}, row ${n + 1}: ${label}`, `${JSON.stringify(interaction[field as keyof typeof interaction]) ?? 'nothing'} is not valid`, 'An interaction needs an ID and a channel name, and a cost that is a whole number from 0 (100 is fully busy).');
    }
    return parsed.data;
  });
}

/** The JSON Patch field: text or a list from an expression, checked by core, errors named by the label. */
function patchFrom(value: unknown): TalkdeskOccupancyOperation[] {
  const patch = typeof value === 'string' ? parsedJson(value) : value;
  if (patch === notJson) throw new InputError(patchLabel, 'is not valid JSON', 'Give a JSON list of operations, e.g. [{"op": "remove", "path": "/interactions/0"}].');
  const checked = checkedPatch(patch);
  if (checked instanceof InputError) throw new InputError(`${patchLabel}: ${checked.field}`, checked.problem, checked.hint ?? '');
  return checked;
}

const notJson = Symbol('not JSON');

function parsedJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return notJson;
  }
}

/** Core's check, its InputError returned (to be named by the field's label) rather than thrown. */
function checkedPatch(patch: unknown): TalkdeskOccupancyOperation[] | InputError {
  try {
    return checkOccupancyPatch(patch);
  } catch (error) {
    if (error instanceof InputError) return error;
    return new InputError(patchLabel, 'could not be checked', String(error));
  }
}

export async function execute(run: ActionRun): Promise<INodeExecutionData[]> {
  return forEachItem(run, (i) => occupancyOf(run, i));
}

async function occupancyOf(run: ActionRun, i: number): Promise<INodeExecutionData[]> {
  const { ctx, vendor } = run;
  const read = readOptionsOf(ctx, vendor, i);
  const agentId = locatorValue(ctx, 'agent', i, vendor, 'Agent');
  const change = ctx.getNodeParameter('occupancyChange', i, 'add') as string;
  // Parameters first, so that a mistake is named before anything is sent.
  let next: TalkdeskInteraction[] = [];
  let ids: string[] = [];
  let raw: TalkdeskOccupancyOperation[] = [];
  if (change === 'add' || change === 'replace') {
    next = interactionsFrom(ctx.getNodeParameter('interactions', i, {}));
    if (change === 'add' && next.length === 0) throw new InputError(interactionsLabel, 'is empty', 'Add at least one interaction with Add Interaction.');
  } else if (change === 'remove') {
    ids = parseIdList(ctx.getNodeParameter('interactionIds', i, ''), idsLabel);
  } else if (change === 'jsonPatch') {
    raw = patchFrom(ctx.getNodeParameter('jsonPatch', i, ''));
  } else {
    throw new InputError('Change', `"${change}" is not a change`, 'Pick Add, Remove or Replace Interactions, or JSON Patch.');
  }
  await requireScope(ctx, vendor, occupancyScope, operationName);
  const client = await run.client();
  if (!isTalkdeskClient(client)) throw new InputError('Operation', `${operationName} is not offered for ${vendor.displayName}`, 'Pick another operation.');

  let patch: TalkdeskOccupancyOperation[];
  let before;
  if (change === 'add') patch = [{ op: 'add', path: '/interactions/-', value: next }];
  else if (change === 'jsonPatch') patch = raw;
  else {
    // Paths are indexes into the agent's list: read it first (each removal is guarded by a test of its id).
    before = await client.getPresence(agentId, { ...read, includeRaw: true });
    const current = interactionsOf(before.raw);
    patch = change === 'remove' ? removeInteractions(current, ids, idsLabel) : replaceInteractions(current, next);
  }
  let presence;
  try {
    // Nothing to change (Replace with none on a free agent): nothing sent, the presence as read.
    presence = patch.length === 0 && before ? before : await client.changeOccupancy(agentId, patch, { ...read, includeRaw: true });
  } catch (error) {
    throw withScopeHint(error, vendor, occupancyScope, operationName);
  }
  const interactions = interactionsOf(presence.raw);
  if (!read.includeRaw) delete presence.raw;
  nameAgents([presence], await agentsFor(ctx, vendor, client, [presence.agentId]));
  return [{ json: { ...presence, interactions, patch } as unknown as IDataObject, pairedItem: { item: i } }];
}
