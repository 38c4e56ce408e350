// The targets, checked against the figures just measured.
import type { BulkSetRow } from './bulk-set';
import type { CpuRow } from './cpu';
import type { PollRow } from './poll';
import type { StateRow } from './state';

export interface TargetCheck {
  target: string;
  vendor: string;
  value: number;
  limit: number;
  holds: boolean;
  at: string;
}

export function evaluateTargets(polls: PollRow[], cpu: CpuRow[], states: StateRow[], bulk: BulkSetRow[] = []): TargetCheck[] {
  const checks: TargetCheck[] = [];
  const complete = polls.filter((r) => r.mode === 'complete');
  const largest = Math.max(0, ...complete.map((r) => r.agents));
  for (const r of complete.filter((row) => row.agents === largest)) {
    const at = `${r.agents.toLocaleString('en-US')} agents, one poll`;
    if (r.naive_vs_ours !== null) checks.push({ target: 'ours ≥ 20× faster than naive', vendor: r.vendor, value: r.naive_vs_ours, limit: 20, holds: r.naive_vs_ours >= 20, at });
    checks.push({ target: 'ours ≤ 1.5× floor', vendor: r.vendor, value: r.ours_vs_floor, limit: 1.5, holds: r.ours_vs_floor <= 1.5, at });
  }
  // A "sweep" that one poll finished (few agents) says nothing more than the one-poll row.
  for (const r of polls.filter((row) => row.mode === 'sweep' && row.polls !== 1)) {
    const at = `${r.agents.toLocaleString('en-US')} agents, sweep of ${String(r.polls)} polls`;
    // A sweep lists the agents once (issue 17): its floor is one listing and one read of every agent.
    checks.push({ target: 'sweep ≤ 1.2× floor', vendor: r.vendor, value: r.ours_vs_floor, limit: 1.2, holds: r.ours_vs_floor <= 1.2, at });
    const wrong = Number(r.lost) + Number(r.repeated) + Number(r.spurious);
    checks.push({ target: 'sweep loses, repeats, invents nothing', vendor: r.vendor, value: wrong, limit: 0, holds: wrong === 0, at: `${at}: ${String(r.lost)} lost, ${String(r.repeated)} repeated, ${String(r.spurious)} spurious` });
  }
  for (const r of cpu) {
    checks.push({ target: 'normalize+diff ≤ 3× JSON.parse', vendor: r.vendor, value: r.ratio, limit: 3, holds: r.ratio <= 3, at: `${r.records.toLocaleString('en-US')} records` });
  }
  for (const r of states) {
    checks.push({ target: 'static data ≤ 64 bytes/agent', vendor: r.vendor, value: r.bytes_per_agent, limit: 64, holds: r.bytes_per_agent <= 64, at: `${r.agents.toLocaleString('en-US')} agents, ${r.mode === 'sweep' ? 'mid-sweep' : 'sweep complete'}` });
  }
  for (const r of bulk) {
    const at = `${r.agents.toLocaleString('en-US')} agents, ${r.concurrency} in flight`;
    checks.push({ target: 'Set Many ≥ 20× one request at a time', vendor: r.vendor, value: r.one_at_a_time_vs_ours, limit: 20, holds: r.one_at_a_time_vs_ours >= 20, at });
  }
  return checks;
}

export function formatTargets(checks: TargetCheck[]): string {
  const width = Math.max(0, ...checks.map((c) => c.target.length));
  const lines = checks.map((c) => `${c.holds ? 'holds ' : 'MISSED'}  ${c.target.padEnd(width)}  ${c.vendor.padEnd(8)}  ${String(c.value).padStart(6)}  (${c.at})`);
  const held = checks.filter((c) => c.holds).length;
  return [`Targets: ${held} of ${checks.length} hold`, ...lines].join('\n');
}
