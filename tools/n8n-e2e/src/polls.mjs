// The polling triggers in a running n8n, as the end-to-end and the compatibility suites prove
// them: publish, let the first poll store its baseline, move agents through the simulator, and
// read the executions that followed through the REST API.
import assert from 'node:assert/strict';
import { CIRRUS_STATUSES, TALKDESK_STATUSES, VONAGE_STATUSES } from '@agent-presence/simulator';
import { expectedState } from './expect.mjs';
import { nodeItems } from './n8n.mjs';
import { sleep, waitFor } from './proc.mjs';
import { triggerWorkflowId } from './workflows.mjs';

export const catalogs = { cirrus: CIRRUS_STATUSES, vonage: VONAGE_STATUSES, talkdesk: TALKDESK_STATUSES };
/** Longest wait for a poll: n8n polls every minute at a random second. */
export const pollWaitMs = 150_000;

/** Statuses the suites move agents to (Talkdesk available and hidden depend on calls / map like offline). */
export function settable(vendor) {
  return catalogs[vendor].filter((s) => s.selectable !== false && !(vendor === 'talkdesk' && (s.id === 'available' || s.id === 'hidden')));
}

/**
 * Publishing returns before a trigger's first poll (the one that stores the baseline) has
 * run: wait until each vendor has seen requests and the simulator has been quiet for 5 s.
 */
export async function publishAndWaitForBaseline(n8n, control, workflowIds, vendorsPolled) {
  const before = (await control.counters()).byVendor;
  for (const id of workflowIds) await n8n.activate(id);
  let last = -1;
  let quietSince = Date.now();
  await waitFor(
    async () => {
      const counters = await control.counters();
      if (counters.total !== last) {
        last = counters.total;
        quietSince = Date.now();
      }
      return vendorsPolled.every((v) => counters.byVendor[v] > before[v]) && Date.now() - quietSince >= 5000;
    },
    { timeoutMs: 60_000, intervalMs: 250, what: 'the first polls after publishing' },
  );
}

/** Every trigger item of a workflow's executions so far, with the execution ids. */
export async function triggerItems(n8n, workflowId, nodeName) {
  const items = [];
  const executions = await n8n.executions(workflowId);
  for (const e of executions) {
    const full = await n8n.execution(e.id);
    const runData = full.data?.resultData?.runData ?? {};
    if (runData[nodeName]) for (const json of nodeItems(runData, nodeName)) items.push({ executionId: e.id, status: e.status, json });
  }
  return { executions, items };
}

/**
 * Moves two agents of a vendor: one to another common state, one to another status in the
 * same state. Returns the changes the trigger must report.
 */
export async function moveTwoAgents(control, vendor) {
  const agents = (await control.state(vendor)).agents;
  const options = settable(vendor);
  const [a] = agents;
  const stateA = expectedState(vendor, a);
  const toA = options.find((s) => expectedState(vendor, { category: s.category }) !== stateA);
  let b;
  let toB;
  for (const agent of agents.slice(1)) {
    const state = expectedState(vendor, agent);
    toB = options.find((s) => s.id !== agent.statusId && expectedState(vendor, { category: s.category }) === state);
    if (toB) {
      b = agent;
      break;
    }
  }
  assert.ok(toA && b && toB, `${vendor}: found agents to move`);
  await control.setPresence(vendor, a.agentId, toA.id);
  await control.setPresence(vendor, b.agentId, toB.id);
  return [
    { agentId: a.agentId, from: a, to: toA, kind: 'stateChanged' },
    { agentId: b.agentId, from: b, to: toB, kind: 'statusChanged' },
  ];
}

/**
 * Waits until the vendor's trigger has reported every expected change, then for one more
 * poll (which must find nothing new), and returns all its items and executions.
 */
export async function collectTriggerRun(n8n, control, vendor, expected, nodeName = 'Presence changed') {
  const workflowId = triggerWorkflowId(vendor);
  await waitFor(
    async () => {
      const { items } = await triggerItems(n8n, workflowId, nodeName);
      return expected.every((e) => items.some((i) => i.json.agentId === e.agentId));
    },
    { timeoutMs: pollWaitMs, intervalMs: 2000, what: `${vendor} trigger executions` },
  );
  await waitForNextPoll(control, vendor);
  return triggerItems(n8n, workflowId, nodeName);
}

/** Waits until the vendor sees requests again (n8n polls every minute), and a little after. */
export async function waitForNextPoll(control, vendor) {
  const seen = (await control.counters()).byVendor[vendor];
  await waitFor(async () => (await control.counters()).byVendor[vendor] > seen, { timeoutMs: 75_000, intervalMs: 1000, what: `${vendor}'s next poll` });
  await sleep(4000);
}

/** Asserts that a trigger run reported exactly the expected changes, each right. */
export function assertTriggerRun(vendor, { items, executions }, expected) {
  assert.ok(executions.every((e) => e.status === 'success'), 'every execution succeeded');
  assert.equal(items.length, expected.length, `exactly ${expected.length} items, got ${JSON.stringify(items.map((i) => i.json.agentId))}`);
  for (const e of expected) {
    const item = items.find((i) => i.json.agentId === e.agentId).json;
    assert.equal(item.event, 'changed');
    assert.equal(item.vendor, vendor);
    assert.ok(typeof item.name === 'string' && item.name.length > 0, `${e.agentId} is named`);
    assert.equal(item.current.status.id, e.to.id, `${e.agentId} current status`);
    assert.equal(item.current.state, expectedState(vendor, { category: e.to.category }));
    assert.equal(item.previous.status.id, e.from.statusId, `${e.agentId} previous status`);
    assert.equal(item.previous.state, expectedState(vendor, e.from));
    if (e.kind === 'stateChanged') assert.notEqual(item.current.state, item.previous.state);
    else assert.equal(item.current.state, item.previous.state);
    assert.ok(item.durationInPreviousMs === null || item.durationInPreviousMs >= 0);
    assert.ok(!Number.isNaN(Date.parse(item.observedAt)));
    assert.match(item.eventId, /^[0-9a-f]{32}$/, `${e.agentId} eventId`);
  }
  assert.equal(new Set(items.map((i) => i.json.eventId)).size, items.length, 'a different eventId per change');
}
