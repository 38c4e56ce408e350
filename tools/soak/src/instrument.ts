// Watches, without changing anything, what the trigger's vendor client reads: which
// agents each poll observed successfully (the presences its getPresences returned)
// and every request and its outcome at the transport. The node classes use the
// same VendorConfig object, so wrapping its createClient reaches the clients the
// trigger builds inside n8n's engine.
import type { VendorConfig } from '@agent-presence/n8n-shared';
import type { AgentPresence, HttpTransport, PresenceBatch } from '@agent-presence/presence-core';

export interface RequestRecord {
  method: string;
  url: string;
  /** HTTP status, or the error code when no answer came. */
  outcome: number | string;
  ms: number;
}

export interface PollRecording {
  batches: PresenceBatch[];
  requests: RequestRecord[];
  /** Presences the client handed to the trigger (read successfully). */
  readonly presences: AgentPresence[];
}

export interface Instrumentation {
  /** Starts recording a new poll (the previous recording is closed). */
  begin(): PollRecording;
  /** Every client built since instrumenting. */
  readonly clients: number;
  restore(): void;
}

function recordingTransport(transport: HttpTransport, sink: () => PollRecording | undefined): HttpTransport {
  return {
    async request(req) {
      const started = Date.now();
      const rec: RequestRecord = { method: req.method, url: req.url, outcome: 'pending', ms: 0 };
      sink()?.requests.push(rec);
      try {
        const res = await transport.request(req);
        rec.outcome = res.status;
        return res;
      } catch (error) {
        const e = error as { code?: unknown; cause?: { code?: unknown } };
        rec.outcome = String(e?.code ?? e?.cause?.code ?? 'ERROR');
        throw error;
      } finally {
        rec.ms = Date.now() - started;
      }
    },
    ...(transport.sleep ? { sleep: transport.sleep.bind(transport) } : {}),
  };
}

const active = new WeakSet<VendorConfig>();

export function instrument(config: VendorConfig): Instrumentation {
  if (active.has(config)) throw new Error(`${config.id} is already instrumented`);
  active.add(config);
  const original = config.createClient;
  let current: PollRecording | undefined;
  let clients = 0;
  config.createClient = (options) => {
    clients++;
    const client = original({ ...options, transport: recordingTransport(options.transport, () => current) });
    const getPresences = client.getPresences.bind(client);
    client.getPresences = async (ids, o) => {
      const recording = current;
      const batch = await getPresences(ids, o);
      recording?.batches.push(batch);
      return batch;
    };
    return client;
  };
  return {
    begin() {
      const batches: PresenceBatch[] = [];
      current = {
        batches,
        requests: [],
        get presences() {
          return batches.flatMap((b) => b.presences);
        },
      };
      return current;
    },
    get clients() {
      return clients;
    },
    restore() {
      config.createClient = original;
      active.delete(config);
      current = undefined;
    },
  };
}
