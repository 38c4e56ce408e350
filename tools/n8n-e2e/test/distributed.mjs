// `npm run test:distributed`: our triggers in n8n 2.41.1 queue mode on this machine, checked
// against the simulator's ground truth. Real parts, started and stopped by process id: Postgres
// 17, Redis, one n8n main, two workers, two webhook processes behind a round-robin proxy, our
// packed packages installed in every process. Two modes: n8n's defaults, and the durable
// scheduler with durable poll cursors. Scenarios (README, Running in production):
//   steady    three polling triggers and the real-time trigger over >= 30 polls: 0 lost / 0 dup / 0 spurious
//   crash     kill -9 of the main (which runs the polls) at random points inside polls; then, counted
//             on its own, kill -9 of a worker in the middle of an execution
//   webhooks  a replay to the other webhook process, previous across processes, a burst of 1,000
//             signed deliveries, deliveries while no webhook process is up
// `-- --long` kills 30 times per mode instead of 10. Prints each scenario's counts, then one
// "distributed: N passed, N failed" line; exit 1 when a check failed. The ground truth and every
// item go to .n8n-e2e/logs/distributed-<mode>.json for a look afterwards.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { checkAgent } from '../../soak/src/check.ts';
import { QueueCluster } from '../src/cluster.mjs';
import { ExecutionReader, itemsOf } from '../src/executions-db.mjs';
import { buildWorkspace, packTarballs } from '../src/packages.mjs';
import { scratchDir, vendors } from '../src/paths.mjs';
import { ensurePostgresRuntime, startPostgres } from '../src/postgres.mjs';
import { assertNode24, log, logFile, sleep, waitFor } from '../src/proc.mjs';
import { startRedis } from '../src/redis.mjs';
import { ensureN8nRuntime } from '../src/runtime.mjs';
import { simulatorCredentials, startSimulator } from '../src/simulator.mjs';
import { dedupeNodeName, realtimeWorkflow, realtimeWorkflowId, triggerWorkflow } from '../src/workflows.mjs';

/** n8n's Postgres pool per process (n8n's default is 2: see README, Running in production). */
const defaultPool = 10;
const { values: args } = parseArgs({
  options: {
    help: { type: 'boolean' },
    long: { type: 'boolean' },
    mode: { type: 'string' },
    scenarios: { type: 'string' },
    kills: { type: 'string' },
    pool: { type: 'string' },
  },
});
if (args.help) {
  console.log(`npm run test:distributed [-- --long] [-- --mode defaults|durable] [-- --scenarios steady,crash,webhooks] [-- --kills N] [-- --pool N]

n8n 2.41.1 in queue mode (Postgres 17, Redis, a main, two workers, two webhook processes behind a
round-robin proxy) with our packages, checked against the simulator's ground truth: steady, crash
(kill -9 of the main 10 times per mode, 30 with --long; the worker kill runs with it) and webhooks
across processes, with n8n's defaults and with the durable scheduler and cursors.

  --long        30 kills of the main per mode instead of 10 (the README's figures)
  --mode        run one mode only (while working on it)
  --scenarios   run only these scenarios (steady and webhooks run in the defaults mode)
  --kills N     kills of the main per mode (while iterating)
  --pool N      DB_POSTGRESDB_POOL_SIZE of every n8n process (default ${defaultPool})`);
  process.exit(0);
}
assertNode24();
/** The statuses the suite moves agents to; read from the simulator once the workspace is built. */
let settable;
const long = args.long === true;
const kills = args.kills ? Number(args.kills) : long ? 30 : 10;
const modes = [
  ['defaults', false],
  ['durable', true],
].filter(([m]) => !args.mode || args.mode === m);
const dbEnv = { DB_POSTGRESDB_POOL_SIZE: String(args.pool ? Number(args.pool) : defaultPool), DB_POSTGRESDB_CONNECTION_TIMEOUT: '60000' };
const scenarios = new Set((args.scenarios ?? 'steady,crash,webhooks').split(','));
if (modes.length === 0 || ![...scenarios].every((x) => ['steady', 'crash', 'webhooks'].includes(x)) || !(kills >= 0)) {
  console.error('unknown --mode, --scenarios or --kills: see --help');
  process.exit(2);
}
/** Polling workflows per vendor: n8n polls at most once a minute, so several make the polls. */
const perVendor = 4;
const agentsPerVendor = 10;
/** Every vendor request is this much slower: a poll is in flight for seconds, so a kill lands inside one. */
const latencyMs = 800;
const triggerNode = 'Presence changed';
const started = Date.now();
const results = [];
let seed = 20261125;
/** A seeded random number in [0, 1): runs are repeatable up to n8n's own timing. */
function random() {
  seed = (seed * 1664525 + 1013904223) % 4294967296;
  return seed / 4294967296;
}

function check(name, ok, detail) {
  results.push({ name, ok, detail });
  console.log(`${ok ? '  ✔' : '  ✖'} ${name}${detail ? `: ${detail}` : ''}`);
}

const pollingId = (vendor, i) => `apDist${vendor.slice(0, 4)}${String(i).padStart(6, '0')}`.slice(0, 16);
/** A request each poll of a vendor makes once (watch: all agents; Vonage reads up to 50 agents in one request, and pages its user list). */
const listRoute = { cirrus: 'cirrus GET /managers', vonage: 'vonage GET /agents/presences/users', talkdesk: 'talkdesk GET /users' };

/** A polling workflow with a 2-second Wait after the trigger, so executions are in flight long enough to kill a worker in one. */
function pollingWorkflow(vendor, i) {
  const wf = triggerWorkflow(vendor, { id: pollingId(vendor, i), name: `Distributed ${vendor} ${i}` });
  wf.nodes.splice(1, 0, { id: `${vendor}-wait`, name: 'Wait', type: 'n8n-nodes-base.wait', typeVersion: 1.1, position: [240, 0], parameters: { resume: 'timeInterval', amount: 2, unit: 'seconds' }, webhookId: `5a1c3e2d-0000-4000-8000-${String(vendors.indexOf(vendor) * 100 + i).padStart(12, '0')}` });
  wf.nodes[2].position = [480, 0];
  wf.connections = { [triggerNode]: { main: [[{ node: 'Wait', type: 'main', index: 0 }]] }, Wait: { main: [[{ node: 'Done', type: 'main', index: 0 }]] } };
  return wf;
}

/**
 * Moves presences like agents do, and remembers every change (the ground truth). An agent is
 * changed again only once every workflow that watches it has reported its last change, so no
 * change can revert before a poll sees it: each change must come out of every workflow once.
 */
class Driver {
  constructor(sim, collector) {
    this.sim = sim;
    this.collector = collector;
    /** vendor → agentId → changes [{from, to, since}] */
    this.changes = Object.fromEntries(vendors.map((v) => [v, new Map()]));
    this.initial = {};
    this.paused = false;
  }

  /**
   * The simulator's own day moves an agent once its phase ends, when the clock passes it. Every
   * agent is set once here, which schedules its next own move 20 s (virtual) or more ahead, and
   * each change below advances the clock by 1 ms only: only the suite moves presences. (The
   * counts check that the timeline has no move of the simulator's own.)
   */
  snapshotInitial() {
    for (const v of vendors) {
      for (const a of this.sim.control.state(v).agents) {
        const to = settable(v).find((s) => s.id !== a.statusId).id;
        this.sim.control.setPresence({ vendor: v, agentId: a.agentId, statusId: to });
      }
      this.sim.control.advance(1);
      this.initial[v] = new Map(this.sim.control.state(v).agents.map((a) => [a.agentId, a.statusId]));
      this.fromSeq ??= {};
      this.fromSeq[v] = this.sim.control.timeline({ vendor: v, sinceSeq: 0, limit: 1 }).lastSeq;
    }
  }

  /** Moves of the simulator's own since the start (none expected: they would not be in the ground truth). */
  ownMoves() {
    let n = 0;
    for (const v of vendors) {
      for (let since = this.fromSeq[v]; ; ) {
        const page = this.sim.control.timeline({ vendor: v, sinceSeq: since, limit: 10_000 });
        n += page.entries.filter((e) => e.source === 'scenario').length;
        since = page.nextSinceSeq;
        if (!page.hasMore) break;
      }
    }
    return n;
  }

  current(v, agentId) {
    return this.changes[v].get(agentId)?.at(-1)?.to ?? this.initial[v].get(agentId);
  }

  /** One change for a vendor, to an agent every watcher has caught up with. */
  step(v, { realtime }) {
    const agents = [...this.initial[v].keys()].filter((a) => this.collector.caughtUp(v, a, this.current(v, a), realtime && v === 'vonage'));
    if (agents.length === 0) return null;
    return this.stepAgent(v, agents[Math.floor(random() * agents.length)], { realtime });
  }

  /** One change of this agent, to another status. */
  stepAgent(v, agentId, { realtime }) {
    const from = this.current(v, agentId);
    const options = settable(v).filter((s) => s.id !== from);
    const to = options[Math.floor(random() * options.length)].id;
    const r = this.sim.control.setPresence({ vendor: v, agentId, statusId: to });
    if (!r.changed) throw new Error(`setPresence ${v} ${agentId} ${to}: no change`);
    const since = this.sim.control.state(v).agents.find((a) => a.agentId === agentId).since;
    // Each change at its own (virtual) time, as in life.
    this.sim.control.advance(1);
    if (!this.changes[v].has(agentId)) this.changes[v].set(agentId, []);
    const change = { from, to, since, realtime };
    this.changes[v].get(agentId).push(change);
    return { vendor: v, agentId, ...change };
  }

  /** Changes until `stop()`: one per vendor about every `everyMs`. */
  run({ everyMs = 1500, realtime = true } = {}) {
    this.running = true;
    const loop = async () => {
      while (this.running) {
        if (!this.paused) for (const v of vendors) this.step(v, { realtime });
        await sleep(everyMs * (0.5 + random()));
      }
    };
    this.done = loop();
  }

  async stop() {
    this.running = false;
    await this.done;
  }

  count() {
    return vendors.reduce((n, v) => n + [...this.changes[v].values()].reduce((m, l) => m + l.length, 0), 0);
  }
}

/** Every trigger item n8n produced, per workflow and agent, read from Postgres. */
class Collector {
  constructor(reader, workflowIds) {
    this.reader = reader;
    this.workflowIds = workflowIds;
    /** workflowId → agentId → [{executionId, json}] */
    this.items = new Map();
    this.executions = [];
  }

  async poll() {
    for (const e of await this.reader.newlyFinished()) {
      this.executions.push({ id: e.id, workflowId: e.workflowId, status: e.status });
      if (!this.items.has(e.workflowId)) this.items.set(e.workflowId, new Map());
      const byAgent = this.items.get(e.workflowId);
      // The trigger's items are in the execution whatever became of it: in the trigger's run data,
      // or, for one that never ran (its worker died first), still in its stack. `done`: they
      // reached the workflow's last node.
      const ran = Boolean(e.data?.resultData?.runData?.[triggerNode]);
      const items = ran ? itemsOf(e, triggerNode) : (e.data?.executionData?.nodeExecutionStack?.[0]?.data?.main?.[0] ?? []).map((i) => i.json);
      const done = itemsOf(e, 'Done').length > 0;
      for (const json of items) {
        if (!byAgent.has(json.agentId)) byAgent.set(json.agentId, []);
        byAgent.get(json.agentId).push({ executionId: e.id, status: e.status, done, json, unique: e.workflowId === realtimeWorkflowId ? itemsOf(e, dedupeNodeName).length : undefined });
      }
    }
  }

  run() {
    this.running = true;
    this.done = (async () => {
      while (this.running) {
        await this.poll().catch((err) => log(`collector: ${err.message}`));
        await sleep(1000);
      }
    })();
  }

  async stop() {
    this.running = false;
    await this.done;
    await this.poll();
  }

  last(workflowId, agentId) {
    return this.items.get(workflowId)?.get(agentId)?.at(-1)?.json;
  }

  /** The agent never changed, or every workflow watching it has reported the status it has now. */
  caughtUp(v, agentId, statusId, realtime) {
    if (!this.driver.changes[v].has(agentId)) return true;
    const watchers = [...this.workflowIds[v], ...(realtime ? [realtimeWorkflowId] : [])];
    return watchers.every((id) => {
      return this.items.get(id)?.get(agentId)?.at(-1)?.json.current?.status.id === statusId;
    });
  }
}

/**
 * Lost, duplicated and spurious changes of the polling workflows, as the soak counts them
 * (tools/soak/src/check.ts): the changes made are the transitions every workflow must emit.
 */
function countPolling(driver, collector) {
  const total = { expected: 0, emitted: 0, lost: 0, duplicated: 0, spurious: 0, duplicatesWithOtherId: 0, delivered: 0, inFailed: 0 };
  for (const v of vendors) {
    for (const id of collector.workflowIds[v]) {
      for (const agentId of driver.initial[v].keys()) {
        const changes = driver.changes[v].get(agentId) ?? [];
        const observations = [{ poll: 0, key: changes[0]?.from ?? driver.current(v, agentId) }, ...changes.map((c, i) => ({ poll: i + 1, key: c.to }))];
        // Every item the trigger handed to n8n, whatever became of its execution, in the order of
        // the changes (the vendor's time of each, then the execution), not of the executions'
        // ends: executions finish out of order, and the alignment below is by order.
        const all = [...(collector.items.get(id)?.get(agentId) ?? [])].sort((a, b) => Date.parse(a.json.current?.since ?? a.json.observedAt) - Date.parse(b.json.current?.since ?? b.json.observedAt) || a.executionId - b.executionId);
        const emitted = all.map(({ json: j }) => ({ poll: -1, event: j.event, from: j.previous?.status.id ?? null, to: j.current?.status.id ?? null, eventId: j.eventId }));
        const verdict = checkAgent(observations, emitted);
        total.expected += verdict.expected.length;
        total.emitted += emitted.length;
        total.lost += verdict.missed.length;
        total.duplicated += verdict.duplicated.length;
        total.spurious += verdict.spurious.length;
        for (const d of verdict.duplicated) {
          const first = emitted.find((e) => e.from === d.from && e.to === d.to);
          if (first.eventId !== d.eventId) total.duplicatesWithOtherId++;
        }
        total.delivered += all.filter((x) => x.done).length;
        total.inFailed += all.filter((x) => x.status !== 'success').length;
      }
    }
  }
  return total;
}

/** The real-time trigger: every Vonage change it was up for, exactly once, matched by agent, status and time. */
function countRealtime(driver, collector) {
  const expected = [];
  for (const [agentId, list] of driver.changes.vonage) for (const c of list) if (c.realtime) expected.push({ agentId, ...c });
  const items = [...(collector.items.get(realtimeWorkflowId)?.values() ?? [])].flat();
  const key = (agentId, to, since) => `${agentId}|${to}|${Date.parse(since)}`;
  const seen = new Map();
  for (const x of items) {
    const k = key(x.json.agentId, x.json.current.status.id, x.json.current.since);
    if (!seen.has(k)) seen.set(k, []);
    seen.get(k).push(x);
  }
  const wanted = new Set(expected.map((c) => key(c.agentId, c.to, c.since)));
  let lost = 0;
  let duplicated = 0;
  let otherId = 0;
  let unique = 0;
  let wrongPrevious = 0;
  for (const c of expected) {
    const got = seen.get(key(c.agentId, c.to, c.since)) ?? [];
    if (got.length === 0) lost++;
    duplicated += Math.max(0, got.length - 1);
    otherId += got.filter((x) => x.json.eventId !== got[0].json.eventId).length;
    unique += got.reduce((n, x) => n + x.unique, 0);
    // Never wrong: null, or the status the agent really had before.
    wrongPrevious += got.filter((x) => x.json.previous !== null && x.json.previous.status.id !== c.from).length;
  }
  const spurious = [...seen.keys()].filter((k) => !wanted.has(k)).reduce((n, k) => n + seen.get(k).length, 0);
  return { expected: expected.length, emitted: items.length, lost, duplicated, spurious, duplicatesWithOtherId: otherId, uniqueAfterDedupe: unique, wrongPrevious };
}

function printCounts(title, polling, realtime) {
  console.log(`\n${title}`);
  console.log(`  polling triggers (${perVendor} workflows × 3 vendors): ${polling.expected} changes expected, ${polling.emitted} items; lost ${polling.lost}, duplicated ${polling.duplicated}, spurious ${polling.spurious}; duplicates with another eventId ${polling.duplicatesWithOtherId}; reached the last node ${polling.delivered}, in executions that did not succeed ${polling.inFailed}`);
  if (realtime) {
    console.log(`  real-time trigger: ${realtime.expected} changes expected, ${realtime.emitted} items; lost ${realtime.lost}, duplicated ${realtime.duplicated}, spurious ${realtime.spurious}; previous wrong ${realtime.wrongPrevious}; after Remove Duplicates on eventId ${realtime.uniqueAfterDedupe}`);
  }
}

/** The simulator's subscription for this cluster's real-time trigger (its URL is the proxy's). */
function subscriptionOf(sim, cluster) {
  return sim.control.webhookSubscriptions().find((s) => s.url.startsWith(cluster.proxy.url));
}

async function pollCount(control) {
  const c = (await control.counters()).byEndpoint;
  return vendors.reduce((n, v) => n + (c[listRoute[v]] ?? 0), 0);
}

/** Waits until every change is reported by every watcher, or `timeoutMs`. */
async function settle(driver, collector, { timeoutMs, realtime = true, only = vendors }) {
  const t = Date.now();
  await waitFor(
    () => only.every((v) => [...driver.initial[v].keys()].every((a) => collector.caughtUp(v, a, driver.current(v, a), realtime && v === 'vonage'))),
    { timeoutMs, intervalMs: 1000, what: 'every change to be reported' },
  ).catch(() => {
    log(`not every change was reported within ${Math.round(timeoutMs / 1000)} s (counted below as lost):`);
    for (const v of only) {
      for (const a of driver.initial[v].keys()) {
        const now = driver.current(v, a);
        if (collector.caughtUp(v, a, now, realtime && v === 'vonage')) continue;
        const watchers = [...collector.workflowIds[v], ...(realtime && v === 'vonage' ? [realtimeWorkflowId] : [])];
        const last = watchers.map((id) => `${id}: ${collector.items.get(id)?.get(a)?.at(-1)?.json.current?.status.id ?? '-'}`);
        log(`  ${v} ${a} is ${now}; last reported ${last.join(', ')}`);
      }
    }
  });
  // Executions still running finish; the collector reads them.
  await waitFor(async () => (await collector.reader.unfinished()).rows.length === 0, { timeoutMs: 60_000, intervalMs: 1000, what: 'running executions to finish' }).catch(() => {});
  await collector.poll();
  log(`settled in ${Math.round((Date.now() - t) / 1000)} s`);
}

/** The ground truth and every item n8n produced, for a look after the run (.n8n-e2e/logs/). */
function dumpRun(mode, driver, collector) {
  if (!driver || !collector) return;
  const changes = Object.fromEntries(vendors.map((v) => [v, Object.fromEntries(driver.changes[v])]));
  const items = Object.fromEntries(
    [...collector.items].map(([wf, byAgent]) => [
      wf,
      Object.fromEntries([...byAgent].map(([a, list]) => [a, list.map((x) => ({ e: x.executionId, s: x.status, ev: x.json.event, from: x.json.previous?.status.id ?? null, to: x.json.current?.status.id ?? null, since: x.json.current?.since, id: x.json.eventId }))])),
    ]),
  );
  const file = logFile(`distributed-${mode}.json`);
  writeFileSync(file, JSON.stringify({ initial: Object.fromEntries(vendors.map((v) => [v, Object.fromEntries(driver.initial[v])])), changes, items, executions: collector.executions }));
  log(`ground truth and items: ${file}`);
}

async function runMode({ mode, durable, tarballs, pg, redis, sim, webhooks }) {
  const modeStarted = Date.now();
  console.log(`\n=== mode: ${mode} ===`);
  const database = `n8n_${mode}`;
  await pg.createDatabase(database);
  await redis.flush();
  sim.control.clearFaults();
  const cluster = new QueueCluster({ root: join(scratchDir, 'distributed', mode), postgres: pg, database, redis, tarballs, durable, name: `dist-${mode}`, env: dbEnv });
  const client = await pg.client(database);
  current.cluster = cluster;
  current.driver = undefined;
  current.collector = undefined;
  try {
    await cluster.install();
    const credentials = simulatorCredentials(sim.url, sim.credentials);
    await cluster.main.importCredentials(credentials);
    const workflowIds = Object.fromEntries(vendors.map((v) => [v, Array.from({ length: perVendor }, (_, i) => pollingId(v, i + 1))]));
    const workflows = vendors.flatMap((v) => Array.from({ length: perVendor }, (_, i) => pollingWorkflow(v, i + 1)));
    await cluster.main.importWorkflows([...workflows, realtimeWorkflow({ dedupe: true })]);
    await cluster.start();

    const collector = new Collector(new ExecutionReader(client), workflowIds);
    current.collector = collector;
    const driver = new Driver(sim, collector);
    collector.driver = driver;
    current.driver = driver;
    driver.snapshotInitial();

    // Publish: each polling workflow's first poll stores its baseline; the real-time trigger subscribes.
    const before = await pollCount(sim.control);
    for (const id of [...Object.values(workflowIds).flat(), realtimeWorkflowId]) await cluster.main.activate(id);
    await waitFor(async () => (await pollCount(sim.control)) - before >= perVendor * vendors.length, { timeoutMs: 120_000, intervalMs: 500, what: 'every first poll' });
    await waitFor(() => subscriptionOf(sim, cluster), { timeoutMs: 30_000, intervalMs: 200, what: 'the webhook subscription' });
    if (durable) {
      // With the durable scheduler, n8n 2.41 runs that first poll at publishing but never commits
      // the cursor it staged (it commits only with an execution, or after a scheduled poll): the
      // baseline is stored by each workflow's first scheduled poll, up to a minute later. A change
      // made before it is not reported (README, Running in production), so none is made.
      const t = Date.now();
      await waitFor(async () => (await client.query(`SELECT count(*)::int AS n FROM poller_state WHERE (cursor::jsonb) ? 'snapshot'`)).rows[0].n >= perVendor * vendors.length, {
        timeoutMs: 150_000,
        intervalMs: 1000,
        what: 'a baseline in every durable cursor',
      });
      log(`durable cursors: every baseline committed by a scheduled poll ${Math.round((Date.now() - t) / 1000)} s after publishing`);
    }
    await sleep(3000);
    log(`published ${perVendor * vendors.length} polling workflows and the real-time trigger; baselines stored`);
    sim.control.addFault({ vendor: '*', endpoint: '*', kind: 'latency', ms: latencyMs });
    collector.run();

    if (mode === 'defaults' && scenarios.has('steady')) {
      // Steady: no fault but the latency, >= 30 polls.
      const t = Date.now();
      const p0 = await pollCount(sim.control);
      driver.run();
      await waitFor(async () => (await pollCount(sim.control)) - p0 >= 30, { timeoutMs: 240_000, intervalMs: 2000, what: '30 polls' });
      log(`steady: 30 polls done, ${driver.count()} changes made; waiting for every change to be reported`);
      await driver.stop();
      await settle(driver, collector, { timeoutMs: 150_000 });
      const polls = (await pollCount(sim.control)) - p0;
      const polling = countPolling(driver, collector);
      const realtime = countRealtime(driver, collector);
      printCounts(`steady (${mode}): ${polls} polls, ${driver.count()} changes in ${Math.round((Date.now() - t) / 1000)} s`, polling, realtime);
      check(`steady: at least 30 polls`, polls >= 30, `${polls}`);
      check('steady: only the suite moved presences (ground truth complete)', driver.ownMoves() === 0, `${driver.ownMoves()} moves of the simulator's own`);
      check(`steady: polling 0 lost / 0 duplicated / 0 spurious`, polling.lost + polling.duplicated + polling.spurious === 0 && polling.expected > 0, `${polling.lost}/${polling.duplicated}/${polling.spurious} of ${polling.expected}`);
      check(`steady: real-time 0 lost / 0 duplicated / 0 spurious`, realtime.lost + realtime.duplicated + realtime.spurious === 0 && realtime.expected > 0, `${realtime.lost}/${realtime.duplicated}/${realtime.spurious} of ${realtime.expected}`);
      webhooks.steady = { polls, polling, realtime };
    }

    if (scenarios.has('crash')) {
      // Crash: kill -9 the main at random points while presences move; then a worker mid-execution.
      const tCrash = Date.now();
      const p0 = await pollCount(sim.control);
      driver.run();
      for (let k = 1; k <= kills; k++) {
        // Each kill lands in a poll: once the next poll has started (its first request reached the
        // simulator), at a random point of the next 2.5 s; every request is slowed by the latency
        // fault, so the poll is still reading, or has just handed its changes to n8n.
        const before = await pollCount(sim.control);
        await waitFor(async () => (await pollCount(sim.control)) > before, { timeoutMs: 120_000, intervalMs: 100, what: 'a poll to start' }).catch((err) => log(err.message));
        await sleep(random() * 2500);
        await cluster.main.kill();
        log(`kill -9 main #${k}/${kills}`);
        await cluster.main.start();
      }
      await driver.stop();
      // Durable polls cut by a kill run again once their lease (60 s) has expired.
      await settle(driver, collector, { timeoutMs: durable ? 240_000 : 150_000 });
      const polls = (await pollCount(sim.control)) - p0;
      // Counted since publishing (in the defaults mode the steady changes too, all reported above).
      const polling = countPolling(driver, collector);
      const realtime = countRealtime(driver, collector);
      const statuses = {};
      for (const e of collector.executions) statuses[e.status] = (statuses[e.status] ?? 0) + 1;
      printCounts(`crash (${mode}): ${kills} kills of the main; ${polls} polls, ${driver.count()} changes in ${Math.round((Date.now() - tCrash) / 1000)} s; executions ${JSON.stringify(statuses)}`, polling, realtime);
      check(`crash ${mode}: only the suite moved presences (ground truth complete)`, driver.ownMoves() === 0, `${driver.ownMoves()} moves of the simulator's own`);
      if (durable) check(`crash ${mode}: polling 0 lost`, polling.lost === 0 && polling.expected > 0, `${polling.lost} of ${polling.expected}`);
      // n8n's defaults save a poll's static data and create its execution side by side (emit() in its
      // trigger-execution-context factory): a kill between the two loses that poll's changes. A figure, reported.
      else console.log(`  n8n defaults: ${polling.lost} of ${polling.expected} changes lost to kills (static data saved before the execution exists); use the durable settings`);
      // Duplicates, in both modes. With the durable cursors, n8n 2.41 fences a poll's commit with its
      // own task's lease only (poller-state.repository advanceCursor), not with the cursor it read:
      // after a crash of the main, a poll re-run when its lease expires and the next scheduled poll
      // of the same node can run side by side from the same cursor, and both commit (README). A
      // figure, reported; what holds is the eventId.
      console.log(`  ${mode}: ${polling.duplicated} duplicates of ${polling.expected} changes`);
      check(`crash ${mode}: every duplicate has the eventId of its first delivery`, polling.duplicatesWithOtherId === 0, `${polling.duplicated} duplicates, ${polling.duplicatesWithOtherId} with another eventId`);
      check(`crash ${mode}: polling 0 spurious`, polling.spurious === 0, `${polling.spurious}`);
      check(`crash ${mode}: real-time 0 lost`, realtime.lost === 0, `${realtime.lost} of ${realtime.expected}`);
      webhooks[mode] = { kills, polls, polling, realtime, statuses };
      webhooks[mode].workerKill = await workerKill({ cluster, driver, collector, mode });
    }

    if (mode === 'defaults' && scenarios.has('webhooks')) await webhookScenarios({ cluster, sim, driver, collector, client, webhooks });
  } finally {
    // Unpublishing deletes the subscription, so the next mode's is the only one.
    await cluster.main.deactivate(realtimeWorkflowId).catch(() => {});
    await current.collector?.stop().catch(() => {});
    dumpRun(mode, current.driver, current.collector);
    await client.end().catch(() => {});
    await cluster.stop();
    log(`mode ${mode} done in ${Math.round((Date.now() - modeStarted) / 1000)} s`);
  }
}

/**
 * A worker killed in the middle of an execution, on its own so that its ground truth is exact:
 * one change per vendor (each polling execution then holds exactly one item), worker 1 killed as
 * soon as its log shows it running one of the executions that follow, then restarted. Every
 * workflow must report its change, except those whose execution died with the worker: one per
 * killed execution, no more.
 */
async function workerKill({ cluster, driver, collector, mode }) {
  console.log(`\nworker kill (${mode})`);
  const worker = cluster.workers[0];
  const stale = new Set(worker.executionsInFlight());
  const made = vendors.map((v) => driver.step(v, { realtime: true })).filter(Boolean);
  const watchersOf = (v) => [...collector.workflowIds[v], ...(v === 'vonage' ? [realtimeWorkflowId] : [])];
  const fresh = () => worker.executionsInFlight().filter((id) => !stale.has(id));
  await waitFor(() => fresh().length > 0, { timeoutMs: 150_000, intervalMs: 50, what: 'worker 1 running an execution' }).catch((err) => log(err.message));
  await worker.kill();
  const killed = fresh();
  log(`kill -9 worker 1 while it ran execution(s) ${killed.join(', ') || 'none'}`);
  await worker.start();
  // The agent had been reported everywhere before it changed (step() picks such agents only).
  // Reported: it reached the workflow's last node (an execution the worker died in may still hold it).
  const reported = (c, id) => (collector.items.get(id)?.get(c.agentId) ?? []).filter((x) => x.done).at(-1)?.json.current?.status.id === c.to;
  const final = (status) => status && !['new', 'running', 'waiting'].includes(status);
  let statuses = new Map();
  let killedWorkflows = [];
  await waitFor(
    async () => {
      await collector.poll();
      statuses = await collector.reader.statuses(killed);
      killedWorkflows = (await collector.reader.workflowsOf(killed)).map((r) => r.workflowId);
      const settled = made.every((c) => watchersOf(c.vendor).every((id) => reported(c, id) || killedWorkflows.includes(id)));
      return settled && killed.every((id) => final(statuses.get(id)));
    },
    { timeoutMs: 180_000, intervalMs: 2000, what: 'every change reported but those of the killed executions' },
  ).catch((err) => log(err.message));
  const missing = made.flatMap((c) => watchersOf(c.vendor).filter((id) => !reported(c, id)).map((id) => ({ id, c })));
  const heldInData = killed.reduce((n, e) => n + [...collector.items.values()].flatMap((m) => [...m.values()].flat()).filter((x) => x.executionId === e).length, 0);
  const missingOutsideKilled = missing.filter((m) => !killedWorkflows.includes(m.id)).length;
  console.log(
    `  ${made.length} changes, ${made.reduce((n, c) => n + watchersOf(c.vendor).length, 0)} workflow reports expected; worker 1 died in ${killed.length} execution(s) (now ${killed.map((id) => statuses.get(id) ?? '-').join(', ') || '-'}); not reported: ${missing.length} (${missingOutsideKilled} outside the killed executions); items still readable in the killed executions ${heldInData}`,
  );
  check(
    `worker kill ${mode}: what is not reported is exactly the changes of the executions the worker died in`,
    killed.length > 0 && killed.every((id) => final(statuses.get(id)) && statuses.get(id) !== 'success') && missing.length === killed.length && missingOutsideKilled === 0,
    `${killed.length} killed (${killed.map((id) => statuses.get(id) ?? '-').join(', ')}), ${missing.length} not reported, ${missingOutsideKilled} of them elsewhere`,
  );
  // The next change of each agent is reported by every workflow again (and lets later scenarios settle).
  for (const c of made) driver.stepAgent(c.vendor, c.agentId, { realtime: true });
  return { changes: made.length, killed: killed.length, statuses: killed.map((id) => statuses.get(id)), missing: missing.length, heldInData };
}

async function webhookScenarios({ cluster, sim, driver, collector, client, webhooks }) {
  console.log('\nwebhooks across processes');
  const subscriptionId = subscriptionOf(sim, cluster).id;
  const served = cluster.proxy.served;
  const agents = [...driver.initial.vonage.keys()];
  const realtimeItems = () => [...(collector.items.get(realtimeWorkflowId)?.values() ?? [])].flat();
  const change = (agentId) => {
    const from = driver.current('vonage', agentId);
    const to = settable('vonage').find((s) => s.id !== from).id;
    sim.control.setPresence({ vendor: 'vonage', agentId, statusId: to });
    const since = sim.control.state('vonage').agents.find((a) => a.agentId === agentId).since;
    sim.control.advance(1);
    if (!driver.changes.vonage.has(agentId)) driver.changes.vonage.set(agentId, []);
    driver.changes.vonage.get(agentId).push({ from, to, since, realtime: true });
    return { from, to, since };
  };

  // 1. A delivery replayed to the other webhook process.
  const agent = agents[0];
  const replayed = change(agent);
  await sim.control.webhooksIdle({ timeoutMs: 10_000 });
  const original = served.filter((s) => s.path.includes('/webhook/')).at(-1);
  const replays = [];
  for (let i = 0; i < 2; i++) {
    const r = await sim.control.deliverWebhook({ subscriptionId, tamper: 'replay' });
    replays.push({ status: r.status, backend: served.at(-1).backend });
  }
  await sleep(4000);
  await collector.poll();
  const toOther = replays.find((r) => r.backend !== original.backend);
  const toSame = replays.find((r) => r.backend === original.backend);
  const items = realtimeItems().filter((x) => x.json.agentId === agent && Date.parse(x.json.current.since) === Date.parse(replayed.since));
  const ids = new Set(items.map((x) => x.json.eventId));
  const uniqueOut = items.reduce((n, x) => n + x.unique, 0);
  console.log(`  replay: first delivery to ${original.backend} (${original.status}); replay to the other process → ${toOther?.status}, to the same → ${toSame?.status}; executions for the change ${items.length}, eventIds ${ids.size}, items after Remove Duplicates ${uniqueOut}`);
  check('replay to the same webhook process is refused (401)', toSame?.status === 401, `${toSame?.status}`);
  check('replay to the other webhook process carries the same eventId and is dropped by Remove Duplicates on eventId', ids.size === 1 && uniqueOut === 1, `${items.length} executions, ${ids.size} eventId, ${uniqueOut} after dedupe; HTTP ${toOther?.status}`);
  webhooks.replay = { other: toOther?.status, same: toSame?.status, executions: items.length, eventIds: ids.size, afterDedupe: uniqueOut };

  // 2. previous: consecutive events of one agent on both processes.
  const prevAgent = agents[1];
  const startIndex = served.length;
  for (let i = 0; i < 6; i++) {
    change(prevAgent);
    await sim.control.webhooksIdle({ timeoutMs: 10_000 });
  }
  await sleep(3000);
  await collector.poll();
  const backendsUsed = new Set(served.slice(startIndex).filter((s) => s.path.includes('/webhook/')).map((s) => s.backend));
  const prevItems = realtimeItems().filter((x) => x.json.agentId === prevAgent).slice(-6);
  const wrong = prevItems.filter((x, i) => x.json.previous !== null && x.json.previous.status.id !== driver.changes.vonage.get(prevAgent).at(-6 + i).from).length;
  const nulls = prevItems.filter((x) => x.json.previous === null).length;
  console.log(`  previous: 6 events of one agent over ${backendsUsed.size} processes: ${nulls} null, ${wrong} wrong, ${6 - nulls - wrong} right`);
  check('previous across processes is never wrong (null by default: no shared state)', wrong === 0 && prevItems.length === 6 && backendsUsed.size === 2, `${wrong} wrong of ${prevItems.length}`);
  webhooks.previous = { events: prevItems.length, processes: backendsUsed.size, nulls, wrong };

  // 3. A burst of 1,000 signed deliveries within a few seconds.
  const before = (await collector.reader.counts(realtimeWorkflowId)).success ?? 0;
  const hooksBefore = (await sim.control.counters()).webhooks;
  const tBurst = Date.now();
  for (let i = 0; i < 1000; i++) change(agents[2 + (i % (agents.length - 2))]);
  // Delivered one after the other, as Vonage does; on a loaded machine that takes minutes.
  const { pending } = await sim.control.webhooksIdle({ timeoutMs: 600_000 });
  const sentIn = Date.now() - tBurst;
  const hooks = (await sim.control.counters()).webhooks;
  const delta = (k) => hooks[k] - hooksBefore[k];
  await waitFor(async () => ((await collector.reader.counts(realtimeWorkflowId)).success ?? 0) - before >= 1000 && (await collector.reader.unfinished()).rows.length === 0, {
    timeoutMs: 240_000,
    intervalMs: 2000,
    what: '1,000 executions',
  }).catch(() => {});
  await sleep(3000);
  const counts = await collector.reader.counts(realtimeWorkflowId);
  const burst = (counts.success ?? 0) - before;
  console.log(
    `  burst: 1,000 changes delivered in ${(sentIn / 1000).toFixed(1)} s (${pending} still pending): ${delta('attempts')} attempts, ${delta('delivered')} answered 2xx, ${delta('failedAttempts')} failed or not answered within 5 s (retried ${delta('retries')}), ${delta('dropped')} given up; executions in Postgres: ${burst} successful (${JSON.stringify(counts)})`,
  );
  check('a burst of 1,000 signed deliveries makes exactly 1,000 executions (Postgres)', burst === 1000, `${burst}`);
  webhooks.burst = { sentInMs: sentIn, attempts: delta('attempts'), delivered: delta('delivered'), failedAttempts: delta('failedAttempts'), dropped: delta('dropped'), executions: burst };

  // 4. Deliveries while no webhook process is up.
  await Promise.all(cluster.webhooks.map((w) => w.stop()));
  const logBefore = sim.control.webhookDeliveries({ subscriptionId }).length;
  const downChanges = [];
  for (let i = 0; i < 5; i++) downChanges.push({ agentId: agents[2 + i], ...change(agents[2 + i]) });
  await sim.control.webhooksIdle({ timeoutMs: 30_000 });
  await Promise.all(cluster.webhooks.map((w) => w.start()));
  // The polling workflows run on the main: they see the changes at their next poll.
  await settle(driver, collector, { timeoutMs: 150_000, realtime: false, only: ['vonage'] });
  const pollItems = collector.workflowIds.vonage.flatMap((id) => [...(collector.items.get(id)?.values() ?? [])].flat());
  let caughtByRealtime = 0;
  let caughtByPoll = 0;
  let sameId = 0;
  for (const c of downChanges) {
    const rt = realtimeItems().filter((x) => x.json.agentId === c.agentId && Date.parse(x.json.current.since) === Date.parse(c.since));
    if (rt.length > 0) caughtByRealtime++;
    const polled = pollItems.filter((x) => x.json.agentId === c.agentId && x.json.current?.status.id === c.to && Date.parse(x.json.current.since) === Date.parse(c.since));
    if (polled.length > 0) caughtByPoll++;
    if (polled.length > 0 && rt.length === 0) {
      // The id the real-time trigger would have given: the same derivation (agent, state, status, since).
      if (polled.every((x) => x.json.eventId === polled[0].json.eventId)) sameId++;
    }
  }
  // Every attempt (first ones and retries) made while no webhook process was up.
  const delivered = sim.control.webhookDeliveries({ subscriptionId }).slice(logBefore);
  console.log(`  while no webhook process was up: ${downChanges.length} changes, ${delivered.length} delivery attempts answered ${[...new Set(delivered.map((d) => d.status))].join(', ')}; caught up by the real-time trigger ${caughtByRealtime}, by the polling trigger ${caughtByPoll} (one eventId each: ${sameId})`);
  check('changes made while no webhook process is up are found by the polling trigger beside it', caughtByPoll === downChanges.length, `${caughtByPoll} of ${downChanges.length}`);
  webhooks.down = { changes: downChanges.length, realtime: caughtByRealtime, polling: caughtByPoll };
}

let pg;
let redis;
let sim;
const webhooks = {};
/** What is running now, for a clean stop on Ctrl-C. */
const current = {};
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, async () => {
    console.error(`\n${signal}: stopping n8n, Redis and Postgres…`);
    await current.cluster?.stop().catch(() => {});
    await sim?.close();
    await redis?.stop();
    await pg?.stop();
    process.exit(1);
  });
}
try {
  log(`distributed suite: ${kills} kills of the main per mode${long ? ' (--long)' : ''}`);
  const [packed] = await Promise.all([buildWorkspace().then(packTarballs), ensureN8nRuntime(), ensurePostgresRuntime()]);
  ({ settable } = await import('../src/polls.mjs'));
  pg = await startPostgres();
  redis = await startRedis();
  sim = await startSimulator({ port: 0, autoplay: false, agents: agentsPerVendor });
  log(`simulator on ${sim.url} (clock paused; the suite moves presences)`);
  for (const [mode, durable] of modes) {
    try {
      await runMode({ mode, durable, tarballs: packed, pg, redis, sim, webhooks });
    } catch (err) {
      check(`mode ${mode} ran to its end`, false, err.stack ?? String(err));
    }
  }
} catch (err) {
  check('the suite set up', false, err.stack ?? String(err));
} finally {
  await sim?.close();
  await redis?.stop();
  await pg?.stop();
}

console.log(`\nfigures: ${JSON.stringify(webhooks)}`);
const failed = results.filter((r) => !r.ok).length;
console.log(`\ndistributed suite ${failed === 0 ? 'PASSED' : 'FAILED'} in ${((Date.now() - started) / 60000).toFixed(1)} min; logs in .n8n-e2e/logs/`);
console.log(`distributed: ${results.length - failed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);
