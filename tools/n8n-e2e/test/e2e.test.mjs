// The end-to-end suite: our packed tarballs installed as community packages in a real
// n8n 2.41.1, against the vendor simulator with its clock paused (only the suite moves
// presences). Run it with `npm run test:e2e` (tools/n8n-e2e/test/run.mjs).
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { auditRows, ensureAuditTable, loadExamples } from '../src/examples.mjs';
import { comparePresences, expectedState, presenceProblems } from '../src/expect.mjs';
import { N8n, nodeItems } from '../src/n8n.mjs';
import { artifactsDir, byVendor, nodePackages, scratchDir, vendors } from '../src/paths.mjs';
import { assertTriggerRun, catalogs, collectTriggerRun, moveTwoAgents, pollWaitMs, publishAndWaitForBaseline, settable, triggerItems as itemsOf, waitForNextPoll } from '../src/polls.mjs';
import { prepareN8n } from '../src/prepare.mjs';
import { freePort, log, sleep, waitFor } from '../src/proc.mjs';
import { simControl, simulatorCredentials, startSimulator } from '../src/simulator.mjs';
import {
  actionSteps,
  actionWorkflow,
  actionWorkflowId,
  historyNoScopeWorkflowId,
  historyWorkflow,
  historyWorkflowId,
  occupancyWorkflow,
  occupancyWorkflowId,
  pickTarget,
  realtimeTriggerType,
  realtimeWebhookId,
  realtimeWorkflow,
  realtimeWorkflowId,
  tooLongNodeName,
  tooLongWorkflow,
  tooLongWorkflowId,
  triggerWorkflow,
  triggerWorkflowId,
  vendorOnlySteps,
} from '../src/workflows.mjs';
import { walkTests } from './walk.mjs';

const userFolder = join(scratchDir, 'e2e');
const examples = Object.fromEntries(loadExamples().map((e) => [e.file.replace(/\.json$/, ''), e.workflow]));
const endOfDayManualId = 'e2eEndOfDayManua';
const dailySummaryHookId = 'e2eDailySummHook';
const dailySummaryPath = 'e2e-daily-summary';

/** An example with a Manual Trigger in place of its Schedule Trigger, to run it now. */
function runByHand(example, id, name) {
  const wf = structuredClone(example);
  const schedule = wf.nodes.find((n) => n.type === 'n8n-nodes-base.scheduleTrigger');
  Object.assign(schedule, { type: 'n8n-nodes-base.manualTrigger', typeVersion: 1, parameters: {} });
  return { ...wf, id, name };
}

/**
 * An example with a Webhook in place of its Schedule Trigger, answering with its last node's
 * items: for examples with a Data Table node, which only a running n8n offers (`n8n execute`
 * refuses it: "the module is disabled").
 */
function runByWebhook(example, id, name, path) {
  const wf = structuredClone(example);
  const schedule = wf.nodes.find((n) => n.type === 'n8n-nodes-base.scheduleTrigger');
  Object.assign(schedule, {
    type: 'n8n-nodes-base.webhook',
    typeVersion: 2,
    webhookId: '9b2d4f6a-1c3e-4a5b-8d7f-0e1a2b3c4d5e',
    parameters: { httpMethod: 'GET', path, responseMode: 'lastNode', responseData: 'allEntries', options: {} },
  });
  return { ...wf, id, name };
}

let sim;
let control;
let n8n;
/** Every trigger item of a workflow's executions so far, with the execution ids. */
const triggerItems = (workflowId, nodeName) => itemsOf(n8n, workflowId, nodeName);
/** The away-too-long example's executions, its trigger items and the alerts its Code node built. */
async function awayAlerts(workflowId) {
  const executions = await n8n.executions(workflowId);
  const items = [];
  const alerts = [];
  for (const e of executions) {
    const runData = (await n8n.execution(e.id)).data?.resultData?.runData ?? {};
    if (runData['Agent away too long']) items.push(...nodeItems(runData, 'Agent away too long'));
    if (runData['Alert supervisor']) alerts.push(...nodeItems(runData, 'Alert supervisor'));
  }
  return { executions, items, alerts };
}
const plans = {};

before(async () => {
  mkdirSync(artifactsDir, { recursive: true });
  await prepareN8n({ userFolder, fresh: true });
  // Paused an hour before the wall clock n8n measures with: the "too long" test moves it to set
  // when a stint began (the clock only goes forward), and the away-too-long example sees agents
  // away for longer than its threshold. The agents' day depends only on the time since the start.
  sim = await startSimulator({ port: 0, autoplay: false, startTime: Date.now() - 60 * 60_000 });
  control = simControl(sim.url);
  log(`simulator on ${sim.url} (clock paused an hour ago)`);
  n8n = new N8n({ userFolder, port: await freePort(), name: 'e2e', env: { GENERIC_TIMEZONE: 'UTC' } });
  // Exactly the credentials `npm start` imports: every node and example must work with them.
  const credentials = simulatorCredentials(sim.url, sim.credentials);
  await n8n.importCredentials(credentials);

  const workflows = [];
  for (const vendor of vendors) {
    const { agentIds } = await control.agents(vendor);
    const setAgentId = agentIds[2];
    const before = (await control.state(vendor)).agents;
    const current = before.find((a) => a.agentId === setAgentId).statusId;
    plans[vendor] = { agentIds, setAgentId, setStatusId: pickTarget(vendor, current), idsForGetMany: agentIds.slice(3, 6) };
    workflows.push(actionWorkflow(vendor, plans[vendor]), triggerWorkflow(vendor));
  }
  workflows.push(
    runByHand(examples['end-of-day'], endOfDayManualId, 'E2E: end of day, run by hand'),
    runByWebhook(examples['daily-summary'], dailySummaryHookId, 'E2E: daily summary, run by a webhook', dailySummaryPath),
    ...Object.values(examples),
    realtimeWorkflow({ options: { previousFromMemory: true } }),
  );
  workflows.push(tooLongWorkflow(plans.vonage.agentIds[9]));
  await n8n.importWorkflows(workflows);
  log(`imported ${credentials.length} credentials and ${workflows.length} workflows`);
});

after(async () => {
  await n8n?.stop();
  await sim?.close();
});

describe('every action operation of every vendor runs in n8n (n8n execute)', () => {
  for (const vendor of vendors) {
    it(`${byVendor[vendor].displayName}: statuses, get many (all, ids, filtered), set, get`, { timeout: 120_000 }, async () => {
      const plan = plans[vendor];
      const before = (await control.state(vendor)).agents;
      const { runData } = await n8n.execute(actionWorkflowId(vendor));
      const afterState = (await control.state(vendor)).agents;

      const statuses = nodeItems(runData, actionSteps.statuses);
      for (const s of catalogs[vendor]) {
        const listed = statuses.find((x) => x.id === s.id);
        assert.ok(listed, `status ${s.id} (${s.name}) is listed`);
        assert.equal(listed.name, s.name, `name of status ${s.id}`);
        assert.equal(listed.state, expectedState(vendor, { category: s.category }), `state of status ${s.id}`);
      }

      const all = nodeItems(runData, actionSteps.getManyAll);
      assert.equal(all.length, before.length, 'Get Many (all) returns every agent');
      assert.deepEqual(comparePresences(vendor, all, before, { exact: true }), []);
      const named = (p) => typeof p.name === 'string' && p.name.length > 0;
      assert.ok(all.every(named), 'every Get Many item names its agent');

      const byIds = nodeItems(runData, actionSteps.getManyIds);
      assert.deepEqual(byIds.map((p) => p.agentId).sort(), [...plan.idsForGetMany].sort(), 'Get Many (ids) returns exactly those agents');
      assert.deepEqual(comparePresences(vendor, byIds, before), []);

      const filtered = nodeItems(runData, actionSteps.getManyFiltered);
      const awayCount = before.filter((a) => expectedState(vendor, a) === 'away').length;
      assert.equal(filtered.length, Math.min(2, awayCount), 'filter away + limit 2');
      for (const p of filtered) {
        assert.equal(p.state, 'away');
        assert.ok(p.raw && typeof p.raw === 'object', 'includeRaw adds the vendor record');
      }
      assert.deepEqual(comparePresences(vendor, filtered, before), []);

      const setAgent = afterState.find((a) => a.agentId === plan.setAgentId);
      assert.equal(setAgent.statusId, plan.setStatusId, 'Set changed the simulator');
      const [setItem] = nodeItems(runData, actionSteps.set);
      assert.equal(setItem.agentId, plan.setAgentId);
      assert.equal(setItem.status.id, plan.setStatusId);
      const [getItem] = nodeItems(runData, actionSteps.get);
      assert.ok(named(setItem) && named(getItem), 'Set and Get name the agent');
      // Set gives Get's fields, then the presence before it and whether it changed.
      assert.deepEqual(Object.keys(setItem), [...Object.keys(getItem), 'previous', 'changed', 'dryRun'], 'Set gives the same fields as Get, and previous, changed, dryRun');
      assert.deepEqual(Object.keys(setItem.previous), Object.keys(getItem), 'previous is a presence like Get\'s');
      assert.equal(setItem.changed, true);
      assert.deepEqual(presenceProblems(vendor, getItem, setAgent), [], 'Get after Set reads the new presence');
      const unchanged = afterState.filter((a) => a.agentId !== plan.setAgentId);
      assert.deepEqual(comparePresences(vendor, all.filter((p) => p.agentId !== plan.setAgentId), unchanged), [], 'nothing else changed');
    });
  }
});

describe("each vendor's own operations run in n8n (n8n execute)", () => {
  const w = {};
  before(async () => {
    // A known history: two Vonage agents moved three times, a minute apart, on the simulator's clock.
    const vonageStatuses = ['36054f94-d55f-4382-8132-ecac185c8e4d', '8c3f1a52-6d47-4b0e-a1f9-3e5d7c2b9a40', 'b2e9d4c1-7a35-4f86-9c02-6a1e8f3d5b27']; // Ready, Break, Lunch
    w.from = (await control.time()).now;
    w.vonageAgents = (await control.agents('vonage')).agentIds.slice(0, 2);
    for (let step = 0; step < 3; step++) {
      await control.advance(60_000);
      for (const agentId of w.vonageAgents) {
        const current = (await control.state('vonage')).agents.find((a) => a.agentId === agentId).statusId;
        await control.setPresence('vonage', agentId, vonageStatuses.find((s) => s !== current));
      }
    }
    await control.advance(60_000);
    w.to = (await control.time()).now;
    // A Talkdesk agent available and free: an offline one takes no interaction.
    w.talkdeskAgent = (await control.agents('talkdesk')).agentIds[3];
    await control.setPresence('talkdesk', w.talkdeskAgent, 'available', { interactions: [] });
    w.interactions = [
      { id: 'crm-task-4711', channelName: 'crm', cost: 100 },
      { id: 'chat-42', channelName: 'chat', cost: 30 },
    ];
    await n8n.importWorkflows([
      historyWorkflow({ from: w.from, to: w.to, agentId: w.vonageAgents[1] }),
      historyWorkflow({ id: historyNoScopeWorkflowId, credential: 'vonage', from: w.from, to: w.to, agentId: w.vonageAgents[1] }),
      occupancyWorkflow({ agentId: w.talkdeskAgent, interactions: w.interactions }),
    ]);
  });

  it("Vonage: Get Presence History gives the simulator's stints, per-agent totals and one agent's stints", { timeout: 120_000 }, async () => {
    const { runData } = await n8n.execute(historyWorkflowId);
    const { stints: truth } = await control.history(`?from=${encodeURIComponent(w.from)}&to=${encodeURIComponent(w.to)}`);
    assert.ok(truth.filter((s) => w.vonageAgents.includes(s.agentId)).length >= 6, 'the moves are in the history');
    const stints = nodeItems(runData, vendorOnlySteps.history);
    assert.deepEqual(
      stints.map((s) => [s.agentId, s.status.name, s.start, s.end, s.durationMs]),
      truth.map((s) => [s.agentId, s.statusName, s.start, s.end, s.durationMs]),
      'every stint, as the simulator recorded it',
    );
    assert.ok(stints.every((s) => typeof s.name === 'string' && s.name.length > 0), 'each stint names its agent');
    const toMs = Date.parse(w.to);
    const expected = {};
    for (const s of stints) {
      const key = `${s.agentId} ${s.state}`;
      expected[key] ??= { totalMs: 0, stints: 0 };
      expected[key].totalMs += Math.min(s.end === null ? toMs : Date.parse(s.end), toMs) - Date.parse(s.start);
      expected[key].stints++;
    }
    const totals = nodeItems(runData, vendorOnlySteps.historySummary);
    assert.deepEqual(Object.fromEntries(totals.map((t) => [`${t.agentId} ${t.state}`, { totalMs: t.totalMs, stints: t.stints }])), expected, 'Summarize: per agent and state');
    const one = nodeItems(runData, vendorOnlySteps.historyIds);
    assert.deepEqual(one.map((s) => s.start), truth.filter((s) => s.agentId === w.vonageAgents[1]).map((s) => s.start), 'Given IDs: that agent only');
  });

  it('Vonage: with a credential without the scope stats, Get Presence History says to add it', { timeout: 120_000 }, async () => {
    await assert.rejects(n8n.execute(historyNoScopeWorkflowId), /Credential > Scope: lacks stats/);
  });

  it('Talkdesk: Set Occupancy adds interactions (the agent is busy), then removes one by its id', { timeout: 120_000 }, async () => {
    const { runData } = await n8n.execute(occupancyWorkflowId);
    const [added] = nodeItems(runData, vendorOnlySteps.occupancyAdd);
    assert.equal(added.state, 'busy');
    assert.deepEqual(added.interactions.map((i) => i.id), w.interactions.map((i) => i.id));
    const [removed] = nodeItems(runData, vendorOnlySteps.occupancyRemove);
    assert.deepEqual(removed.interactions.map((i) => i.id), [w.interactions[1].id]);
    assert.deepEqual(removed.patch.map((o) => `${o.op} ${o.path}`), ['test /interactions/0/id', 'remove /interactions/0']);
    const record = (await control.state('talkdesk')).agents.find((a) => a.agentId === w.talkdeskAgent).record;
    assert.deepEqual(record.interactions.map((i) => i.id), [w.interactions[1].id], 'the simulator holds what the node said');
  });
});

describe('a running n8n start', () => {
  before(async () => {
    await n8n.start();
    await n8n.setupOwner();
    await n8n.login();
  });

  it('lists our nodes and credentials with their icons', { timeout: 60_000 }, async () => {
    const nodes = await n8n.request('GET', '/types/nodes.json');
    const credentials = await n8n.request('GET', '/types/credentials.json');
    for (const pkg of nodePackages) {
      for (const [type, displayName] of [[pkg.action, pkg.actionName], [pkg.trigger, pkg.triggerName]]) {
        const node = nodes.find((n) => n.name === type);
        assert.ok(node, `${type} is a node type`);
        assert.equal(node.displayName, displayName);
        for (const url of [node.iconUrl.light, node.iconUrl.dark]) {
          const res = await fetch(`${n8n.url}/${url}`);
          assert.equal(res.status, 200, `icon ${url}`);
          assert.match(await res.text(), /<svg/, `icon ${url} is an SVG`);
        }
      }
      const trigger = nodes.find((n) => n.name === pkg.trigger);
      assert.equal(trigger.polling, true, 'the trigger polls');
      const cred = credentials.find((c) => c.name === pkg.credentialType);
      assert.ok(cred, `${pkg.credentialType} is a credential type`);
      const icon = await fetch(`${n8n.url}/${cred.iconUrl.light}`);
      assert.equal(icon.status, 200, `credential icon ${cred.iconUrl.light}`);
    }
  });

  it("each credential's test passes against the simulator and fails with a wrong secret", { timeout: 60_000 }, async () => {
    for (const credential of simulatorCredentials(sim.url, sim.credentials)) {
      const ok = await n8n.rest('POST', '/credentials/test', { credentials: credential });
      assert.equal(ok?.status, 'OK', `${credential.type}: ${JSON.stringify(ok)}`);
      const secretField = credential.type === 'cirrusApi' ? 'apiKey' : 'clientSecret';
      const wrong = { ...credential, data: { ...credential.data, [secretField]: 'not-the-secret' } };
      const refused = await n8n.rest('POST', '/credentials/test', { credentials: wrong });
      assert.equal(refused?.status, 'Error', `${credential.type} with a wrong secret: ${JSON.stringify(refused)}`);
      assert.ok(!JSON.stringify(refused).includes(credential.data[secretField]), 'the real secret is not echoed');
      log(`${credential.type} with a wrong secret: ${refused.message}`);
      // The key goes to Cirrus itself, whose 401 the test explains with the field to check.
      if (credential.type === 'cirrusApi') assert.match(refused.message, /API Key/, 'the message names the field to check');
    }
  });

  describe('each polling trigger, published, emits exactly the changes made between polls', () => {
    const results = {};
    before(async () => {
      await publishAndWaitForBaseline(n8n, control, vendors.map(triggerWorkflowId), vendors);
      log('published the 3 trigger workflows; their first poll stored a baseline');
      for (const vendor of vendors) results[vendor] = { expected: await moveTwoAgents(control, vendor) };
      log('moved 2 agents per vendor through /_sim/presence; waiting for the next polls…');
      await Promise.all(
        vendors.map(async (vendor) => {
          const r = results[vendor];
          try {
            Object.assign(r, await collectTriggerRun(n8n, control, vendor, r.expected));
          } catch (err) {
            r.error = err;
          }
        }),
      );
      for (const vendor of vendors) await n8n.deactivate(triggerWorkflowId(vendor));
    });

    for (const vendor of vendors) {
      it(`${byVendor[vendor].displayName} trigger`, () => {
        const r = results[vendor];
        if (r.error) throw r.error;
        assertTriggerRun(vendor, r, r.expected);
      });
    }
  });

  describe('the Vonage real-time trigger, published, runs on signed webhooks only', () => {
    const rt = {};
    const webhookUrl = () => `${n8n.url}/webhook/${realtimeWebhookId}/presence`;
    // n8n 2.41.1 drops what webhook() writes to static data when the delivery starts an execution
    // (WorkflowRunner.run rebuilds the Workflow on the same staticData, clearing its __dataChanged
    // flag before LiveWebhooks saves it). The trigger therefore also keeps its replay memory and last
    // status per agent in the n8n process; these two checks prove that in a real n8n.

    /** The trigger's executions and items, once none of them is still running. */
    async function settled() {
      const r = await triggerItems(realtimeWorkflowId, 'Presence changed');
      return r.executions.every((e) => e.status !== 'running' && e.status !== 'new') ? r : undefined;
    }
    async function executionCount() {
      return (await waitFor(settled, { timeoutMs: 10_000, intervalMs: 100, what: 'running executions to end' })).executions.length;
    }

    after(async () => {
      // A failed test must not leave the workflow subscribed (the end-of-day example moves every agent).
      if (rt.published) await n8n.deactivate(realtimeWorkflowId).catch(() => {});
    });

    it('publishing creates the subscription for its webhook URL', { timeout: 60_000 }, async () => {
      const nodes = await n8n.request('GET', '/types/nodes.json');
      const type = nodes.find((n) => n.name === realtimeTriggerType);
      assert.ok(type, `${realtimeTriggerType} is a node type`);
      assert.ok(!type.polling && type.webhooks?.some((w) => w.path === 'presence' && w.httpMethod === 'POST'), 'a POST webhook on the path presence');
      assert.deepEqual(await control.webhookSubscriptions(), [], 'no subscription before publishing');
      const t = Date.now();
      await n8n.activate(realtimeWorkflowId);
      rt.published = true;
      const subs = await waitFor(
        async () => {
          const list = await control.webhookSubscriptions();
          return list.length > 0 && list;
        },
        { timeoutMs: 20_000, intervalMs: 100, what: 'the subscription in the simulator' },
      );
      log(`published the real-time trigger; subscribed after ${Date.now() - t} ms`);
      assert.equal(subs.length, 1, 'one subscription');
      const [sub] = subs;
      assert.equal(sub.url, webhookUrl());
      // the simulator answers as Vonage does: the id is subscriptionId, which the trigger read and kept
      assert.match(sub.subscriptionId, /^[0-9a-f-]{36}$/);
      assert.equal(sub.id, undefined);
      assert.deepEqual(sub.events, ['agent.presencechanged.v1']);
      assert.equal(sub.enabled, true);
      assert.ok(Buffer.from(sub.secret, 'base64').length >= 32, 'a random secret of at least 32 bytes');
      rt.sub = sub;
      assert.equal(await executionCount(), 0, 'no execution yet');
    });

    it('a presence change starts an execution within seconds, with the new status', { timeout: 60_000 }, async () => {
      assert.ok(rt.sub, 'subscribed');
      const { agentIds } = await control.agents('vonage');
      const agentId = agentIds[7];
      const from = (await control.state('vonage')).agents.find((a) => a.agentId === agentId);
      const options = settable('vonage');
      const first = options.find((s) => s.id !== from.statusId);
      const second = options.find((s) => s.id !== first.id && expectedState('vonage', { category: s.category }) !== expectedState('vonage', { category: first.category }));
      rt.agentId = agentId;
      rt.items = [];
      for (const [i, to] of [first, second].entries()) {
        const t = Date.now();
        const { changed } = await control.setPresence('vonage', agentId, to.id);
        assert.equal(changed, true, `${to.name} is a change`);
        const { items, executions } = await waitFor(
          async () => {
            const r = await settled();
            return r && r.items.length === i + 1 && r;
          },
          { timeoutMs: 10_000, intervalMs: 100, what: `the execution for ${to.name}` },
        );
        log(`real-time: ${to.name} → execution ${executions[0].id} in ${Date.now() - t} ms`);
        assert.equal(executions.length, i + 1, 'one execution per change');
        assert.ok(executions.every((e) => e.status === 'success'), 'every execution succeeded');
        assert.equal(executions[0].mode, 'webhook');
        const item = items.find((x) => x.executionId === executions[0].id).json;
        assert.equal(item.event, 'changed');
        assert.equal(item.vendor, 'vonage');
        assert.equal(item.agentId, agentId);
        assert.ok(typeof item.name === 'string' && item.name.length > 0, 'the agent is named');
        assert.equal(item.current.agentId, agentId);
        assert.match(item.eventId, /^[0-9a-f]{32}$/);
        assert.equal(item.current.status.id, to.id);
        assert.equal(item.current.status.name, to.name);
        assert.equal(item.current.state, expectedState('vonage', { category: to.category }));
        assert.ok(!Number.isNaN(Date.parse(item.observedAt)));
        const truth = (await control.state('vonage')).agents.find((a) => a.agentId === agentId);
        assert.equal(Date.parse(item.current.since), Date.parse(truth.since), 'since is the time of the change');
        if (i === 0) assert.equal(item.previous, null, 'the first event for an agent has no previous');
        rt.items.push({ item, to });
      }
      await control.webhooksIdle();
      const deliveries = await control.webhookDeliveries(`?subscriptionId=${rt.sub.subscriptionId}`);
      assert.deepEqual(deliveries.map((d) => d.status), [200, 200], 'two deliveries, both accepted at the first attempt');
      rt.executions = 2;
    });

    it('the second event of an agent knows its previous status', () => {
      assert.equal(rt.items?.length, 2, 'the change test ran');
      const [{ to: first }, { item }] = rt.items;
      assert.equal(item.previous?.status.id, first.id, 'previous.status.id');
      assert.equal(item.previous.state, expectedState('vonage', { category: first.category }));
      assert.ok(item.durationInPreviousMs >= 0);
    });

    it('unsigned and tampered deliveries get 401 and start nothing', { timeout: 60_000 }, async () => {
      assert.equal(rt.executions, 2, 'the change test ran');
      const answers = {};
      const tampers = ['unsigned', 'bad-signature', 'payload', 'expired', 'wrong-alg'];
      for (const tamper of tampers) answers[tamper] = (await control.deliverWebhook({ subscriptionId: rt.sub.subscriptionId, agentId: rt.agentId, tamper })).status;
      assert.deepEqual(answers, Object.fromEntries(tampers.map((t) => [t, 401])));
      const logged = (await control.webhookDeliveries(`?subscriptionId=${rt.sub.subscriptionId}`)).filter((d) => d.tampered);
      assert.deepEqual(logged.map((d) => [d.tampered, d.status]), Object.entries(answers), 'the delivery log agrees');
      await sleep(2500);
      assert.equal(await executionCount(), rt.executions, 'no new execution');
    });

    it('a replayed delivery gets 401, and the same status again starts nothing', { timeout: 60_000 }, async () => {
      assert.equal(rt.executions, 2, 'the change test ran');
      // The exact bytes and signature of the last queued delivery (the second change).
      const replay = (await control.deliverWebhook({ subscriptionId: rt.sub.subscriptionId, tamper: 'replay' })).status;
      // A correct, fresh delivery of the agent's current presence: accepted, but no change.
      const same = (await control.deliverWebhook({ subscriptionId: rt.sub.subscriptionId, agentId: rt.agentId })).status;
      await sleep(2500);
      const count = await executionCount();
      assert.deepEqual({ replay, same, newExecutions: count - rt.executions }, { replay: 401, same: 200, newExecutions: 0 });
    });

    it('a delivery exactly as Vonage sends it (CloudEvents body, Bearer signature) starts one execution; tampered, 401', { timeout: 60_000 }, async () => {
      assert.equal(rt.executions, 2, 'the change test ran');
      // an agent the trigger has not heard of: its first event is a change
      const { agentIds } = await control.agents('vonage');
      const agentId = agentIds.find((id) => id !== rt.agentId);
      const sent = await control.deliverWebhook({ subscriptionId: rt.sub.subscriptionId, agentId });
      assert.equal(sent.contentType, 'application/cloudevents+json');
      assert.match(sent.signature, /^Bearer [\w-]+\.[\w-]+\.[\w-]+$/);
      const event = JSON.parse(sent.body);
      assert.deepEqual([event.type, event.source, event.subject], ['agent.presencechanged.v1', '/agent', event.data.user.agentId]);
      assert.equal(sent.status, 200, 'n8n read the raw CloudEvents body and its signature matched');
      const { items, executions } = await waitFor(
        async () => {
          const r = await settled();
          return r && r.executions.length === rt.executions + 1 && r;
        },
        { timeoutMs: 10_000, intervalMs: 100, what: 'the execution of the CloudEvents delivery' },
      );
      rt.executions += 1;
      const item = items.find((x) => x.executionId === executions[0].id).json;
      assert.deepEqual([item.agentId, item.current.status.id], [agentId, event.data.presence.presenceId]);
      const tampered = await control.deliverWebhook({ subscriptionId: rt.sub.subscriptionId, agentId, tamper: 'payload' });
      assert.equal(tampered.contentType, 'application/cloudevents+json');
      assert.equal(tampered.status, 401);
      await sleep(2500);
      assert.equal(await executionCount(), rt.executions, 'the tampered delivery started nothing');
    });

    it('unpublishing deletes the subscription', { timeout: 60_000 }, async () => {
      assert.ok(rt.sub, 'subscribed');
      await n8n.deactivate(realtimeWorkflowId);
      rt.published = false;
      await waitFor(async () => (await control.webhookSubscriptions()).length === 0, { timeoutMs: 10_000, intervalMs: 100, what: 'the subscription to be deleted' });
      // Back to the first status is a change, and nobody hears of it.
      const before = (await control.webhookDeliveries()).length;
      assert.equal((await control.setPresence('vonage', rt.agentId, rt.items[0].to.id)).changed, true);
      await control.webhooksIdle();
      assert.equal((await control.webhookDeliveries()).length, before, 'no delivery once unsubscribed');
    });
  });

  describe('the example workflows', () => {
    const r = {};
    before(async () => {
      const { projectId, table } = await ensureAuditTable(n8n);
      r.table = { projectId, id: table.id };
      // The mirror maps the first Vonage agent to the first Talkdesk agent: make them differ.
      const vonageAgent = (await control.agents('vonage')).agentIds[0];
      const talkdeskAgent = (await control.agents('talkdesk')).agentIds[0];
      await control.setPresence('vonage', vonageAgent, '36054f94-d55f-4382-8132-ecac185c8e4d'); // Ready
      await control.setPresence('talkdesk', talkdeskAgent, 'offline');
      await publishAndWaitForBaseline(n8n, control, [examples['audit-log'].id, examples['mirror-vonage-to-talkdesk'].id, examples['away-too-long'].id], vendors);
      log('published the audit, mirror and away-too-long examples');
      await control.setPresence('vonage', vonageAgent, '8c3f1a52-6d47-4b0e-a1f9-3e5d7c2b9a40'); // Break: away
      // A Cirrus and a Talkdesk change too, for the daily summary built from the audit rows.
      const moved = {};
      for (const vendor of ['cirrus', 'talkdesk']) {
        const agentId = (await control.agents(vendor)).agentIds[1];
        const before = (await control.state(vendor)).agents.find((a) => a.agentId === agentId);
        await control.setPresence(vendor, agentId, pickTarget(vendor, before.statusId));
        moved[vendor] = { agentId, previousState: expectedState(vendor, before) };
      }
      Object.assign(r, { vonageAgent, talkdeskAgent, moved });
      try {
        await waitFor(
          async () => {
            const mirror = await n8n.executions(examples['mirror-vonage-to-talkdesk'].id);
            const away = await awayAlerts(examples['away-too-long'].id);
            const rows = await auditRows(n8n, projectId, table.id);
            Object.assign(r, { mirror, away, rows });
            // The mirror's execution counts once it has ended: its Set reads, then sets, then reads back.
            return mirror.length > 0 && !['new', 'running'].includes(mirror[0].status) && away.alerts.some((a) => a.agentId === vonageAgent) && [vonageAgent, moved.cirrus.agentId, moved.talkdesk.agentId].every((id) => rows.some((x) => x.agentId === id));
          },
          { timeoutMs: pollWaitMs, intervalMs: 2000, what: 'the examples to run' },
        );
        r.talkdeskAfter = (await control.state('talkdesk')).agents.find((a) => a.agentId === talkdeskAgent);
      } catch (err) {
        r.error = err;
      }
      for (const wf of [examples['audit-log'], examples['mirror-vonage-to-talkdesk'], examples['away-too-long']]) await n8n.deactivate(wf.id);
    });

    it('mirror: a Vonage agent going on Break sets their Talkdesk status to away', () => {
      if (r.error) throw r.error;
      assert.equal(r.mirror[0].status, 'success');
      assert.equal(r.talkdeskAfter.statusId, 'away');
    });

    it('away too long: an agent on Break longer than 15 minutes is alerted once, with no waiting execution', () => {
      if (r.error) throw r.error;
      const { executions, items, alerts } = r.away;
      assert.ok(executions.every((e) => e.status === 'success'), 'every execution succeeded (none waiting)');
      const item = items.find((i) => i.agentId === r.vonageAgent);
      assert.equal(item.event, 'tooLong');
      assert.equal(item.current.status.name, 'Break');
      assert.ok(item.durationMs >= 15 * 60_000, `away ${item.durationMs} ms`);
      assert.match(item.eventId, /^[0-9a-f]{32}$/);
      const alert = alerts.find((a) => a.agentId === r.vonageAgent);
      assert.match(alert.alert, /has been Break for \d+ minutes/);
      // Agents already away when it was published were alerted too, each once.
      assert.equal(new Set(items.map((i) => i.eventId)).size, items.length, 'one report per stint');
      assert.equal(new Set(items.map((i) => i.agentId)).size, items.length, 'one report per agent');
    });

    it('audit log: the change is a row of the data table', () => {
      if (r.error) throw r.error;
      const row = r.rows.find((x) => x.agentId === r.vonageAgent);
      assert.equal(row.vendor, 'vonage');
      assert.ok(row.name, 'the row names the agent');
      assert.equal(row.event, 'changed');
      assert.equal(row.state, 'away');
      assert.equal(row.status, 'Break');
      assert.equal(row.previousState, 'available');
      assert.equal(row.previousStatus, 'Ready');
    });

    it('daily summary: per agent and state, the time of the audit rows of Cirrus and Talkdesk since midnight (run by a webhook)', { timeout: 180_000 }, async () => {
      if (r.error) throw r.error;
      await n8n.activate(dailySummaryHookId);
      let summary;
      try {
        // Publishing registers the webhook a moment after it answers.
        const res = await waitFor(
          async () => {
            const answer = await fetch(`${n8n.url}/webhook/${dailySummaryPath}`);
            return answer.status === 404 ? undefined : answer;
          },
          { timeoutMs: 20_000, intervalMs: 250, what: 'the daily summary webhook to be registered' },
        );
        assert.equal(res.status, 200, `the summary ran: ${res.status}`);
        summary = await res.json();
      } finally {
        await n8n.deactivate(dailySummaryHookId);
      }
      assert.ok(Array.isArray(summary), `the last node's items: ${JSON.stringify(summary).slice(0, 300)}`);
      // The same totals, computed here from the rows the audit example wrote (the suite runs in UTC).
      const midnight = new Date();
      midnight.setUTCHours(0, 0, 0, 0);
      const rows = await auditRows(n8n, r.table.projectId, r.table.id);
      const expected = {};
      for (const row of rows) {
        if (row.vendor === 'vonage' || Date.parse(row.createdAt) < midnight.getTime() || !row.previousState || !(row.secondsInPrevious >= 0)) continue;
        const key = [row.vendor, row.agentId, row.previousState].join(' ');
        expected[key] ??= { totalMs: 0, stints: 0 };
        const sinceMidnight = Math.max(0, Math.round((Date.parse(row.observedAt) - midnight.getTime()) / 1000));
        expected[key].totalMs += Math.min(row.secondsInPrevious, sinceMidnight) * 1000;
        expected[key].stints++;
      }
      assert.deepEqual(Object.fromEntries(summary.map((t) => [[t.vendor, t.agentId, t.state].join(' '), { totalMs: t.totalMs, stints: t.stints }])), expected);
      for (const vendor of ['cirrus', 'talkdesk']) {
        const { agentId, previousState } = r.moved[vendor];
        assert.ok(summary.some((t) => t.vendor === vendor && t.agentId === agentId && t.state === previousState), `${vendor}: the change made is summed`);
      }
      for (const t of summary) {
        assert.deepEqual(Object.keys(t), ['vendor', 'agentId', 'name', 'state', 'totalMs', 'stints', 'from', 'to'], 'the fields of Get Presence History with Summarize');
        assert.equal(t.from, midnight.toISOString());
      }
    });

    it('end of day: one Set Many per vendor logs every agent out (run by hand with n8n execute)', { timeout: 180_000 }, async () => {
      const loggedOut = { cirrus: '1003' };
      // Cirrus' Offline type sits in its Away category; elsewhere logged out is the offline state.
      const isOut = (vendor, a) => (vendor === 'cirrus' ? a.statusId === loggedOut.cirrus : expectedState(vendor, a) === 'offline');
      const onBefore = {};
      for (const vendor of vendors) onBefore[vendor] = (await control.state(vendor)).agents.filter((a) => !isOut(vendor, a)).map((a) => a.agentId);
      const { runData } = await n8n.execute(endOfDayManualId);
      for (const vendor of vendors) {
        const agents = (await control.state(vendor)).agents;
        const notOut = agents.filter((a) => !isOut(vendor, a));
        assert.deepEqual(notOut.map((a) => `${a.agentId}:${a.statusName}`), [], `${vendor}: every agent logged out`);
        const setNode = Object.keys(runData).find((n) => n.endsWith(': log out') && n.toLowerCase().startsWith(vendor));
        assert.ok(setNode, `${vendor}: the log-out node ran`);
        // One item per agent that was still on, with the presence before and after; none for the others.
        const items = nodeItems(runData, setNode);
        assert.ok(onBefore[vendor].length > 0, `${vendor}: the simulator had agents still on`);
        assert.deepEqual(items.map((p) => p.agentId).sort(), [...onBefore[vendor]].sort(), `${vendor}: Set Many set exactly the agents still on`);
        for (const p of items) {
          assert.equal(p.changed, true, `${vendor} ${p.agentId}: changed`);
          assert.equal(p.dryRun, false);
          assert.notEqual(p.previous?.state, 'offline', `${vendor} ${p.agentId}: previous presence was on`);
          assert.ok(typeof p.name === 'string' && p.name.length > 0, `${vendor} ${p.agentId}: named`);
        }
      }
    });
  });

  describe('"In a State Too Long", published, fires once and only once on the simulator\'s clock', () => {
    const r = {};
    before(async () => {
      const agentId = (await control.agents('vonage')).agentIds[9];
      // The stint begins 14.5 minutes before now, by the clock n8n measures with: the poll at
      // publishing finds it under the 15-minute threshold, a poll a minute or so later past it.
      const begins = Date.now() - 14.5 * 60_000;
      const { nowMs } = await control.time();
      assert.ok(nowMs < begins, `the simulator's clock (${new Date(nowMs).toISOString()}) is still before the stint`);
      await control.advance(begins - nowMs);
      await control.setPresence('vonage', agentId, '36054f94-d55f-4382-8132-ecac185c8e4d'); // Ready
      await control.setPresence('vonage', agentId, '8c3f1a52-6d47-4b0e-a1f9-3e5d7c2b9a40'); // Break
      const since = (await control.state('vonage')).agents.find((a) => a.agentId === agentId).since;
      Object.assign(r, { agentId, since, publishedAt: Date.now() });
      try {
        await n8n.activate(tooLongWorkflowId);
        await waitFor(async () => (await triggerItems(tooLongWorkflowId, tooLongNodeName)).items.length > 0, {
          timeoutMs: pollWaitMs,
          intervalMs: 2000,
          what: 'the too-long report',
        });
        r.firedAt = Date.now();
        // The next poll must report nothing more.
        await waitForNextPoll(control, 'vonage');
        Object.assign(r, await triggerItems(tooLongWorkflowId, tooLongNodeName));
      } catch (err) {
        r.error = err;
      }
      await n8n.deactivate(tooLongWorkflowId);
    });

    it('one execution, one item: the agent, since when, how long, its eventId; nothing before the threshold or after', () => {
      if (r.error) throw r.error;
      const { executions, items } = r;
      assert.equal(executions.length, 1, 'one execution');
      assert.equal(executions[0].status, 'success');
      assert.equal(items.length, 1, `one item, got ${JSON.stringify(items.map((i) => i.json))}`);
      const item = items[0].json;
      assert.equal(item.event, 'tooLong');
      assert.equal(item.agentId, r.agentId);
      assert.equal(item.vendor, 'vonage');
      assert.ok(typeof item.name === 'string' && item.name.length > 0, 'the agent is named');
      assert.equal(item.current.status.name, 'Break');
      assert.equal(Date.parse(item.since), Date.parse(r.since), 'since is the time the simulator gave');
      assert.equal(item.sinceSource, 'vendor');
      assert.equal(item.thresholdMs, 15 * 60_000);
      assert.equal(item.repeat, 0);
      assert.ok(item.durationMs >= 15 * 60_000, `in Break ${item.durationMs} ms`);
      assert.equal(Date.parse(item.observedAt) - Date.parse(item.since), item.durationMs);
      // Published under the threshold: the poll at publishing had nothing to report.
      assert.ok(r.publishedAt - Date.parse(r.since) < 15 * 60_000, 'published before the threshold passed');
      assert.match(item.eventId, /^[0-9a-f]{32}$/);
    });
  });

  walkTests({
    url: () => n8n.url,
    n8n: () => n8n,
    control: () => control,
    outDir: artifactsDir,
    credentialNames: () => simulatorCredentials(sim.url, sim.credentials).map((c) => c.name),
  });
});
