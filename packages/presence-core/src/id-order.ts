import type { AgentPresence } from './model';

const compare = (x: string, y: string) => (x < y ? -1 : x > y ? 1 : 0);

/** The presences' indices in ascending id order; stable, so an agent given twice keeps its order. */
export function sortedOrder(current: readonly AgentPresence[]): number[] {
  // The ids side by side, not behind each presence: the comparisons read no object.
  const ids = current.map((p) => p.agentId);
  return Array.from(ids.keys()).sort((a, b) => compare(ids[a]!, ids[b]!));
}

function isStrictlyAscending(ids: readonly unknown[]): ids is readonly string[] {
  for (let i = 0; i < ids.length; i++) {
    const id = ids[i];
    if (typeof id !== 'string' || (i > 0 && !((ids[i - 1] as string) < id))) return false;
  }
  return true;
}

/**
 * "Is this agent in the roster?", asked in ascending id order. The trigger's roster is
 * sorted, so it is walked alongside, with no Set of every agent built on each poll; any
 * other roster is put in a Set on first use. Nothing is done until asked: a poll that
 * read every agent in the snapshot never asks. Plain data and a function, not a class:
 * see snapshot-status-rows.ts.
 */
export interface RosterLookup {
  readonly ids: readonly unknown[];
  set: Set<unknown> | undefined;
  sorted: boolean;
  at: number;
}

export function rosterLookup(ids: readonly unknown[]): RosterLookup {
  return { ids, set: undefined, sorted: false, at: 0 };
}

export function inRoster(roster: RosterLookup, agentId: string): boolean {
  if (!roster.sorted && roster.set === undefined) {
    if (isStrictlyAscending(roster.ids)) roster.sorted = true;
    else roster.set = new Set(roster.ids);
  }
  if (roster.set) return roster.set.has(agentId);
  const ids = roster.ids as readonly string[];
  while (roster.at < ids.length && ids[roster.at]! < agentId) roster.at++;
  return roster.at < ids.length && ids[roster.at] === agentId;
}
