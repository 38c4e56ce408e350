// Workflows the demo and the end-to-end suite import into n8n: a Manual Trigger followed
// by every operation of a vendor's action node, a workflow around each polling trigger, and
// one around the Vonage real-time (webhook) trigger.
import { byVendor } from './paths.mjs';
import { credentialRef } from './simulator.mjs';

const rl = (value) => ({ __rl: true, mode: 'id', value });

/** Statuses the Set operation moves an agent to: the first one it does not have already. */
export const setTargets = {
  cirrus: ['1004', '1002'], // Meeting, Training
  vonage: ['b2e9d4c1-7a35-4f86-9c02-6a1e8f3d5b27', '8c3f1a52-6d47-4b0e-a1f9-3e5d7c2b9a40'], // Lunch, Break
  talkdesk: ['offline', 'available'],
};

export function pickTarget(vendor, currentStatusId) {
  return setTargets[vendor].find((s) => s !== currentStatusId);
}

export const actionWorkflowId = (vendor) => ({ cirrus: 'apActionCirrus01', vonage: 'apActionVonage01', talkdesk: 'apActionTalkdsk1' })[vendor];
export const triggerWorkflowId = (vendor) => ({ cirrus: 'apTriggerCirrus1', vonage: 'apTriggerVonage1', talkdesk: 'apTriggerTalkdk1' })[vendor];

/** Node names of the action workflow, in the order they run. */
export const actionSteps = {
  statuses: 'List statuses',
  getManyAll: 'Get many (all agents)',
  getManyIds: 'Get many (given ids)',
  getManyFiltered: 'Get many (away, limit 2, raw)',
  set: 'Set presence',
  get: 'Get presence',
};

/**
 * Manual Trigger → every operation of the vendor's action node, in a chain. Each node runs
 * once (Execute Once), whatever the items before it, so one `n8n execute` covers them all.
 */
export function actionWorkflow(vendor, { idsForGetMany, setAgentId, setStatusId }) {
  const pkg = byVendor[vendor];
  const credentials = credentialRef(vendor);
  const node = (name, x, parameters) => ({
    id: `${vendor}-${x}`,
    name,
    type: pkg.action,
    typeVersion: 1,
    position: [x, 0],
    executeOnce: true,
    parameters,
    credentials,
  });
  const nodes = [
    { id: `${vendor}-start`, name: 'Start', type: 'n8n-nodes-base.manualTrigger', typeVersion: 1, position: [0, 0], parameters: {} },
    node(actionSteps.statuses, 220, { resource: 'status', operation: 'getMany', returnAll: true, options: {} }),
    node(actionSteps.getManyAll, 440, { resource: 'agentPresence', operation: 'getMany', source: 'all', returnAll: true, filters: {}, options: {} }),
    node(actionSteps.getManyIds, 660, { resource: 'agentPresence', operation: 'getMany', source: 'ids', agentIds: idsForGetMany.join(', '), returnAll: true, filters: {}, options: {} }),
    node(actionSteps.getManyFiltered, 880, { resource: 'agentPresence', operation: 'getMany', source: 'all', returnAll: false, limit: 2, filters: { states: ['away'] }, options: { includeRaw: true } }),
    node(actionSteps.set, 1100, { resource: 'agentPresence', operation: 'set', agent: rl(setAgentId), status: rl(setStatusId), options: {} }),
    node(actionSteps.get, 1320, { resource: 'agentPresence', operation: 'get', agent: rl(setAgentId), options: {} }),
  ];
  const connections = {};
  for (let i = 0; i < nodes.length - 1; i++) connections[nodes[i].name] = { main: [[{ node: nodes[i + 1].name, type: 'main', index: 0 }]] };
  return {
    id: actionWorkflowId(vendor),
    name: `E2E ${pkg.displayName}: every action`,
    active: false,
    nodes,
    connections,
    settings: { executionOrder: 'v1' },
    pinData: {},
  };
}

/** A polling trigger (every minute, the shortest n8n allows) followed by a No-Op. `id` and `name` for several of a vendor. */
export function triggerWorkflow(vendor, { events = ['stateChanged', 'statusChanged', 'appeared', 'disappeared'], watch = 'all', agentIds = '', id, name } = {}) {
  const pkg = byVendor[vendor];
  return {
    id: id ?? triggerWorkflowId(vendor),
    name: name ?? `E2E ${pkg.displayName}: trigger`,
    active: false,
    nodes: [
      {
        id: `${vendor}-trigger`,
        name: 'Presence changed',
        type: pkg.trigger,
        typeVersion: 1,
        position: [0, 0],
        parameters: { pollTimes: { item: [{ mode: 'everyMinute' }] }, watch, ...(watch === 'ids' ? { agentIds } : {}), events, onlyStates: [], options: {} },
        credentials: credentialRef(vendor),
      },
      { id: `${vendor}-noop`, name: 'Done', type: 'n8n-nodes-base.noOp', typeVersion: 1, position: [240, 0], parameters: {} },
    ],
    connections: { 'Presence changed': { main: [[{ node: 'Done', type: 'main', index: 0 }]] } },
    settings: { executionOrder: 'v1' },
    pinData: {},
  };
}

export const tooLongWorkflowId = 'e2eTooLongVonag1';
export const tooLongNodeName = 'Away too long';
/** A Vonage polling trigger with only "In a State Too Long": one agent, away for more than 15 minutes. */
export function tooLongWorkflow(agentId) {
  const trigger = triggerWorkflow('vonage', { events: ['tooLong'], id: tooLongWorkflowId, name: 'E2E Vonage Contact Center: away too long' });
  const node = trigger.nodes[0];
  node.name = tooLongNodeName;
  Object.assign(node.parameters, { watch: 'ids', agentIds: agentId, tooLongStates: ['away'], tooLongMinutes: 15, tooLongStatuses: {}, tooLongRepeatMinutes: 0 });
  trigger.connections = { [tooLongNodeName]: trigger.connections['Presence changed'] };
  return trigger;
}

export const realtimeWorkflowId = 'apRealtimeVonag1';
/** Fixed, so the trigger's production URL is known: <n8n>/webhook/<webhookId>/presence. */
export const realtimeWebhookId = '6f1c2a9e-4b7d-4e85-a3c0-9d2e7b5f1a64';
export const realtimeTriggerType = '@agent-presence/n8n-nodes-vonage-contact-center.vonageContactCenterPresenceWebhookTrigger';

/** Remove Duplicates on `eventId` across executions: what a user puts after a trigger (root README, Running in production). */
export const dedupeNodeName = 'Unique eventId';
function dedupeNode(x) {
  return {
    id: 'dedupe-event-id',
    name: dedupeNodeName,
    type: 'n8n-nodes-base.removeDuplicates',
    typeVersion: 2,
    position: [x, 0],
    parameters: { operation: 'removeItemsSeenInPreviousExecutions', logic: 'removeItemsWithAlreadySeenKeyValues', dedupeValue: '={{ $json.eventId }}', options: {} },
  };
}

/** The Vonage real-time trigger (signed webhooks) followed by a No-Op; with `dedupe`, Remove Duplicates on eventId between them. */
export function realtimeWorkflow({ onlyStates = [], options = {}, dedupe = false } = {}) {
  if (dedupe) {
    const wf = realtimeWorkflow({ onlyStates, options });
    wf.nodes.splice(1, 0, dedupeNode(240));
    wf.nodes[2].position = [480, 0];
    wf.connections = {
      'Presence changed': { main: [[{ node: dedupeNodeName, type: 'main', index: 0 }]] },
      [dedupeNodeName]: { main: [[{ node: 'Done', type: 'main', index: 0 }]] },
    };
    return wf;
  }
  return {
    id: realtimeWorkflowId,
    name: 'E2E Vonage Contact Center: real-time trigger',
    active: false,
    nodes: [
      {
        id: 'vonage-realtime-trigger',
        name: 'Presence changed',
        type: realtimeTriggerType,
        typeVersion: 1,
        position: [0, 0],
        webhookId: realtimeWebhookId,
        parameters: { onlyStates, options },
        // The credential `npm start` imports for it: with admin:read and admin:write, for the subscription.
        credentials: credentialRef('vonageRealtime'),
      },
      { id: 'vonage-realtime-noop', name: 'Done', type: 'n8n-nodes-base.noOp', typeVersion: 1, position: [240, 0], parameters: {} },
    ],
    connections: { 'Presence changed': { main: [[{ node: 'Done', type: 'main', index: 0 }]] } },
    settings: { executionOrder: 'v1' },
    pinData: {},
  };
}

/** Node names of the vendor-only workflows. */
export const vendorOnlySteps = {
  history: 'Get presence history',
  historySummary: 'Summarize presence history',
  historyIds: 'Presence history (given ids)',
  occupancyAdd: 'Add interactions',
  occupancyRemove: 'Remove an interaction',
};
export const historyWorkflowId = 'apHistoryVonage1';
export const historyNoScopeWorkflowId = 'apHistoryNoScop1';
export const occupancyWorkflowId = 'apOccupancyTalk1';

/** A Manual Trigger followed by nodes that each run once, in a chain. */
function chain(id, name, nodes) {
  const all = [{ id: `${id}-start`, name: 'Start', type: 'n8n-nodes-base.manualTrigger', typeVersion: 1, position: [0, 0], parameters: {} }, ...nodes.map((n, i) => ({ id: `${id}-${i}`, typeVersion: 1, position: [220 * (i + 1), 0], executeOnce: true, ...n }))];
  const connections = {};
  for (let i = 0; i < all.length - 1; i++) connections[all[i].name] = { main: [[{ node: all[i + 1].name, type: 'main', index: 0 }]] };
  return { id, name, active: false, nodes: all, connections, settings: { executionOrder: 'v1' }, pinData: {} };
}

/**
 * Vonage's Get Presence History over a window (ISO times): every stint, the per-agent totals, and
 * one agent's stints. `credential` is the key of the credential used: `vonageStats` has the scope
 * stats; with `vonage` (without it) the first node must refuse.
 */
export function historyWorkflow({ id = historyWorkflowId, credential = 'vonageStats', from, to, agentId }) {
  const pkg = byVendor.vonage;
  const node = (name, parameters) => ({ name, type: pkg.action, credentials: credentialRef(credential), parameters: { resource: 'agentPresence', operation: 'getHistory', timeWindow: 'custom', from, to, options: {}, ...parameters } });
  return chain(id, `E2E Vonage Contact Center: presence history (${credential})`, [
    node(vendorOnlySteps.history, { source: 'all', summarize: false }),
    node(vendorOnlySteps.historySummary, { source: 'all', summarize: true }),
    node(vendorOnlySteps.historyIds, { source: 'ids', agentIds: [agentId], summarize: false }),
  ]);
}

/** Talkdesk's Set Occupancy: add two interactions to an agent, then remove the first by its id. */
export function occupancyWorkflow({ agentId, interactions }) {
  const pkg = byVendor.talkdesk;
  const node = (name, parameters) => ({ name, type: pkg.action, credentials: credentialRef('talkdesk'), parameters: { resource: 'agentPresence', operation: 'setOccupancy', agent: rl(agentId), options: {}, ...parameters } });
  return chain(occupancyWorkflowId, 'E2E Talkdesk: set occupancy', [
    node(vendorOnlySteps.occupancyAdd, { occupancyChange: 'add', interactions: { interaction: interactions } }),
    node(vendorOnlySteps.occupancyRemove, { occupancyChange: 'remove', interactionIds: interactions[0].id }),
  ]);
}
