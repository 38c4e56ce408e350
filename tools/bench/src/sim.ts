// One interface over the simulator, whether it runs in this process or in its own.
import { fork } from 'node:child_process';
import { join } from 'node:path';
import { startSimulator, type AgentsResult, type CountersSnapshot, type Simulator, type StateResult } from '@agent-presence/simulator';

export type Vendor = 'cirrus' | 'vonage' | 'talkdesk';

export interface SimHandle {
  /** What `simulatorCredentials` needs: the vendors' URLs and the demo credentials. */
  readonly info: Pick<Simulator, 'url' | 'vendors' | 'credentials'>;
  readonly where: 'in-process' | 'child process';
  reset(input: { agents?: number; seed?: number }): Promise<void>;
  config(input: { latencyMs?: number }): Promise<void>;
  advance(ms: number): Promise<void>;
  counters(): Promise<CountersSnapshot>;
  resetCounters(): Promise<void>;
  state(vendor: Vendor): Promise<StateResult>;
  agents(vendor: Vendor): Promise<AgentsResult>;
  close(): Promise<void>;
}

export interface SimStart {
  agents: number;
  seed: number;
  latencyMs: number;
  inProcess: boolean;
}

export async function startSim(options: SimStart): Promise<SimHandle> {
  const start = { agents: options.agents, seed: options.seed, latencyMs: options.latencyMs, autoplay: false };
  return options.inProcess ? inProcess(await startSimulator(start)) : childProcess(start);
}

function inProcess(sim: Simulator): SimHandle {
  const c = sim.control;
  return {
    info: sim,
    where: 'in-process',
    reset: async (input) => void c.reset(input),
    config: async (input) => void c.config(input),
    advance: async (ms) => void c.advance(ms),
    counters: async () => c.counters(),
    resetCounters: async () => void c.resetCounters(),
    state: async (vendor) => c.state(vendor),
    agents: async (vendor) => c.agents(vendor),
    close: () => sim.close(),
  };
}

async function childProcess(start: object): Promise<SimHandle> {
  // The child runs through the same loader (tsx) as this process.
  const child = fork(join(__dirname, 'sim-child.ts'), [JSON.stringify(start)], { execArgv: process.execArgv, stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const info = await new Promise<SimHandle['info']>((resolve, reject) => {
    child.once('message', (m) => resolve(m as SimHandle['info']));
    child.once('exit', (code) => reject(new Error(`simulator process exited (${code}) before it started`)));
    child.once('error', reject);
  });
  const control = async <T>(method: 'GET' | 'POST', path: string, body?: unknown): Promise<T> => {
    const res = await fetch(`${info.url}/_sim${path}`, {
      method,
      headers: body === undefined ? {} : { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const json = (await res.json()) as T;
    if (!res.ok) throw new Error(`simulator ${method} ${path}: ${res.status} ${JSON.stringify(json)}`);
    return json;
  };
  return {
    info,
    where: 'child process',
    reset: async (input) => void (await control('POST', '/reset', input)),
    config: async (input) => void (await control('POST', '/config', input)),
    advance: async (ms) => void (await control('POST', '/time', { action: 'advance', ms })),
    counters: () => control<CountersSnapshot>('GET', '/counters'),
    resetCounters: async () => void (await control('POST', '/counters/reset')),
    state: (vendor) => control<StateResult>('GET', `/state?vendor=${vendor}`),
    agents: (vendor) => control<AgentsResult>('GET', `/agents?vendor=${vendor}`),
    close: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.disconnect();
      }),
  };
}
