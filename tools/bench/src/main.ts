// `npm run bench [-- --quick]`: the cost of a poll against the naive loop and the floor,
// the CPU of normalising and diffing, and the trigger's state size. Prints tables and
// writes results/latest.json (results/quick.json with --quick). See ../README.md.
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { dirname, join } from 'node:path';
import { parseArgs } from 'node:util';
import { bulkSet, type BulkSetRow } from './bulk-set';
import { runCpu, type CpuRow } from './cpu';
import { vendorRegistry } from '@agent-presence/presence-core';
import { pollComplete, pollSweep, warmUp, type PollRow } from './poll';
import { startSim, type Vendor } from './sim';
import { stateRow, type StateRow } from './state';
import { formatTable } from './table';
import { evaluateTargets, formatTargets } from './targets';
import { vendors } from './vendors';

const defaults = Object.values(vendorRegistry).map((v) => `${v.id} ${v.defaultConcurrency}`).join(', ');

const usage = `npm run bench -- [options]
  --quick                 reduced set for CI (200 agents, 10,000 records; well under 60 s)
  --vendors a,b           cirrus,vonage,talkdesk (default all)
  --agents n,m            agents per poll benchmark (default 1000,10000)
  --latency ms            simulator latency on every request (default 25)
  --naive-sample n        agents the naive loop reads, then extrapolated (default 500; 0 = all)
  --records n             records per vendor for the CPU benchmark (default 100000)
  --iterations n          CPU benchmark rounds, best kept (default 7)
  --only k,…              poll,cpu,bulk (default all three; state comes with poll)
  --bulk-agents n         agents of the bulk-set benchmark (default 1000; quick 50)
  --no-sweep              skip the sweep (and the mid-sweep state)
  --concurrency n         requests in flight for ours and the floor (default: each vendor's, ${defaults})
  --core                  also time the core client outside n8n (undici), to see n8n's share
  --breakdown             record list/read time and request latencies of our polls
  --max-rounds n          short poll measurements are repeated, best kept: at most n rounds (default 5; quick 1)
  --in-process-sim        run the simulator in this process (default: its own process)
  --out file              where to write the JSON (default results/latest.json, or quick.json)`;

interface Options {
  quick: boolean;
  vendors: Vendor[];
  agents: number[];
  latencyMs: number;
  naiveSample: number | undefined;
  records: number;
  iterations: number;
  poll: boolean;
  cpu: boolean;
  bulk: boolean;
  bulkAgents: number;
  sweep: boolean;
  /** undefined: each vendor's default. */
  concurrency: number | undefined;
  core: boolean;
  breakdown: boolean;
  inProcessSim: boolean;
  maxRounds: number;
  out: string;
}

const list = (value: string) => value.split(',').map((s) => s.trim()).filter(Boolean);
const numbers = (value: string, name: string) =>
  list(value).map((s) => {
    const n = Number(s.replace(/_/g, ''));
    if (!Number.isInteger(n) || n < 0) throw new Error(`--${name}: "${s}" is not a whole number`);
    return n;
  });

function parseOptions(argv: string[]): Options {
  const { values } = parseArgs({
    args: argv,
    options: {
      quick: { type: 'boolean', default: false },
      vendors: { type: 'string' },
      agents: { type: 'string' },
      latency: { type: 'string' },
      'naive-sample': { type: 'string' },
      records: { type: 'string' },
      iterations: { type: 'string' },
      only: { type: 'string' },
      'no-sweep': { type: 'boolean', default: false },
      concurrency: { type: 'string' },
      core: { type: 'boolean', default: false },
      breakdown: { type: 'boolean', default: false },
      'in-process-sim': { type: 'boolean', default: false },
      'max-rounds': { type: 'string' },
      'bulk-agents': { type: 'string' },
      out: { type: 'string' },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (values.help) {
    console.log(usage);
    process.exit(0);
  }
  const quick = values.quick;
  const one = (value: string | undefined, name: string, fallback: number) => (value === undefined ? fallback : numbers(value, name)[0]!);
  const selected = values.vendors ? list(values.vendors) : vendors.map((v) => v.vendor);
  for (const v of selected) if (!vendors.some((s) => s.vendor === v)) throw new Error(`--vendors: unknown vendor "${v}"`);
  const only = values.only ? list(values.only) : ['poll', 'cpu', 'bulk'];
  for (const k of only) if (!['poll', 'cpu', 'state', 'bulk'].includes(k)) throw new Error(`--only: unknown benchmark "${k}"`);
  const naiveSample = one(values['naive-sample'], 'naive-sample', quick ? 50 : 500);
  const agents = values.agents ? numbers(values.agents, 'agents') : quick ? [200] : [1000, 10000];
  if (agents.some((n) => n < 1 || n > 50_000)) throw new Error('--agents: 1 to 50,000 (the simulator\'s limit)');
  return {
    quick,
    vendors: selected as Vendor[],
    agents,
    latencyMs: one(values.latency, 'latency', 25),
    naiveSample: naiveSample === 0 ? undefined : naiveSample,
    records: one(values.records, 'records', quick ? 10_000 : 100_000),
    iterations: Math.max(1, one(values.iterations, 'iterations', quick ? 3 : 7)),
    poll: only.includes('poll') || only.includes('state'),
    cpu: only.includes('cpu'),
    bulk: only.includes('bulk'),
    bulkAgents: Math.max(1, one(values['bulk-agents'], 'bulk-agents', quick ? 50 : 1000)),
    sweep: !values['no-sweep'],
    concurrency: values.concurrency === undefined ? undefined : Math.max(1, one(values.concurrency, 'concurrency', 1)),
    core: values.core,
    breakdown: values.breakdown,
    inProcessSim: values['in-process-sim'],
    maxRounds: Math.max(1, one(values['max-rounds'], 'max-rounds', quick ? 1 : 5)),
    out: values.out ?? join(__dirname, '..', 'results', quick ? 'quick.json' : 'latest.json'),
  };
}

const fmt = (n: number) => Math.round(n).toLocaleString('en-US');

async function runPolls(o: Options, polls: PollRow[], states: StateRow[]): Promise<void> {
  const sim = await startSim({ agents: 50, seed: 1, latencyMs: 0, inProcess: o.inProcessSim });
  try {
    for (const spec of vendors.filter((s) => o.vendors.includes(s.vendor))) {
      await warmUp(sim, spec);
      const largest = Math.max(...o.agents);
      let largestOursMs = 0;
      for (const agents of o.agents) {
        const { row, state } = await pollComplete({ sim, spec, agents, seed: 1, latencyMs: o.latencyMs, naiveSample: o.naiveSample, concurrency: o.concurrency, core: o.core, breakdown: o.breakdown, maxRounds: o.maxRounds });
        polls.push(row);
        const sampled = row.naive_sampled ? ` (${fmt(row.naive_sample as number)} read, extrapolated)` : '';
        console.log(`· ${spec.vendor} ${fmt(agents)} agents: ours ${fmt(row.ours_ms)} ms, ${row.requests} requests (${row.ours_vs_floor}× floor); naive ${fmt(row.naive_ms ?? 0)} ms${sampled}; next poll ${fmt(row.repeat_ms as number)} ms`);
        if (agents === largest) {
          states.push(stateRow(spec.vendor, agents, 'complete', state));
          largestOursMs = row.ours_ms;
        }
      }
      if (o.sweep) {
        // A budget for about three polls per sweep (80% of the budget goes to reading).
        const budgetMs = Math.max(250, Math.round(largestOursMs / 3 / 0.8));
        const sweep = await pollSweep({ sim, spec, agents: largest, seed: 1, latencyMs: o.latencyMs, budgetMs, concurrency: o.concurrency, maxRounds: o.maxRounds });
        polls.push(sweep.row);
        states.push(stateRow(spec.vendor, largest, 'sweep', sweep.midSweepState));
        console.log(`· ${spec.vendor} ${fmt(largest)} agents, sweeping with a ${fmt(budgetMs)} ms budget: ${sweep.row.polls} poll${sweep.row.polls === 1 ? '' : 's'}, ${fmt(sweep.row.ours_ms)} ms in all (${sweep.row.ours_vs_floor}× floor)`);
      }
    }
  } finally {
    await sim.close();
  }
}

async function runBulk(o: Options, rows: BulkSetRow[]): Promise<void> {
  const sim = await startSim({ agents: 50, seed: 1, latencyMs: 0, inProcess: o.inProcessSim });
  try {
    for (const spec of vendors.filter((s) => o.vendors.includes(s.vendor))) {
      const row = await bulkSet({ sim, spec, agents: o.bulkAgents, seed: 1, latencyMs: o.latencyMs, concurrency: o.concurrency });
      rows.push(row);
      console.log(`· ${spec.vendor} Set Many of ${fmt(row.agents)} agents: ${fmt(row.ours_ms)} ms, ${row.requests} requests at ${row.concurrency} in flight (${row.ours_vs_floor}× floor); one at a time ${fmt(row.one_at_a_time_ms)} ms (${row.one_at_a_time_vs_ours}×)`);
    }
  } finally {
    await sim.close();
  }
}

function printTables(polls: PollRow[], cpu: CpuRow[], states: StateRow[], bulk: BulkSetRow[] = []): void {
  const x = (n: unknown) => (typeof n === 'number' ? `${n}×` : null);
  if (polls.length > 0) {
    console.log();
    console.log(
      formatTable(
        'Poll cycle: every agent\'s presence read (ms; naive* = measured on a sample, extrapolated)',
        [
          { header: 'vendor', value: (r) => r.vendor },
          { header: 'agents', value: (r) => r.agents },
          { header: 'mode', value: (r) => (r.mode === 'sweep' ? `sweep, ${r.polls} poll${r.polls === 1 ? '' : 's'}` : 'one poll'), align: 'left' },
          { header: 'requests', value: (r) => r.requests },
          { header: 'floor req', value: (r) => r.floor_requests },
          { header: 'ours', value: (r) => r.ours_ms },
          { header: 'floor', value: (r) => r.floor_ms },
          { header: 'ours/floor', value: (r) => x(r.ours_vs_floor) },
          { header: 'naive', value: (r) => (r.naive_ms === null ? null : `${r.naive_sampled ? '*' : ''}${fmt(r.naive_ms)}`) },
          { header: 'naive/ours', value: (r) => x(r.naive_vs_ours) },
          { header: 'next poll', value: (r) => (r.repeat_ms as number | undefined) ?? null },
          { header: 'next/floor', value: (r) => x(r.repeat_vs_floor) },
          ...(polls.some((r) => r.core_ms !== undefined) ? [{ header: 'core (no n8n)', value: (r: PollRow) => (r.core_ms as number | undefined) ?? null }] : []),
        ],
        polls,
      ),
    );
  }
  if (bulk.length > 0) {
    const x = (n: number) => `${n}×`;
    console.log();
    console.log(
      formatTable(
        'Bulk set: Set Many of every agent, against the same Set Many one request at a time (Max Concurrent Requests 1) (ms)',
        [
          { header: 'vendor', value: (r) => r.vendor },
          { header: 'agents', value: (r) => r.agents },
          { header: 'in flight', value: (r) => r.concurrency },
          { header: 'requests', value: (r) => r.requests },
          { header: 'ours', value: (r) => r.ours_ms },
          { header: 'floor', value: (r) => r.floor_ms },
          { header: 'ours/floor', value: (r) => x(r.ours_vs_floor) },
          { header: 'one at a time', value: (r) => r.one_at_a_time_ms },
          { header: 'one at a time/ours', value: (r) => x(r.one_at_a_time_vs_ours) },
        ],
        bulk,
      ),
    );
  }
  if (cpu.length > 0) {
    console.log();
    console.log(
      formatTable(
        'CPU: normalizePresence + detectChanges on a second poll, against JSON.parse of the same records (ms, best round)',
        [
          { header: 'vendor', value: (r) => r.vendor },
          { header: 'records', value: (r) => r.records },
          { header: 'bytes/record', value: (r) => r.bytes_per_record },
          { header: 'normalize', value: (r) => r.normalize_ms },
          { header: 'diff', value: (r) => r.diff_ms },
          { header: 'normalize+diff', value: (r) => r.normalize_diff_ms },
          { header: 'JSON.parse', value: (r) => r.json_parse_ms },
          { header: 'ratio', value: (r) => x(r.ratio) },
          { header: 'changes', value: (r) => r.changes },
          { header: 'peak RSS MB', value: (r) => r.peak_rss_mb as number },
        ],
        cpu,
      ),
    );
  }
  if (states.length > 0) {
    console.log();
    console.log(
      formatTable(
        'State: the trigger\'s static data (JSON) per agent',
        [
          { header: 'vendor', value: (r) => r.vendor },
          { header: 'agents', value: (r) => r.agents },
          { header: 'mode', value: (r) => (r.mode === 'sweep' ? 'mid-sweep (cursor)' : 'sweep complete'), align: 'left' },
          { header: 'bytes', value: (r) => r.bytes },
          { header: 'bytes/agent', value: (r) => r.bytes_per_agent },
          { header: 'statuses', value: (r) => r.statuses },
        ],
        states,
      ),
    );
  }
}

async function main(): Promise<void> {
  const o = parseOptions(process.argv.slice(2));
  const startedAt = new Date();
  console.log(
    `agent-presence benchmarks${o.quick ? ' (quick)' : ''}: Node ${process.version}, ${cpus().length} CPUs, load ${loadavg().map((l) => l.toFixed(1)).join(' ')}; ` +
      `${o.latencyMs} ms latency per request, concurrency ${o.concurrency ?? `per vendor (${defaults})`}, simulator ${o.inProcessSim ? 'in this process' : 'in its own process'}`,
  );
  const polls: PollRow[] = [];
  const states: StateRow[] = [];
  const cpu: CpuRow[] = [];
  if (o.poll) await runPolls(o, polls, states);
  const bulk: BulkSetRow[] = [];
  if (o.bulk) await runBulk(o, bulk);
  if (o.cpu) {
    for (const vendor of o.vendors) {
      const row = await runCpu(vendor, o.records, o.iterations);
      cpu.push(row);
      console.log(`· ${vendor} ${fmt(row.records)} records: normalize+diff ${row.normalize_diff_ms} ms, JSON.parse ${row.json_parse_ms} ms (${row.ratio}×)`);
    }
  }
  printTables(polls, cpu, states, bulk);
  const targets = evaluateTargets(polls, cpu, states, bulk);
  console.log();
  console.log(formatTargets(targets));

  const result = {
    generated_at: startedAt.toISOString(),
    duration_s: Math.round((Date.now() - startedAt.getTime()) / 1000),
    node: process.version,
    cpus: cpus().length,
    load_average: loadavg().map((l) => Number(l.toFixed(2))),
    options: { ...o, out: undefined },
    // Peak RSS of this process (the poll benchmarks); each CPU row has its own process's.
    peak_rss_mb: Math.round(process.resourceUsage().maxRSS / 1024),
    rows: [...polls, ...bulk, ...cpu, ...states],
    targets,
  };
  mkdirSync(dirname(o.out), { recursive: true });
  writeFileSync(o.out, `${JSON.stringify(result, null, 2)}\n`);
  console.log(`\nWrote ${o.out}`);
}

main().then(
  // n8n-core may keep timers alive; the work is done.
  () => process.exit(0),
  (error: unknown) => {
    console.error(error instanceof Error ? (error.stack ?? error.message) : error);
    process.exit(1);
  },
);
