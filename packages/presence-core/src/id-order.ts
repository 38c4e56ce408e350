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
 * read every agent in the snapshot never asks.
 */
export class RosterLookup {
  private set: Set<unknown> | undefined;
  private sorted = false;
  private at = 0;

  constructor(private readonly ids: readonly unknown[]) {}

  has(agentId: string): boolean {
    if (!this.sorted && this.set === undefined) {
      if (isStrictlyAscending(this.ids)) this.sorted = true;
      else this.set = new Set(this.ids);
    }
    if (this.set) return this.set.has(agentId);
    const ids = this.ids as readonly string[];
    while (this.at < ids.length && ids[this.at]! < agentId) this.at++;
    return this.at < ids.length && ids[this.at] === agentId;
  }
}
