import type { Clock } from './http/transport';
import type { AgentPresence, AgentSummary, PresenceChange } from './model';

/**
 * The agents of one account as its user list gives them (names, emails, teams), kept between
 * calls: a presence record carries no name, and reading the list for each agent would be one
 * more request per agent. The list is read again when it is old, or (at most every
 * `missRefreshMs`) when it lacks an agent asked for. Agents the list no longer has are kept a
 * while, so that a change reporting them gone still names them.
 */
export interface AgentDirectory {
  /** A user list just read (a trigger's sweep reads it anyway): it replaces the one kept. */
  learn(agents: readonly AgentSummary[]): void;
  /** The agent, from the list kept (or from those it listed before); ids compared ignoring case. */
  get(agentId: string): AgentSummary | undefined;
  /** Reads the list through `list` when the one kept is old or lacks one of `agentIds`; calls at the same time share one read. */
  ensure(agentIds: readonly string[], list: () => Promise<AgentSummary[]>): Promise<void>;
}

export interface AgentDirectoryOptions {
  now?: Clock;
  /** A list older than this is read again before use. Default 5 minutes. */
  maxAgeMs?: number;
  /** An agent missing from the list makes it be read again, at most this often. Default 30 s. */
  missRefreshMs?: number;
  /** Most agents kept after the list stops naming them. Default 10,000. */
  maxDeparted?: number;
}

export function createAgentDirectory(options: AgentDirectoryOptions = {}): AgentDirectory {
  const now = options.now ?? (() => Date.now());
  const maxAgeMs = options.maxAgeMs ?? 5 * 60_000;
  const missRefreshMs = options.missRefreshMs ?? 30_000;
  const maxDeparted = options.maxDeparted ?? 10_000;
  // Vonage ids are GUIDs, which the vendor compares ignoring case.
  const key = (agentId: string) => agentId.toLowerCase();
  let agents = new Map<string, AgentSummary>();
  const departed = new Map<string, AgentSummary>();
  let readAt = Number.NEGATIVE_INFINITY;
  let pending: Promise<void> | undefined;

  function learn(list: readonly AgentSummary[]): void {
    const next = new Map<string, AgentSummary>();
    for (const agent of list) next.set(key(agent.agentId), agent);
    for (const [k, agent] of agents) {
      if (next.has(k)) continue;
      departed.delete(k);
      departed.set(k, agent);
    }
    for (const k of next.keys()) departed.delete(k);
    for (const k of departed.keys()) {
      if (departed.size <= maxDeparted) break;
      departed.delete(k);
    }
    agents = next;
    readAt = now();
  }

  return {
    learn,
    get: (agentId) => {
      const k = key(agentId);
      return agents.get(k) ?? departed.get(k);
    },
    async ensure(agentIds, list) {
      const age = now() - readAt;
      const stale = age > maxAgeMs || (age > missRefreshMs && agentIds.some((id) => !agents.has(key(id))));
      if (!stale) return;
      pending ??= list()
        .then(learn)
        .finally(() => {
          pending = undefined;
        });
      await pending;
    },
  };
}

type Lookup = (agentId: string) => Pick<AgentSummary, 'name' | 'email'> | undefined;

/** Sets each presence's name and email from `lookup` (null for an agent it does not know); the presences themselves, changed. */
export function nameAgents<T extends AgentPresence>(presences: T[], lookup: Lookup): T[] {
  for (const presence of presences) {
    const agent = lookup(presence.agentId);
    presence.name = agent?.name ?? null;
    presence.email = agent?.email ?? null;
  }
  return presences;
}

/** Sets each change's name and email, and its current presence's, from `lookup`; the changes themselves, changed. */
export function nameChanges(changes: PresenceChange[], lookup: Lookup): PresenceChange[] {
  for (const change of changes) {
    const agent = lookup(change.agentId);
    change.name = agent?.name ?? change.current?.name ?? null;
    change.email = agent?.email ?? change.current?.email ?? null;
    if (change.current) {
      change.current.name = change.name;
      change.current.email = change.email;
    }
  }
  return changes;
}
