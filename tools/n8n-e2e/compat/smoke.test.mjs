// The compatibility smoke test of one n8n version (COMPAT_VERSION, an entry of matrix.mjs),
// run by compat/run.mjs once per version. Our packages are installed the way users install
// them: by name, through the REST call of Settings > Community nodes, from a local registry
// (COMPAT_REGISTRY_URL, where run.mjs published them). Then, against the simulator (clock
// paused): the node types load, each credential test passes, Get Many and Set work for all
// three vendors, each polling trigger emits exactly the changes made between two polls, the
// Vonage real-time trigger subscribes and runs; and update, restart and uninstall work.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { comparePresences, presenceProblems } from '../src/expect.mjs';
import { N8n, nodeItems } from '../src/n8n.mjs';
import { byVendor, nodePackages, scratchDir, vendors } from '../src/paths.mjs';
import { assertTriggerRun, collectTriggerRun, moveTwoAgents, publishAndWaitForBaseline, triggerItems, waitForNextPoll } from '../src/polls.mjs';
import { freePort, log, waitFor } from '../src/proc.mjs';
import { simControl, simulatorCredentials, startSimulator } from '../src/simulator.mjs';
import { actionSteps, actionWorkflow, actionWorkflowId, pickTarget, realtimeWebhookId, realtimeWorkflow, realtimeWorkflowId, triggerWorkflow, triggerWorkflowId } from '../src/workflows.mjs';
import { matrix, runtimeOf } from './matrix.mjs';
import { packageVersions, pointScopeAtRegistry } from './registry.mjs';

const entry = matrix.find((m) => m.version === process.env.COMPAT_VERSION);
if (!entry) throw new Error(`COMPAT_VERSION=${process.env.COMPAT_VERSION} is not in the matrix (${matrix.map((m) => m.version).join(', ')})`);
const registryUrl = process.env.COMPAT_REGISTRY_URL;
if (!registryUrl) throw new Error('COMPAT_REGISTRY_URL is not set: run npm run test:compat');

const versions = packageVersions();
const runtime = runtimeOf(entry);
const userFolder = join(scratchDir, 'compat', `n8n-${entry.version}`);
const nodesDir = join(userFolder, '.n8n', 'nodes');
const label = `n8n ${entry.version} (Node ${entry.node})`;

let sim;
let control;
let n8n;
const plans = {};

const secretField = (credential) => (credential.type === 'cirrusApi' ? 'apiKey' : 'clientSecret');

/**
 * Saved credentials for the credential test only (no workflow uses them, so n8n holds no token
 * for them): for each vendor one with the right secret and one with a wrong one. They are
 * tested as saved, as the editor's Test button does for a saved credential.
 */
function testedCredentials() {
  return simulatorCredentials(sim.url, sim.credentials).flatMap((c) => [
    { ...c, id: `cmpGood${c.id.slice(3, 12)}`, name: `${c.name}, credential test` },
    { ...c, id: `cmpBad${c.id.slice(3, 13)}`, name: `${c.name}, wrong secret`, data: { ...c.data, [secretField(c)]: 'not-the-secret' }, wrong: true },
  ]);
}

async function loggedIn() {
  await n8n.start();
  await n8n.setupOwner();
  await n8n.login();
}

function installedVersion(name) {
  const file = join(nodesDir, 'node_modules', name, 'package.json');
  return existsSync(file) ? JSON.parse(readFileSync(file, 'utf8')).version : undefined;
}

/** The node and credential type names n8n serves; n8n rewrites these files after a package change. */
async function typeNames() {
  return waitFor(
    async () => {
      const nodes = await n8n.request('GET', '/types/nodes.json');
      const credentials = await n8n.request('GET', '/types/credentials.json');
      return Array.isArray(nodes) && Array.isArray(credentials) && { nodes: new Set(nodes.map((n) => n.name)), credentials: new Set(credentials.map((c) => c.name)) };
    },
    { timeoutMs: 30_000, intervalMs: 500, what: 'the node and credential type lists' },
  );
}

before(async () => {
  rmSync(userFolder, { recursive: true, force: true });
  sim = await startSimulator({ port: 0, autoplay: false });
  control = simControl(sim.url);
  log(`${label}: simulator on ${sim.url} (clock paused), registry ${registryUrl}`);
  const registry = { url: registryUrl };
  n8n = new N8n({
    userFolder,
    port: await freePort(),
    name: `compat-${entry.version}`,
    runtime: { modules: runtime.modules, node: runtime.nodeBin },
    env: {
      GENERIC_TIMEZONE: 'UTC',
      // The route an unlicensed n8n honours to install from another registry (registry.mjs).
      ...pointScopeAtRegistry(registry, userFolder),
      ...entry.env,
      // N8N_LOG_LEVEL=debug npm run test:compat shows what each n8n did, in .n8n-e2e/logs/.
      ...(process.env.N8N_LOG_LEVEL ? { N8N_LOG_LEVEL: process.env.N8N_LOG_LEVEL } : {}),
    },
  });
  await loggedIn();
});

after(async () => {
  await n8n?.stop();
  await sim?.close();
});

describe(`${label}: installed by name through Settings > Community nodes`, () => {
  it('installs each package by name from the registry (POST /rest/community-packages)', { timeout: 180_000 }, async () => {
    for (const p of nodePackages) {
      const { first } = versions[p.name];
      const t = Date.now();
      const installed = await n8n.rest('POST', '/community-packages', { name: p.name, version: first });
      log(`${label}: installed ${p.name}@${first} in ${Date.now() - t} ms`);
      assert.equal(installed.packageName, p.name);
      assert.equal(installed.installedVersion, first);
      const names = installed.installedNodes.map((n) => n.type ?? n.name);
      for (const type of [p.action, p.trigger]) assert.ok(names.includes(type), `${type} among the installed nodes ${JSON.stringify(names)}`);
      assert.equal(installedVersion(p.name), first, `${p.name} is in ${nodesDir}`);
    }
  });

  it('the node and credential types load', { timeout: 60_000 }, async () => {
    const { nodes, credentials } = await typeNames();
    for (const p of nodePackages) {
      for (const type of [p.action, p.trigger]) assert.ok(nodes.has(type), `${type} is a node type`);
      assert.ok(credentials.has(p.credentialType), `${p.credentialType} is a credential type`);
    }
  });

  it('updates each package to the newer version (PATCH /rest/community-packages)', { timeout: 180_000 }, async () => {
    for (const p of nodePackages) {
      const { newer } = versions[p.name];
      const t = Date.now();
      const updated = await n8n.rest('PATCH', '/community-packages', { name: p.name, version: newer });
      log(`${label}: updated ${p.name} to ${newer} in ${Date.now() - t} ms`);
      assert.equal(updated.installedVersion, newer, `${p.name} updated`);
      assert.equal(installedVersion(p.name), newer, `${p.name}@${newer} is in ${nodesDir}`);
    }
    const t = Date.now();
    const listed = await n8n.rest('GET', '/community-packages');
    log(`${label}: listed the installed packages in ${Date.now() - t} ms`);
    for (const p of nodePackages) assert.equal(listed.find((l) => l.packageName === p.name)?.installedVersion, versions[p.name].newer);
  });
});

describe(`${label}: every vendor's Get Many and Set (n8n execute), after a restart`, () => {
  before(async () => {
    // Imports and `n8n execute` run while the server is down, as the e2e suite does (one sqlite).
    await n8n.stop();
    const credentials = [...simulatorCredentials(sim.url, sim.credentials), ...testedCredentials().map(({ wrong, ...c }) => c)];
    await n8n.importCredentials(credentials);
    const workflows = [];
    for (const vendor of vendors) {
      const { agentIds } = await control.agents(vendor);
      const setAgentId = agentIds[2];
      const current = (await control.state(vendor)).agents.find((a) => a.agentId === setAgentId).statusId;
      plans[vendor] = { agentIds, setAgentId, setStatusId: pickTarget(vendor, current), idsForGetMany: agentIds.slice(3, 6) };
      workflows.push(actionWorkflow(vendor, plans[vendor]), triggerWorkflow(vendor));
    }
    workflows.push(realtimeWorkflow());
    // n8n 2.0 wants a versionId in each imported workflow (NOT NULL), as an export has.
    await n8n.importWorkflows(workflows.map((w) => ({ versionId: randomUUID(), ...w })));
  });

  for (const vendor of vendors) {
    it(`${byVendor[vendor].displayName}: get many (all, ids, filtered), set, get`, { timeout: 120_000 }, async () => {
      const plan = plans[vendor];
      const beforeState = (await control.state(vendor)).agents;
      const { runData } = await n8n.execute(actionWorkflowId(vendor));
      const afterState = (await control.state(vendor)).agents;
      const all = nodeItems(runData, actionSteps.getManyAll);
      assert.equal(all.length, beforeState.length, 'Get Many (all) returns every agent');
      assert.deepEqual(comparePresences(vendor, all, beforeState, { exact: true }), []);
      const byIds = nodeItems(runData, actionSteps.getManyIds);
      assert.deepEqual(byIds.map((p) => p.agentId).sort(), [...plan.idsForGetMany].sort(), 'Get Many (ids) returns exactly those agents');
      const filtered = nodeItems(runData, actionSteps.getManyFiltered);
      assert.ok(filtered.every((p) => p.state === 'away' && p.raw && typeof p.raw === 'object'), 'filter away with the raw record');
      const setAgent = afterState.find((a) => a.agentId === plan.setAgentId);
      assert.equal(setAgent.statusId, plan.setStatusId, 'Set changed the simulator');
      const [getItem] = nodeItems(runData, actionSteps.get);
      assert.deepEqual(presenceProblems(vendor, getItem, setAgent), [], 'Get after Set reads the new presence');
    });
  }

  it('n8n restarts with the packages still installed and loaded', { timeout: 240_000 }, async () => {
    const t = Date.now();
    await loggedIn();
    log(`${label}: restarted in ${Date.now() - t} ms`);
    const listed = await n8n.rest('GET', '/community-packages');
    for (const p of nodePackages) {
      const pkg = listed.find((l) => l.packageName === p.name);
      assert.ok(pkg, `${p.name} is listed after the restart`);
      assert.equal(pkg.installedVersion, versions[p.name].newer);
      assert.notEqual(pkg.failedLoading, true, `${p.name} loaded`);
    }
    const { nodes } = await typeNames();
    for (const p of nodePackages) for (const type of [p.action, p.trigger]) assert.ok(nodes.has(type), `${type} is a node type after the restart`);
  });
});

describe(`${label}: a running n8n`, () => {
  it("each credential's test passes against the simulator, and fails with a wrong secret", { timeout: 60_000 }, async () => {
    for (const { wrong, ...credential } of testedCredentials()) {
      const result = await n8n.rest('POST', '/credentials/test', { credentials: credential });
      assert.equal(result?.status, wrong ? 'Error' : 'OK', `${credential.type}${wrong ? ' with a wrong secret' : ''}: ${JSON.stringify(result)}`);
    }
  });

  describe('each polling trigger, published, emits exactly the changes made between two polls', () => {
    const results = {};
    before(async () => {
      // One vendor's refusal must not keep the others from being proved.
      const published = [];
      for (const vendor of vendors) {
        results[vendor] = {};
        try {
          await publishAndWaitForBaseline(n8n, control, [triggerWorkflowId(vendor)], [vendor]);
          published.push(vendor);
        } catch (err) {
          results[vendor].error = err;
        }
      }
      log(`${label}: published ${published.length} trigger workflows; their first poll stored a baseline`);
      if (entry.publishPollKept === false) {
        // This n8n drops what the poll at publishing stored: the next poll is the baseline.
        await Promise.all(published.map((vendor) => waitForNextPoll(control, vendor)));
        log(`${label}: and the first scheduled poll stored it again`);
      }
      for (const vendor of published) results[vendor].expected = await moveTwoAgents(control, vendor);
      await Promise.all(
        published.map(async (vendor) => {
          try {
            Object.assign(results[vendor], await collectTriggerRun(n8n, control, vendor, results[vendor].expected));
          } catch (err) {
            results[vendor].error = err;
          }
        }),
      );
      for (const vendor of published) await n8n.deactivate(triggerWorkflowId(vendor));
    });

    for (const vendor of vendors) {
      it(`${byVendor[vendor].displayName} trigger`, () => {
        const r = results[vendor];
        if (r.error) throw new Error(`${r.error.message}\n(n8n log: ${n8n.server?.logFile})`);
        assertTriggerRun(vendor, r, r.expected);
      });
    }
  });

  it('the Vonage real-time trigger subscribes when published, runs on a change, and unsubscribes', { timeout: 90_000 }, async () => {
    assert.deepEqual(await control.webhookSubscriptions(), [], 'no subscription before publishing');
    await n8n.activate(realtimeWorkflowId);
    try {
      const [sub] = await waitFor(async () => {
        const list = await control.webhookSubscriptions();
        return list.length > 0 && list;
      }, { timeoutMs: 20_000, intervalMs: 200, what: 'the subscription in the simulator' });
      assert.equal(sub.url, `${n8n.url}/webhook/${realtimeWebhookId}/presence`);
      const { agentIds } = await control.agents('vonage');
      const agent = (await control.state('vonage')).agents.find((a) => a.agentId === agentIds[0]);
      const to = pickTarget('vonage', agent.statusId);
      await control.setPresence('vonage', agent.agentId, to);
      const { items } = await waitFor(
        async () => {
          const r = await triggerItems(n8n, realtimeWorkflowId, 'Presence changed');
          return r.items.some((i) => i.json.agentId === agent.agentId) && r;
        },
        { timeoutMs: 20_000, intervalMs: 250, what: 'an execution of the real-time trigger' },
      );
      const item = items.find((i) => i.json.agentId === agent.agentId).json;
      assert.equal(item.current.status.id, to);
    } finally {
      await n8n.deactivate(realtimeWorkflowId);
    }
    await waitFor(async () => (await control.webhookSubscriptions()).length === 0, { timeoutMs: 10_000, intervalMs: 100, what: 'the subscription to be deleted' });
  });

  it('uninstalls each package (DELETE /rest/community-packages)', { timeout: 120_000 }, async () => {
    for (const p of nodePackages) {
      await n8n.rest('DELETE', `/community-packages?name=${encodeURIComponent(p.name)}`);
      assert.equal(installedVersion(p.name), undefined, `${p.name} is gone from ${nodesDir}`);
    }
    const listed = await n8n.rest('GET', '/community-packages');
    assert.deepEqual(listed.filter((l) => nodePackages.some((p) => p.name === l.packageName)), [], 'none listed');
    const { nodes } = await typeNames();
    for (const p of nodePackages) assert.ok(!nodes.has(p.action), `${p.action} is no node type any more`);
  });
});
