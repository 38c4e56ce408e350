/**
 * What Teams keeps per simulator beyond the world: the app's granted permissions, each user's
 * presence sessions (the user's own Teams client, driven by the scenario; application sessions
 * set through setPresence) and preferred presence, and how they aggregate into what Graph shows.
 *
 * The world's `statusIdx` of a Teams agent is always the aggregate; the client session's pair is
 * kept here. Session time-outs and expiries run on the virtual clock.
 */
import type { SimContext } from '../../context';
import type { SimAgent } from '../../types';
import { AVAILABILITY_RANK, TEAMS_STATUSES, teamsStatusIdx, type Pair } from './catalog';
import { TEAMS_ROLES } from './oauth';

const MIN = 60_000;
/** An Available application session times out after 5 minutes without a refresh, and again 5 minutes later. */
export const SESSION_TIMEOUT_MS = 5 * MIN;
const FADED_ONCE = teamsStatusIdx('Available', 'AvailableInactive');
const FADED_TWICE = teamsStatusIdx('Away', 'Away');

export interface AppSession {
  sessionId: string;
  availability: string;
  activity: string;
  /** Virtual ms of the last setPresence (time-outs count from it). */
  setAt: number;
  expiresAt: number;
}

export interface PreferredPresence {
  availability: string;
  activity: string;
  setAt: number;
  expiresAt: number;
}

interface UserSessions {
  /** The user's own client's pair (status index), as the scenario or the control API set it. */
  client: number;
  apps: AppSession[];
  preferred: PreferredPresence | null;
  /** Virtual ms up to which time-outs and expiries were applied. */
  processed: number;
}

export class TeamsState {
  /** Application permissions granted to the demo app (tokens carry those at issue). */
  roles: string[] = [...TEAMS_ROLES];
  private users = new Map<SimAgent, UserSessions>();

  constructor(private readonly ctx: SimContext) {}

  private of(agent: SimAgent): UserSessions {
    let s = this.users.get(agent);
    if (!s) {
      s = { client: agent.statusIdx, apps: [], preferred: null, processed: this.ctx.clock.now() };
      this.users.set(agent, s);
    }
    return s;
  }

  /** The client pair of an agent (what its own Teams client shows). */
  client(agent: SimAgent): number {
    return this.users.get(agent)?.client ?? agent.statusIdx;
  }

  sessions(agent: SimAgent): { apps: AppSession[]; preferred: PreferredPresence | null } {
    const s = this.users.get(agent);
    return { apps: s ? s.apps.map((a) => ({ ...a })) : [], preferred: s?.preferred ? { ...s.preferred } : null };
  }

  /** The world's hook: the agent's client shows `clientIdx` at `at`; answer what Graph shows. */
  shows(agent: SimAgent, clientIdx: number, at: number): number {
    const s = this.users.get(agent);
    // nothing but the client (every other vendor, and most Teams users): it shows as it is
    if (!s) return clientIdx;
    s.client = clientIdx;
    return this.aggregate(s, at);
  }

  /** What Graph shows for these sessions at `at`. */
  private aggregate(s: UserSessions, at: number): number {
    const client = TEAMS_STATUSES[s.client]!;
    const live: number[] = [];
    if (client.availability !== 'Offline') live.push(s.client);
    for (const app of s.apps) {
      if (app.expiresAt <= at) continue;
      live.push(effective(app, at));
    }
    if (live.length === 0) return s.client; // no session: the client's offline pair
    if (s.preferred && s.preferred.expiresAt > at) return teamsStatusIdx(s.preferred.availability, s.preferred.activity);
    // highest availability wins; on a tie the later session (an app's) wins
    let best = live[0]!;
    for (const idx of live.slice(1)) {
      if (rank(idx) >= rank(best)) best = idx;
    }
    return best;
  }

  /** setPresence: create or refresh the app's session, then show the aggregate. */
  setSession(agent: SimAgent, session: Omit<AppSession, 'setAt'>, now: number): void {
    const s = this.of(agent);
    s.apps = s.apps.filter((a) => a.sessionId !== session.sessionId);
    s.apps.push({ ...session, setAt: now });
    this.show(agent, s, now);
  }

  /** clearPresence: false when the app has no session for the user. */
  clearSession(agent: SimAgent, sessionId: string, now: number): boolean {
    const s = this.users.get(agent);
    if (!s || !s.apps.some((a) => a.sessionId === sessionId && a.expiresAt > now)) return false;
    s.apps = s.apps.filter((a) => a.sessionId !== sessionId);
    this.show(agent, s, now);
    return true;
  }

  setPreferred(agent: SimAgent, preferred: Pair & { expiresAt: number }, now: number): void {
    const s = this.of(agent);
    s.preferred = { ...preferred, setAt: now };
    this.show(agent, s, now);
  }

  clearPreferred(agent: SimAgent, now: number): void {
    const s = this.users.get(agent);
    if (!s || !s.preferred) return;
    s.preferred = null;
    this.show(agent, s, now);
  }

  private show(agent: SimAgent, s: UserSessions, at: number): void {
    s.processed = Math.max(s.processed, at);
    this.ctx.world.reshow(agent, this.aggregate(s, at), at, 'api');
    if (s.apps.length === 0 && s.preferred === null) this.users.delete(agent);
  }

  /** Apply the time-outs and expiries due by `now`, each at its own time. */
  sync(now: number): void {
    for (const [agent, s] of this.users) {
      for (;;) {
        const t = nextEvent(s, s.processed);
        if (t === undefined || t > now) break;
        s.apps = s.apps.filter((a) => a.expiresAt > t);
        if (s.preferred && s.preferred.expiresAt <= t) s.preferred = null;
        s.processed = t;
        this.ctx.world.reshow(agent, this.aggregate(s, t), t, 'scenario');
      }
      if (s.apps.length === 0 && s.preferred === null) this.users.delete(agent);
    }
  }

  reset(): void {
    this.users.clear();
    this.roles = [...TEAMS_ROLES];
  }
}

function rank(idx: number): number {
  return AVAILABILITY_RANK[TEAMS_STATUSES[idx]!.availability] ?? 0;
}

/** An app session's pair at `at`: an Available one fades after each time-out. */
function effective(app: AppSession, at: number): number {
  if (app.availability === 'Available') {
    if (at >= app.setAt + 2 * SESSION_TIMEOUT_MS) return FADED_TWICE;
    if (at >= app.setAt + SESSION_TIMEOUT_MS) return FADED_ONCE;
  }
  return teamsStatusIdx(app.availability, app.activity);
}

/** The next moment after `after` at which these sessions change what they show. */
function nextEvent(s: UserSessions, after: number): number | undefined {
  let next: number | undefined;
  const consider = (t: number) => {
    if (t > after && (next === undefined || t < next)) next = t;
  };
  for (const app of s.apps) {
    consider(app.expiresAt);
    if (app.availability === 'Available') {
      consider(app.setAt + SESSION_TIMEOUT_MS);
      consider(app.setAt + 2 * SESSION_TIMEOUT_MS);
    }
  }
  if (s.preferred) consider(s.preferred.expiresAt);
  return next;
}

const states = new WeakMap<SimContext, TeamsState>();

/** The Teams state of a simulator (made at start by the Teams extension). */
export function teamsStateOf(ctx: SimContext): TeamsState {
  let state = states.get(ctx);
  if (!state) {
    state = new TeamsState(ctx);
    states.set(ctx, state);
  }
  return state;
}
