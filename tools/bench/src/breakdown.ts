// Timing breakdown of a poll (`--breakdown`): wraps the vendor client the trigger builds,
// timing its listing, its reads and every request it sends through the n8n transport.
import type { VendorConfig } from '@agent-presence/n8n-shared';
import type { HttpTransport, PresenceClient } from '@agent-presence/presence-core';

interface Timings {
  listMs: number[];
  readMs: number[];
  /** Wall time of each request through the transport: n8n's helper, the network, the server. */
  requestMs: number[];
}

export interface Breakdown {
  list_ms: number;
  read_ms: number;
  requests: number;
  request_p10_ms: number;
  request_p50_ms: number;
  request_p90_ms: number;
  request_max_ms: number;
}

const quantile = (sorted: number[], q: number) => (sorted.length === 0 ? 0 : sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!);
const round1 = (n: number) => Number(n.toFixed(1));
const sum = (xs: number[]) => Math.round(xs.reduce((a, x) => a + x, 0));

export function describe(t: Timings): Breakdown {
  const r = [...t.requestMs].sort((x, y) => x - y);
  return {
    list_ms: sum(t.listMs),
    read_ms: sum(t.readMs),
    requests: r.length,
    request_p10_ms: round1(quantile(r, 0.1)),
    request_p50_ms: round1(quantile(r, 0.5)),
    request_p90_ms: round1(quantile(r, 0.9)),
    request_max_ms: round1(r[r.length - 1] ?? 0),
  };
}

export function formatBreakdown(b: Breakdown): string {
  return `list ${b.list_ms} ms, read ${b.read_ms} ms; ${b.requests} requests, ms each p10 ${b.request_p10_ms} p50 ${b.request_p50_ms} p90 ${b.request_p90_ms} max ${b.request_max_ms}`;
}

/** Instruments every client `config` creates, until `restore`; `take` returns what was timed since the last take. */
export function instrument(config: VendorConfig): { take: () => Timings; restore: () => void } {
  let timings: Timings = { listMs: [], readMs: [], requestMs: [] };
  const original = config.createClient;
  config.createClient = (options) => {
    const inner: HttpTransport = options.transport;
    const transport: HttpTransport = {
      request: async (req) => {
        const t = performance.now();
        try {
          return await inner.request(req);
        } finally {
          timings.requestMs.push(performance.now() - t);
        }
      },
      sleep: inner.sleep?.bind(inner),
    };
    const client: PresenceClient = original({ ...options, transport });
    const timed =
      <A extends unknown[], R>(pick: (t: Timings) => number[], fn: (...args: A) => Promise<R>) =>
      async (...args: A): Promise<R> => {
        const t = performance.now();
        try {
          return await fn(...args);
        } finally {
          pick(timings).push(performance.now() - t);
        }
      };
    return {
      ...client,
      listAgents: timed((t) => t.listMs, client.listAgents.bind(client)),
      getPresences: timed((t) => t.readMs, client.getPresences.bind(client)),
    };
  };
  return {
    take: () => {
      const taken = timings;
      timings = { listMs: [], readMs: [], requestMs: [] };
      return taken;
    },
    restore: () => void (config.createClient = original),
  };
}
