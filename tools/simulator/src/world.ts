/**
 * The simulated world: seeded users and agents per vendor, their current presence,
 * the schedule of their next changes (an indexed min-heap, so 150,000 agents stay
 * cheap) and the ground-truth timeline.
 */
import { ScheduleHeap } from './heap';
import { FIRST_NAMES, LAST_NAMES, TEAMS } from './people';
import { Rng, hash32, hashUuid } from './random';
import { agentRandom, initialPhase, nextPhase, phaseDuration, startShift } from './scenario';
import { Timeline, type TimelinePage, type TimelineQuery } from './timeline';
import { isAgent, type ChangeSource, type Interaction, type Phase, type SimAgent, type SimUser, type TimelineEntry, type UserKind, type VendorId } from './types';
import type { StatusBase } from './vendor';
import { VENDORS, vendorOf } from './vendors/registry';

export const MAX_AGENTS = 50_000;

export interface WorldOptions {
  seed: number;
  /** Agents per vendor. */
  agents: number;
  /** Virtual epoch ms at which the world starts. */
  startTime: number;
  timelineCap?: number;
}

export interface VendorWorld {
  vendor: VendorId;
  /** Agents in generation order (agent.index). */
  agents: SimAgent[];
  /** Every user (agents and non-agents), in listing order (sorted by id; computed on first use). */
  readonly users: SimUser[];
  byId: Map<string, SimUser>;
  statuses: readonly StatusBase[];
}

export interface PresenceExtras {
  /** Vendors showing interactions: ongoing interactions (a number makes that many default ones). */
  interactions?: Array<Omit<Interaction, 'id'> & { id?: string | undefined; device_id?: string | undefined }> | number;
  /** Vendors showing interactions: occupancy; defaults to the interactions' total cost (max 100). */
  occupancy?: number;
  /** Vendors showing a call flag: on a call. */
  onCall?: boolean;
  /** Who made the change. */
  updatedBy?: string;
}

export { isAgent };

function extraCount(n: number, share: number): number {
  return Math.max(2, Math.round(n * share));
}

function compareIds(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Agents are class instances so that 150,000 of them share one hidden class. */
class Agent implements SimAgent {
  readonly kind = 'agent' as const;
  statusIdx = 0;
  since: number;
  onCall = false;
  occupancy = 0;
  interactions: Interaction[] = [];
  updatedBy: string;
  changeCount = 0;
  phase: Phase = 'offline';
  nextAt: number;
  shiftStart = 0;
  shiftEnd = 0;
  lunchTaken = false;
  heapIndex = -1;

  constructor(
    readonly vendor: VendorId,
    readonly id: string,
    readonly index: number,
    readonly order: number,
    readonly firstName: string,
    readonly lastName: string,
    readonly name: string,
    readonly email: string,
    readonly userName: string,
    readonly teamId: number,
    readonly teamName: string,
    public rngState: number,
    start: number,
  ) {
    this.since = start;
    this.nextAt = start;
    this.updatedBy = id;
  }
}

class VendorUsers implements VendorWorld {
  private sorted: SimUser[] | undefined;

  constructor(
    readonly vendor: VendorId,
    readonly agents: SimAgent[],
    private readonly all: SimUser[],
    readonly byId: Map<string, SimUser>,
    readonly statuses: readonly StatusBase[],
  ) {}

  get users(): SimUser[] {
    const compare = vendorOf(this.vendor).people.compareIds ?? compareIds;
    this.sorted ??= this.all.slice().sort((a, b) => compare(a.id, b.id));
    return this.sorted;
  }
}

export class World {
  readonly seed: number;
  readonly agentsPerVendor: number;
  readonly startTime: number;
  readonly vendors: Record<VendorId, VendorWorld>;
  readonly timeline: Timeline;
  private readonly heap = new ScheduleHeap<SimAgent>();
  private syncedTo: number;
  /** Called after every visible presence change (the moments that append a timeline entry). */
  onChange: ((agent: SimAgent, at: number, source: ChangeSource) => void) | undefined;
  /** What an agent shows when its own client shows `statusIdx` (a vendor's sessions may overlay it). */
  shows: ((agent: SimAgent, statusIdx: number, at: number) => number) | undefined;

  constructor(options: WorldOptions) {
    if (!Number.isInteger(options.agents) || options.agents < 1 || options.agents > MAX_AGENTS) {
      throw new RangeError(`agents must be an integer between 1 and ${MAX_AGENTS}`);
    }
    this.seed = options.seed >>> 0;
    this.agentsPerVendor = options.agents;
    this.startTime = options.startTime;
    this.syncedTo = options.startTime;
    this.timeline = new Timeline(options.timelineCap);
    const vendors = {} as Record<VendorId, VendorWorld>;
    const all: SimAgent[] = [];
    VENDORS.forEach((vendor, v) => {
      const vw = this.generate(vendor, v);
      vendors[vendor] = vw;
      for (const a of vw.agents) all.push(a);
    });
    this.vendors = vendors;
    this.heap.fill(all);
  }

  // ---------------------------------------------------------------- generation

  private generate(vendor: VendorId, vendorIdx: number): VendorWorld {
    const def = vendorOf(vendor);
    const n = this.agentsPerVendor;
    const rng = new Rng(hash32(this.seed, vendor, 'people'));
    const byId = new Map<string, SimUser>();
    const agents: SimAgent[] = [];
    const users: SimUser[] = [];
    const domain = def.people.domain;
    const nextId = def.people.ids(rng);

    const makeId = (i: number, kind: UserKind): string => {
      for (;;) {
        const id = nextId(i, kind);
        if (!byId.has(id)) return id;
      }
    };

    const person = (i: number, kind: UserKind) => {
      const id = makeId(i, kind);
      const firstName = rng.pick(FIRST_NAMES);
      const lastName = rng.pick(LAST_NAMES);
      const team = rng.pick(TEAMS);
      const tag = kind === 'agent' ? `${i + 1}` : `${kind.replace('-', '')}${i + 1}`;
      let userName = `${firstName}.${lastName}${tag}`.toLowerCase();
      if (userName.includes("'")) userName = userName.replace(/'/g, '');
      return { id, firstName, lastName, team, userName };
    };

    for (let i = 0; i < n; i++) {
      const p = person(i, 'agent');
      const agent = new Agent(
        vendor,
        p.id,
        i,
        vendorIdx * (MAX_AGENTS + 1) + i,
        p.firstName,
        p.lastName,
        `${p.firstName} ${p.lastName}`,
        `${p.userName}@${domain}`,
        p.userName,
        p.team.id,
        p.team.name,
        hash32(this.seed, vendorIdx, i),
        this.startTime,
      );
      initialPhase(agent, this.startTime);
      this.showPhase(agent, agent.phase, this.startTime);
      agents.push(agent);
      users.push(agent);
      byId.set(agent.id, agent);
    }
    for (const [kind, share] of def.people.others) {
      const count = extraCount(n, share);
      for (let i = 0; i < count; i++) {
        const p = person(i, kind);
        const user: SimUser = {
          vendor,
          id: p.id,
          kind,
          firstName: p.firstName,
          lastName: p.lastName,
          name: `${p.firstName} ${p.lastName}`,
          email: `${p.userName}@${domain}`,
          userName: p.userName,
          teamId: p.team.id,
          teamName: p.team.name,
        };
        users.push(user);
        byId.set(user.id, user);
      }
    }
    return new VendorUsers(vendor, agents, users, byId, def.statuses);
  }

  // ---------------------------------------------------------------- derived ids

  /** A presence event id: changes with every visible presence change. */
  eventId(agent: SimAgent): string {
    return hashUuid(this.seed, agent.vendor, 'event', agent.index, agent.changeCount);
  }

  /** The softphone device id of an agent. */
  deviceId(agent: SimAgent): string {
    return hashUuid(this.seed, agent.vendor, 'device', agent.index);
  }

  // ---------------------------------------------------------------- presence

  /** Set the vendor-visible fields for a phase chosen by the scenario. */
  private showPhase(agent: SimAgent, phase: Phase, at: number): void {
    const def = vendorOf(agent.vendor);
    const own = def.phaseStatus[phase];
    agent.statusIdx = this.shows === undefined ? own : this.shows(agent, own, at);
    agent.onCall = def.calls === 'flag' && phase === 'call';
    if (def.calls === 'interactions' && phase === 'call') {
      const id = hashUuid(this.seed, 'interaction', agent.index, agent.changeCount);
      const interaction: Interaction =
        agentRandom(agent) < 0.25
          ? { id, channel_name: 'chat', cost: 50 }
          : { id, channel_name: 'voice', device_id: this.deviceId(agent), cost: 100 };
      agent.interactions = [interaction];
      agent.occupancy = interaction.cost;
    } else if (agent.interactions.length > 0 || agent.occupancy !== 0) {
      agent.interactions = [];
      agent.occupancy = 0;
    }
  }

  /**
   * Record a change just made to the agent, if anything vendor-visible changed
   * (a vendor whose calls are hidden shows no call start or end). Returns the seq or 0.
   */
  private commit(
    agent: SimAgent,
    prev: { statusIdx: number; onCall: boolean; occupancy: number; interactions: Interaction[] },
    at: number,
    source: ChangeSource,
    updatedBy: string,
  ): number {
    const same =
      prev.statusIdx === agent.statusIdx &&
      prev.onCall === agent.onCall &&
      prev.occupancy === agent.occupancy &&
      sameInteractions(prev.interactions, agent.interactions);
    if (same) return 0;
    agent.since = at;
    agent.changeCount++;
    agent.updatedBy = updatedBy;
    const seq = this.timeline.push({
      vendor: agent.vendor,
      agentIndex: agent.index,
      at,
      statusIdx: agent.statusIdx,
      occupancy: agent.occupancy,
      interactions: agent.interactions.length,
      source,
    });
    if (this.onChange !== undefined) this.onChange(agent, at, source);
    return seq;
  }

  private entryFor(agent: SimAgent, seq: number, at: number, source: ChangeSource): TimelineEntry {
    const status = this.status(agent.vendor, agent.statusIdx);
    const entry: TimelineEntry = {
      seq,
      vendor: agent.vendor,
      agentId: agent.id,
      at: new Date(at).toISOString(),
      statusId: status.id,
      statusName: status.name,
      category: status.category,
      source,
    };
    if (vendorOf(agent.vendor).calls === 'interactions') {
      entry.occupancy = agent.occupancy;
      entry.interactions = agent.interactions.length;
    }
    return entry;
  }

  /** Apply every scheduled change due at or before `t`, in time order. Returns how many were applied. */
  sync(t: number): number {
    let applied = 0;
    const prev = { statusIdx: 0, onCall: false, occupancy: 0, interactions: [] as Interaction[] };
    for (;;) {
      const agent = this.heap.peek();
      if (!agent || agent.nextAt > t) break;
      const at = agent.nextAt;
      prev.statusIdx = agent.statusIdx;
      prev.onCall = agent.onCall;
      prev.occupancy = agent.occupancy;
      prev.interactions = agent.interactions;
      const phase = nextPhase(agent, vendorOf(agent.vendor).rarePhase, at);
      agent.phase = phase;
      this.showPhase(agent, phase, at);
      this.commit(agent, prev, at, 'scenario', agent.id);
      agent.nextAt = at + phaseDuration(agent, phase);
      this.heap.update(agent);
      applied++;
    }
    if (t > this.syncedTo) this.syncedTo = t;
    return applied;
  }

  /** Time up to which the world has been brought. */
  get now(): number {
    return this.syncedTo;
  }

  /**
   * Set an agent's presence from outside the scenario (control API or a vendor set
   * call) at time `t`. Returns the timeline entry, or null when nothing visible changed.
   */
  setStatus(agent: SimAgent, statusIdx: number, t: number, source: ChangeSource, extras: PresenceExtras = {}): TimelineEntry | null {
    const status = this.status(agent.vendor, statusIdx);
    const calls = vendorOf(agent.vendor).calls;
    const prev = { statusIdx: agent.statusIdx, onCall: agent.onCall, occupancy: agent.occupancy, interactions: agent.interactions };
    const wasOffline = agent.phase === 'offline';
    agent.statusIdx = this.shows === undefined ? statusIdx : this.shows(agent, statusIdx, t);
    agent.onCall = calls === 'flag' ? (extras.onCall ?? false) : false;
    if (calls === 'interactions' && status.phase !== 'offline') {
      agent.interactions = this.makeInteractions(agent, extras.interactions);
      const cost = agent.interactions.reduce((sum, i) => sum + i.cost, 0);
      agent.occupancy = extras.occupancy ?? Math.min(100, cost);
    } else {
      agent.interactions = [];
      agent.occupancy = 0;
    }
    let phase: Phase = status.phase;
    if (agent.onCall || (status.phase === 'ready' && (agent.interactions.length > 0 || agent.occupancy > 0))) phase = 'call';
    const seq = this.commit(agent, prev, t, source, extras.updatedBy ?? agent.id);
    if (seq === 0) {
      agent.interactions = prev.interactions; // keep ids stable on a no-op
      return null;
    }
    if (wasOffline && phase !== 'offline') startShift(agent, t);
    agent.phase = phase;
    agent.nextAt = t + phaseDuration(agent, phase);
    this.heap.update(agent);
    return this.entryFor(agent, seq, t, source);
  }

  /**
   * Show another status without changing what the agent does (a vendor's own sessions changed
   * what it shows): a timeline entry and the change hooks, but no new phase or schedule.
   * Returns the entry, or null when nothing visible changed.
   */
  reshow(agent: SimAgent, statusIdx: number, t: number, source: ChangeSource, updatedBy = agent.updatedBy): TimelineEntry | null {
    const prev = { statusIdx: agent.statusIdx, onCall: agent.onCall, occupancy: agent.occupancy, interactions: agent.interactions };
    agent.statusIdx = statusIdx;
    const seq = this.commit(agent, prev, t, source, updatedBy);
    return seq === 0 ? null : this.entryFor(agent, seq, t, source);
  }

  private makeInteractions(agent: SimAgent, input: PresenceExtras['interactions']): Interaction[] {
    if (input === undefined) return [];
    if (typeof input !== 'number') {
      return input.map((i, k) => ({
        id: i.id ?? hashUuid(this.seed, 'interaction', agent.index, agent.changeCount, k),
        channel_name: i.channel_name,
        ...(i.device_id !== undefined ? { device_id: i.device_id } : {}),
        cost: i.cost,
      }));
    }
    const list: Interaction[] = [];
    for (let k = 0; k < input; k++) {
      const id = hashUuid(this.seed, 'interaction', agent.index, agent.changeCount, k);
      list.push(
        k === 0
          ? { id, channel_name: 'voice', device_id: this.deviceId(agent), cost: 100 }
          : { id, channel_name: 'chat', cost: 50 },
      );
    }
    return list;
  }

  // ---------------------------------------------------------------- lookups

  user(vendor: VendorId, id: string): SimUser | undefined {
    return this.vendors[vendor].byId.get(id);
  }

  agent(vendor: VendorId, id: string): SimAgent | undefined {
    const user = this.user(vendor, id);
    return isAgent(user) ? user : undefined;
  }

  status(vendor: VendorId, statusIdx: number): StatusBase {
    const s = this.vendors[vendor].statuses[statusIdx];
    if (!s) throw new RangeError(`unknown status index ${statusIdx}`);
    return s;
  }

  /** Timeline page; an agentId filter must name an existing agent. */
  timelinePage(query: TimelineQuery): TimelinePage {
    let agentIndex: number | undefined;
    let vendor = query.vendor;
    if (query.agentId !== undefined) {
      const candidates = vendor ? [vendor] : VENDORS;
      const found = candidates.map((v) => this.agent(v, query.agentId!)).find((a) => a !== undefined);
      if (!found) throw new RangeError(`unknown agent ${query.agentId}`);
      agentIndex = found.index;
      vendor = found.vendor;
    }
    return this.timeline.query({ ...query, vendor }, this.resolver, agentIndex);
  }

  private readonly resolver = {
    agentId: (vendor: VendorId, index: number) => this.vendors[vendor].agents[index]?.id ?? '',
    status: (vendor: VendorId, idx: number) => this.status(vendor, idx),
  };
}

function sameInteractions(a: Interaction[], b: Interaction[]): boolean {
  if (a === b) return true;
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) {
    const x = a[i]!;
    const y = b[i]!;
    if (x.id !== y.id || x.cost !== y.cost || x.channel_name !== y.channel_name || x.device_id !== y.device_id) return false;
  }
  return true;
}
