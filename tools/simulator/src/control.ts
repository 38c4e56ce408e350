/**
 * The control API: the same operations in-process (`sim.control`) and over HTTP
 * under `/_sim` (JSON, no auth, never counted as vendor requests).
 */
import { VirtualClock } from './clock';
import type { SimConfig, SimContext } from './context';
import { attachWorld, syncWorld } from './context';
import type { CountersSnapshot } from './counters';
import type { Fault } from './faults';
import { cirrusPresence, cirrusStats, talkdeskRecord, vonageRecord } from './records';
import {
  ConfigSchema,
  DeliverWebhookSchema,
  ResetSchema,
  SetPresenceSchema,
  SimulatorInputError,
  TimeSchema,
  TimelineQuerySchema,
  VendorQuerySchema,
  WebhookDeliveriesQuerySchema,
  WebhookIdleSchema,
  parseInput,
  type ConfigInput,
  type DeliverWebhookInput,
  type FaultSpecInput,
  type ResetInput,
  type SetPresenceInput,
  type TimeInput,
  type TimelineQueryInput,
  type WebhookDeliveriesQueryInput,
  type WebhookIdleInput,
} from './schemas';
import { stintView, vonageStints } from './history';
import type { TimelinePage } from './timeline';
import type { SimAgent, TimelineEntry, VendorId } from './types';
import type { DeliverWebhookResult, WebhookDelivery, WebhookSubscription } from './webhooks';
import { World } from './world';

export interface TimeInfo {
  /** Virtual now, ISO. */
  now: string;
  nowMs: number;
  paused: boolean;
  speed: number;
  /** When the current world started (virtual), ISO. */
  startedAt: string;
}

export interface SetPresenceResult {
  /** False when the agent already had exactly that presence (no timeline entry). */
  changed: boolean;
  entry: TimelineEntry | null;
  /** The agent's vendor-native record after the change. */
  record: unknown;
}

export interface AgentState {
  agentId: string;
  statusId: string;
  statusName: string;
  category: string;
  /** ISO time the current presence began (the vendor's updated / updated_at). */
  since: string;
  /** Scenario phase (ready, call, break, ...). */
  phase: string;
  /** ISO time of the agent's next scheduled change. */
  nextChangeAt: string;
  /** Exactly what the vendor's single-agent presence GET returns (Cirrus: the envelope's `object`). */
  record: unknown;
  /** Cirrus only: GET /managers/{id}/stats FaceToFaceStatus. */
  faceToFaceStatus?: boolean;
}

export interface StateResult {
  vendor: VendorId;
  at: string;
  agents: AgentState[];
}

export interface AgentsResult {
  vendor: VendorId;
  agentIds: string[];
  /** Every user the vendor lists, with its kind (agent, admin, non-agent, archived, inactive). */
  users: Array<{ id: string; kind: string; name: string }>;
}

export interface ResetResult {
  seed: number;
  agents: number;
  time: TimeInfo;
}

/** Configuration as returned by the control API (speed is the clock's). */
export type ConfigView = SimConfig & { speed: number };

export interface SimulatorControl {
  /** Set an agent's presence (source "control"). */
  setPresence(input: SetPresenceInput): SetPresenceResult;
  time(input?: TimeInput): TimeInfo;
  pause(): TimeInfo;
  resume(): TimeInfo;
  advance(ms: number): TimeInfo;
  timeline(query?: TimelineQueryInput): TimelinePage;
  /** Ground truth of Vonage presence history: the stints begun in [from, to) (default: all until now). */
  history(query?: { from?: string; to?: string; agentId?: string }): { stints: Array<ReturnType<typeof stintView>> };
  state(vendor: VendorId): StateResult;
  agents(vendor: VendorId): AgentsResult;
  counters(): CountersSnapshot;
  resetCounters(): CountersSnapshot;
  reset(input?: ResetInput): ResetResult;
  /** Current configuration, after applying `patch` if given. */
  config(patch?: ConfigInput): ConfigView;
  addFault(spec: FaultSpecInput): Fault;
  faults(): Fault[];
  removeFault(id: string): boolean;
  clearFaults(): { removed: number };
  /** Vonage webhook subscriptions, secrets included, in creation order. */
  webhookSubscriptions(): WebhookSubscription[];
  /** Send one delivery of an agent's current presence now (optionally tampered) and report what the receiver answered. */
  deliverWebhook(input?: DeliverWebhookInput): Promise<DeliverWebhookResult>;
  /** Every delivery attempt (the last 10,000), oldest first. */
  webhookDeliveries(query?: WebhookDeliveriesQueryInput): WebhookDelivery[];
  /** Resolves when no queued delivery is pending (or after `timeoutMs`, default 10 s) with what is still pending. */
  webhooksIdle(input?: WebhookIdleInput): Promise<{ pending: number }>;
}

function notFound(message: string, field?: string): SimulatorInputError {
  return new SimulatorInputError(message, field, 404);
}

export function createControl(ctx: SimContext): SimulatorControl {
  const timeInfo = (): TimeInfo => {
    const now = ctx.clock.now();
    return {
      now: new Date(now).toISOString(),
      nowMs: now,
      paused: ctx.clock.paused,
      speed: ctx.clock.speed,
      startedAt: new Date(ctx.world.startTime).toISOString(),
    };
  };

  const recordOf = (agent: SimAgent): unknown => {
    const w = ctx.world;
    switch (agent.vendor) {
      case 'cirrus':
        return cirrusPresence(w, agent);
      case 'vonage':
        return vonageRecord(w, agent);
      case 'talkdesk':
        return talkdeskRecord(w, agent, `${ctx.url}/talkdesk`, ctx.config.talkdeskIncludeUserId);
    }
  };

  const findStatus = (vendor: VendorId, statusId: string): number => {
    const table = ctx.world.vendors[vendor].statuses;
    const wanted = vendor === 'cirrus' && /^\d+$/.test(statusId) ? String(BigInt(statusId)) : statusId.toLowerCase();
    const found = table.find((s) => s.id.toLowerCase() === wanted);
    if (!found) {
      throw new SimulatorInputError(
        `Invalid presence: field "statusId": unknown ${vendor} status "${statusId}" (known: ${table.map((s) => s.id).join(', ')})`,
        'statusId',
      );
    }
    return found.idx;
  };

  const control: SimulatorControl = {
    setPresence(input) {
      const body = parseInput(SetPresenceSchema, input, 'presence');
      syncWorld(ctx);
      const idKey = body.vendor === 'vonage' ? body.agentId.toLowerCase() : body.agentId;
      const agent = ctx.world.agent(body.vendor, idKey);
      if (!agent) throw notFound(`No ${body.vendor} agent "${body.agentId}" (see GET /_sim/agents?vendor=${body.vendor})`, 'agentId');
      const statusIdx = findStatus(body.vendor, body.statusId);
      if (body.vendor !== 'talkdesk' && (body.occupancy !== undefined || body.interactions !== undefined)) {
        throw new SimulatorInputError('Invalid presence: field "interactions": occupancy and interactions are Talkdesk only', 'interactions');
      }
      if (body.vendor !== 'cirrus' && body.onCall !== undefined) {
        throw new SimulatorInputError('Invalid presence: field "onCall": onCall is Cirrus only', 'onCall');
      }
      const entry = ctx.world.setStatus(agent, statusIdx, ctx.clock.now(), 'control', {
        ...(body.interactions !== undefined ? { interactions: body.interactions } : {}),
        ...(body.occupancy !== undefined ? { occupancy: body.occupancy } : {}),
        ...(body.onCall !== undefined ? { onCall: body.onCall } : {}),
        updatedBy: 'simulator-control',
      });
      return { changed: entry !== null, entry, record: recordOf(agent) };
    },

    time(input) {
      if (input === undefined) {
        syncWorld(ctx);
        return timeInfo();
      }
      const body = parseInput(TimeSchema, input, 'time');
      syncWorld(ctx);
      if (body.action === 'pause') ctx.clock.pause();
      else if (body.action === 'resume') ctx.clock.resume();
      else ctx.clock.advance(body.ms ?? 0);
      syncWorld(ctx);
      return timeInfo();
    },
    pause: () => control.time({ action: 'pause' }),
    resume: () => control.time({ action: 'resume' }),
    advance: (ms) => control.time({ action: 'advance', ms }),

    timeline(query) {
      const q = parseInput(TimelineQuerySchema, query ?? {}, 'timeline query');
      syncWorld(ctx);
      if (q.agentId !== undefined) {
        const vendors: VendorId[] = q.vendor ? [q.vendor] : ['cirrus', 'vonage', 'talkdesk'];
        if (!vendors.some((v) => ctx.world.agent(v, q.agentId!))) throw notFound(`No agent "${q.agentId}"`, 'agentId');
      }
      return ctx.world.timelinePage(q);
    },

    history(query) {
      const now = syncWorld(ctx);
      const time = (v: string | undefined, field: string, fallback: number) => {
        if (v === undefined || v === '') return fallback;
        const ms = Date.parse(v);
        if (Number.isNaN(ms)) throw new SimulatorInputError(`Invalid ${field}: expected an ISO date-time`, field);
        return ms;
      };
      const from = time(query?.from, 'from', 0);
      const to = time(query?.to, 'to', now + 1);
      const agentId = query?.agentId || undefined;
      if (agentId !== undefined && !ctx.world.agent('vonage', agentId.toLowerCase())) throw notFound(`No agent "${agentId}"`, 'agentId');
      return { stints: vonageStints(ctx.world, from, to, agentId?.toLowerCase()).map(stintView) };
    },

    state(vendor) {
      const { vendor: v } = parseInput(VendorQuerySchema, { vendor }, 'state query');
      syncWorld(ctx);
      const w = ctx.world;
      const agents = w.vendors[v].agents.map((agent): AgentState => {
        const status = w.status(v, agent.statusIdx);
        const state: AgentState = {
          agentId: agent.id,
          statusId: status.id,
          statusName: status.name,
          category: status.category,
          since: new Date(agent.since).toISOString(),
          phase: agent.phase,
          nextChangeAt: new Date(agent.nextAt).toISOString(),
          record: recordOf(agent),
        };
        if (v === 'cirrus') state.faceToFaceStatus = cirrusStats(w, agent).FaceToFaceStatus;
        return state;
      });
      return { vendor: v, at: new Date(ctx.clock.now()).toISOString(), agents };
    },

    agents(vendor) {
      const { vendor: v } = parseInput(VendorQuerySchema, { vendor }, 'agents query');
      const vw = ctx.world.vendors[v];
      return {
        vendor: v,
        agentIds: vw.agents.map((a) => a.id),
        users: vw.users.map((u) => ({ id: u.id, kind: u.kind, name: u.name })),
      };
    },

    counters: () => ({ ...ctx.counters.snapshot(), webhooks: ctx.webhooks.counters() }),
    resetCounters() {
      ctx.counters.reset();
      ctx.webhooks.resetCounters();
      return control.counters();
    },

    reset(input) {
      const body = parseInput(ResetSchema, input ?? {}, 'reset');
      const d = ctx.worldDefaults;
      if (body.seed !== undefined) d.seed = body.seed;
      if (body.agents !== undefined) d.agents = body.agents;
      if (body.startTime !== undefined) {
        d.startTime = typeof body.startTime === 'number' ? body.startTime : Date.parse(body.startTime);
      }
      const startTime = d.startTime ?? (d.autoplay ? Date.now() : DEFAULT_START_TIME);
      ctx.world = new World({ seed: d.seed, agents: d.agents, startTime, ...(d.timelineCap ? { timelineCap: d.timelineCap } : {}) });
      ctx.clock = new VirtualClock(startTime, { running: d.autoplay, speed: d.speed });
      ctx.webhooks.reset();
      attachWorld(ctx);
      ctx.faults.reset(d.seed);
      ctx.counters.reset();
      ctx.tokens.clear();
      return { seed: d.seed, agents: d.agents, time: timeInfo() };
    },

    config(patch) {
      if (patch !== undefined) {
        const body = parseInput(ConfigSchema, patch, 'config');
        if (body.latencyMs !== undefined) ctx.config.latencyMs = body.latencyMs;
        if (body.talkdeskIncludeUserId !== undefined) ctx.config.talkdeskIncludeUserId = body.talkdeskIncludeUserId;
        if (body.vonageHistoryPageSize !== undefined) ctx.config.vonageHistoryPageSize = body.vonageHistoryPageSize;
        if (body.speed !== undefined) {
          ctx.clock.setSpeed(body.speed);
          ctx.worldDefaults.speed = body.speed;
        }
      }
      return { ...ctx.config, speed: ctx.clock.speed };
    },

    addFault: (spec) => ctx.faults.add(spec),
    faults: () => ctx.faults.list(),
    removeFault: (id) => ctx.faults.remove(id),
    clearFaults: () => ({ removed: ctx.faults.clear() }),

    webhookSubscriptions: () => ctx.webhooks.listWithSecrets(),
    async deliverWebhook(input) {
      const body = parseInput(DeliverWebhookSchema, input ?? {}, 'webhook delivery');
      return ctx.webhooks.deliver(body);
    },
    webhookDeliveries(query) {
      const q = parseInput(WebhookDeliveriesQuerySchema, query ?? {}, 'webhook deliveries query');
      return ctx.webhooks.deliveries(q);
    },
    async webhooksIdle(input) {
      const body = parseInput(WebhookIdleSchema, input ?? {}, 'webhooks idle');
      return ctx.webhooks.idle(body.timeoutMs);
    },
  };
  return control;
}

/** Start of the world when the clock does not follow wall time (in-process default): Monday 2025-01-06 09:00 UTC. */
export const DEFAULT_START_TIME = Date.UTC(2025, 0, 6, 9, 0, 0);

// ------------------------------------------------------------------ HTTP mapping

export interface ControlResponse {
  status: number;
  body: unknown;
}

const ROUTES = [
  'GET    /_sim                      this list',
  'GET    /_sim/health               {ok: true}',
  'POST   /_sim/presence             {vendor, agentId, statusId, occupancy?, interactions?, onCall?}',
  'GET    /_sim/time                 virtual clock',
  'POST   /_sim/time                 {action: pause|resume|advance, ms?}',
  'GET    /_sim/timeline             ?vendor=&agentId=&sinceSeq=&limit=',
  'GET    /_sim/history              ?from=&to=&agentId=  Vonage presence stints (ground truth)',
  'GET    /_sim/state                ?vendor=',
  'GET    /_sim/agents               ?vendor=',
  'GET    /_sim/counters',
  'POST   /_sim/counters/reset',
  'POST   /_sim/reset                {agents?, seed?, startTime?}',
  'GET    /_sim/config',
  'POST   /_sim/config               {latencyMs?, talkdeskIncludeUserId?, vonageHistoryPageSize?, speed?}',
  'GET    /_sim/faults',
  'POST   /_sim/faults               {vendor, endpoint, kind, rate? | count?, ...}',
  'DELETE /_sim/faults               remove all',
  'DELETE /_sim/faults/{id}          remove one',
  'GET    /_sim/webhooks/subscriptions   Vonage webhook subscriptions, with secrets',
  'POST   /_sim/webhooks/deliver     {subscriptionId?, agentId?, tamper?: none|unsigned|bad-signature|payload|expired|replay|wrong-alg}',
  'GET    /_sim/webhooks/deliveries  ?subscriptionId=&agentId=  every delivery attempt',
  'POST   /_sim/webhooks/idle        {timeoutMs?}  wait until no delivery is pending',
];

function queryObject(query: URLSearchParams): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of query) out[k] = v;
  return out;
}

/** Route one control request. `body` is the parsed JSON body (undefined when empty). */
export function handleControl(
  control: SimulatorControl,
  method: string,
  path: string,
  query: URLSearchParams,
  body: unknown,
): ControlResponse | Promise<ControlResponse> {
  const ok = (b: unknown, status = 200): ControlResponse => ({ status, body: b });
  const route = `${method} ${path.replace(/\/+$/, '') || '/'}`;
  switch (route) {
    case 'GET /_sim':
      return ok({ endpoints: ROUTES });
    case 'GET /_sim/health':
      return ok({ ok: true });
    case 'POST /_sim/presence':
      return ok(control.setPresence(body as SetPresenceInput));
    case 'GET /_sim/time':
      return ok(control.time());
    case 'POST /_sim/time':
      return ok(control.time((body ?? {}) as TimeInput));
    case 'GET /_sim/timeline':
      return ok(control.timeline(queryObject(query) as TimelineQueryInput));
    case 'GET /_sim/history':
      return ok(control.history(queryObject(query)));
    case 'GET /_sim/state':
      return ok(control.state(requireVendor(query)));
    case 'GET /_sim/agents':
      return ok(control.agents(requireVendor(query)));
    case 'GET /_sim/counters':
      return ok(control.counters());
    case 'POST /_sim/counters/reset':
      return ok(control.resetCounters());
    case 'POST /_sim/reset':
      return ok(control.reset((body ?? {}) as ResetInput));
    case 'GET /_sim/config':
      return ok(control.config());
    case 'POST /_sim/config':
      return ok(control.config((body ?? {}) as ConfigInput));
    case 'GET /_sim/faults':
      return ok({ faults: control.faults() });
    case 'POST /_sim/faults':
      return ok(control.addFault((body ?? {}) as FaultSpecInput), 201);
    case 'DELETE /_sim/faults':
      return ok(control.clearFaults());
    case 'GET /_sim/webhooks/subscriptions':
      return ok({ subscriptions: control.webhookSubscriptions() });
    case 'POST /_sim/webhooks/deliver':
      return control.deliverWebhook((body ?? {}) as DeliverWebhookInput).then((r) => ok(r));
    case 'GET /_sim/webhooks/deliveries':
      return ok(control.webhookDeliveries(queryObject(query) as WebhookDeliveriesQueryInput));
    case 'POST /_sim/webhooks/idle':
      return control.webhooksIdle((body ?? {}) as WebhookIdleInput).then((r) => ok(r));
  }
  const one = /^\/_sim\/faults\/([^/]+)$/.exec(path);
  if (one && method === 'DELETE') {
    if (!control.removeFault(decodeURIComponent(one[1]!))) throw notFound(`No fault "${one[1]}"`, 'id');
    return ok({ removed: 1 });
  }
  const known = ROUTES.some((r) => r.split(/\s+/)[1] === path.replace(/\/+$/, ''));
  return {
    status: known ? 405 : 404,
    body: { error: known ? `${method} not allowed on ${path}` : `No control endpoint ${method} ${path} (see GET /_sim)` },
  };
}

function requireVendor(query: URLSearchParams): VendorId {
  const parsed = parseInput(VendorQuerySchema, queryObject(query), 'query');
  return parsed.vendor;
}
