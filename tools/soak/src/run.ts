// One vendor's chaos soak: the real trigger node polled through n8n-core's engine
// (the harness poller) against a simulator whose world moves between polls and
// whose requests fail in every way it can inject, checked against ground truth.
import { NodeHarness, simulatorCredentials } from '@agent-presence/n8n-shared/testing';
import { startSimulator, type FaultSpecInput } from '@agent-presence/simulator';
import type { IDataObject, INodeExecutionData } from 'n8n-workflow';
import { checkAgent, type Emission, type Observation, type Transition } from './check';
import { GroundTruth, presenceKey } from './ground-truth';
import { instrument } from './instrument';
import { credentialSecrets, issuedTokens, SecretScanner, type Leak, type Secret } from './secrets';
import { vendorSpecs, type Vendor } from './vendors';

export interface BrownOut {
  /** A slow period starts every `every` polls … */
  every: number;
  /** … lasts this many polls … */
  length: number;
  /** … and adds this latency to every vendor request (sweeps then span several polls). */
  latencyMs: number;
}

export interface SoakConfig {
  vendor: Vendor;
  polls: number;
  agents: number;
  seed: number;
  /** n8n's poll budget for the trigger. */
  budgetMs: number;
  /** Virtual time between polls; the clock stands still during a poll. */
  stepMs: number;
  faults: FaultSpecInput[];
  brownOut?: BrownOut;
  /** Trigger events watched: all four by default, so a false appeared/disappeared counts too. */
  events?: string[];
  /** Test hook: alters what the trigger emitted before the check (proves the check can fail). */
  tamper?: (items: IDataObject[], poll: number) => IDataObject[];
  /** Progress lines. */
  log?: (line: string) => void;
}

export interface SoakResult {
  vendor: Vendor;
  polls: number;
  failedPolls: number;
  /** Polls that stopped a sweep part-way (the budget ran out). */
  partialPolls: number;
  sweeps: number;
  /** Injected faults that fired. */
  faults: number;
  faultsByKind: Record<string, number>;
  /** Vendor requests the simulator saw (token requests included). */
  requests: number;
  emitted: number;
  expected: number;
  groundTruthChanges: number;
  missed: number;
  duplicated: number;
  spurious: number;
  late: number;
  /** Presences the client returned that differ from the ground truth at the poll's instant. */
  misread: number;
  tokens: number;
  slowestPollMs: number;
  elapsedMs: number;
  /** A few examples of each problem, for the report. */
  problems: string[];
  /** Secrets found in what the run showed or logged (see `secrets` to rescan with more text). */
  leaks: Leak[];
  /** Every secret of the run: credentials and the access tokens issued. */
  secrets: Secret[];
  /** What was scanned for secrets. */
  scanned: number;
}

/** The routes a trigger poll reads: its roster list and its presence reads. */
export const pollRoutes: Record<Vendor, { list: string; presence: string }> = {
  cirrus: { list: 'GET /managers', presence: 'GET /managers/{id}/presence' },
  vonage: { list: 'GET /useradmin/users', presence: 'GET /agents/presences/users' },
  talkdesk: { list: 'GET /users', presence: 'GET /users/{id}/presence' },
};

/**
 * Every kind of failure the simulator injects, at rates that add up to well over
 * 10% of requests (`scale` multiplies them). Latency is injected on the poll's own
 * routes (not on the token endpoint, whose timing is n8n's): 5 s, past the timeout
 * every request of a poll gets (no request outlives 1.2 times the poll's 2 s budget).
 */
export function chaosFaults(vendor: Vendor, scale = 1): FaultSpecInput[] {
  const r = (rate: number) => Math.min(1, rate * scale);
  const routes = pollRoutes[vendor];
  return [
    { kind: 'latency', endpoint: routes.list, ms: 5000, rate: r(0.01) },
    { kind: 'latency', endpoint: routes.presence, ms: 5000, rate: r(vendor === 'vonage' ? 0.005 : 0.002) },
    { kind: '429', rate: r(0.004), retryAfterSeconds: 1 },
    { kind: '429', rate: r(0.02) },
    { kind: '500', rate: r(0.02) },
    { kind: '503', rate: r(0.02) },
    { kind: 'drop', rate: r(0.015) },
    { kind: 'truncate', rate: r(0.015) },
    { kind: 'non-json', rate: r(0.015) },
    { kind: 'drift-missing', rate: r(0.01) },
    { kind: 'drift-renamed', rate: r(0.01) },
    { kind: 'drift-type', rate: r(0.01) },
    { kind: 'token-expiry', rate: r(0.005) },
  ];
}

const json = (items: INodeExecutionData[] | undefined) => (items ?? []).map((i) => i.json);

function keyOf(p: unknown): string | null {
  const presence = p as { state?: string; status?: { id?: string | null } } | null;
  if (!presence || typeof presence !== 'object') return null;
  return presenceKey(presence.status?.id ?? null, String(presence.state));
}

export async function runSoak(config: SoakConfig, options: { scanner?: SecretScanner } = {}): Promise<SoakResult> {
  const spec = vendorSpecs[config.vendor];
  const log = config.log ?? (() => undefined);
  const started = Date.now();
  const sim = await startSimulator({ agents: config.agents, seed: config.seed });
  const scanner = options.scanner ?? new SecretScanner();
  const inst = instrument(spec.config);
  const harness = new NodeHarness({ nodes: spec.nodes, credentialTypes: [spec.credentialType], credentials: simulatorCredentials(sim) });
  try {
    const truth = new GroundTruth(sim, config.vendor);
    for (const fault of config.faults) sim.control.addFault({ ...fault, vendor: config.vendor });
    const events = config.events ?? ['stateChanged', 'statusChanged', 'appeared', 'disappeared'];
    const poller = harness.poller(spec.triggerNode, { watch: 'all', events, onlyStates: [] }, { budgetMs: config.budgetMs });

    const observations = new Map<string, Observation[]>();
    const emissions = new Map<string, Emission[]>();
    const push = <T>(map: Map<string, T[]>, key: string, value: T) => {
      const list = map.get(key);
      if (list) list.push(value);
      else map.set(key, [value]);
    };
    let failedPolls = 0;
    let partialPolls = 0;
    let sweeps = 0;
    let emitted = 0;
    let misread = 0;
    let slowestPollMs = 0;
    const problems: string[] = [];
    const note = (line: string) => {
      if (problems.length < 30) problems.push(line);
    };
    const failures = new Map<string, number>();

    for (let poll = 0; poll < config.polls; poll++) {
      const b = config.brownOut;
      const slow = b !== undefined && poll % b.every >= b.every - b.length;
      sim.control.config({ latencyMs: slow ? b.latencyMs : 0 });
      sim.control.advance(config.stepMs);
      const instant = sim.control.time().nowMs;

      const recording = inst.begin();
      const pollStarted = Date.now();
      let output: INodeExecutionData[][] | null = null;
      let ok = true;
      try {
        output = await poller.poll();
      } catch (error) {
        ok = false;
        failedPolls++;
        scanner.add(`${config.vendor} poll ${poll} error`, error);
        const e = error as { message?: string; description?: string };
        const reason = String(e.message ?? error).replace(/\s+/g, ' ').replace(/\d+ ms/g, 'N ms').slice(0, 120);
        failures.set(reason, (failures.get(reason) ?? 0) + 1);
      }
      slowestPollMs = Math.max(slowestPollMs, Date.now() - pollStarted);
      const clock = sim.control.time();
      if (clock.nowMs !== instant || !clock.paused) throw new Error(`soak invalid: the simulator clock moved during poll ${poll}`);
      truth.sync();

      if (ok) {
        const state = poller.staticData as { after?: string | null; baseline?: boolean };
        if (state.after) partialPolls++;
        else sweeps++;
        for (const p of recording.presences) {
          const key = truth.keyAt(p.agentId, instant);
          push(observations, p.agentId, { poll, key });
          if (keyOf(p) !== key) {
            misread++;
            note(`misread: poll ${poll} agent ${p.agentId} read ${keyOf(p)}, truth ${key}`);
          }
        }
      }

      let items = json(output?.[0]);
      scanner.add(`${config.vendor} poll ${poll} items`, items);
      if (config.tamper) items = config.tamper(items, poll);
      if (!ok && items.length > 0) note(`poll ${poll} failed yet emitted ${items.length} items`);
      for (const item of items) {
        emitted++;
        const event = item.event as Emission['event'];
        push(emissions, String(item.agentId), { poll, event, from: keyOf(item.previous), to: keyOf(item.current) });
      }
      if ((poll + 1) % 100 === 0) log(`${config.vendor}: ${poll + 1}/${config.polls} polls, ${failedPolls} failed, ${emitted} changes emitted`);
    }
    scanner.add(`${config.vendor} static data`, poller.staticData);

    let missed = 0;
    let duplicated = 0;
    let spurious = 0;
    let late = 0;
    let expected = 0;
    const agents = new Set([...truth.agentIds, ...emissions.keys()]);
    const show = (t: Transition | Emission) => `${t.from} -> ${t.to} (poll ${t.poll})`;
    for (const agentId of agents) {
      const v = checkAgent(observations.get(agentId) ?? [], emissions.get(agentId) ?? []);
      expected += v.expected.length;
      missed += v.missed.length;
      duplicated += v.duplicated.length;
      spurious += v.spurious.length;
      late += v.late.length;
      for (const t of v.missed) note(`missed: agent ${agentId} ${show(t)}`);
      for (const t of v.duplicated) note(`duplicated: agent ${agentId} ${show(t)}`);
      for (const t of v.spurious) note(`spurious: agent ${agentId} ${t.event} ${show(t)}`);
      for (const t of v.late) note(`late: agent ${agentId} ${show(t)}`);
    }
    const faultList = sim.control.faults();
    const faultsByKind: Record<string, number> = {};
    for (const f of faultList) {
      const kind = f.kind === '429' ? (f.retryAfterSeconds !== undefined ? '429+retry-after' : '429') : f.kind === 'latency' ? `latency ${f.ms} ms` : f.kind;
      faultsByKind[kind] = (faultsByKind[kind] ?? 0) + f.hits;
    }
    for (const [reason, n] of [...failures].sort((a, b) => b[1] - a[1]).slice(0, 8)) log(`${config.vendor}: ${n} failed poll(s): ${reason}`);
    const tokens = issuedTokens([harness]);
    const secrets = [...credentialSecrets(sim), ...tokens];
    const leaks = scanner.leaks(secrets);
    if (inst.clients === 0) throw new Error('soak invalid: the trigger built no instrumented client');
    return {
      vendor: config.vendor,
      polls: config.polls,
      failedPolls,
      partialPolls,
      sweeps,
      faults: faultList.reduce((n, f) => n + f.hits, 0),
      faultsByKind,
      requests: sim.control.counters().total,
      emitted,
      expected,
      groundTruthChanges: truth.changes,
      missed,
      duplicated,
      spurious,
      late,
      misread,
      tokens: tokens.length,
      slowestPollMs,
      elapsedMs: Date.now() - started,
      problems,
      leaks,
      secrets,
      scanned: scanner.size,
    };
  } finally {
    inst.restore();
    await sim.close();
  }
}
