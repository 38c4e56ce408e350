// The soak's verdict, per agent: the transitions the trigger emitted must be exactly
// the transitions of the ground truth sampled at the instants the trigger
// successfully observed the agent (consecutive duplicates removed).
//
// Changes that happen and revert between two observations are invisible by design;
// a failed poll is not an observation (it must store nothing), so what it would have
// reported has to come with a later observation.

export interface Observation {
  /** Index of the poll that read the agent successfully (the poll itself succeeded). */
  poll: number;
  /** Ground truth at that poll's instant: status id and common state. */
  key: string;
}

export interface Emission {
  poll: number;
  event: 'changed' | 'appeared' | 'disappeared';
  /** previous status id / state; null for appeared. */
  from: string | null;
  /** current status id / state; null for disappeared. */
  to: string | null;
}

export interface Transition {
  poll: number;
  from: string;
  to: string;
}

export interface AgentVerdict {
  expected: Transition[];
  /** Expected transitions never emitted. */
  missed: Transition[];
  /** Emitted transitions that repeat one already emitted. */
  duplicated: Emission[];
  /** Emitted events that match nothing in the ground truth (including appeared/disappeared of agents that never came or went). */
  spurious: Emission[];
  /** Emitted in the right order but at another poll than the observation that revealed them (a diagnostic, not an error). */
  late: Transition[];
}

/** Ground truth at the successful observations, with consecutive repeats removed, as transitions. */
export function expectedTransitions(observations: readonly Observation[]): Transition[] {
  const out: Transition[] = [];
  let last: string | undefined;
  for (const o of observations) {
    if (last !== undefined && o.key !== last) out.push({ poll: o.poll, from: last, to: o.key });
    last = o.key;
  }
  return out;
}

const same = (a: { from: string | null; to: string | null }, b: { from: string | null; to: string | null }) => a.from === b.from && a.to === b.to;

/**
 * Longest common subsequence of two transition lists compared on (from, to):
 * the pairs of indexes it aligns.
 */
function align(a: readonly Transition[], b: readonly Emission[]): Array<[number, number]> {
  const n = a.length;
  const m = b.length;
  const table: number[][] = Array.from({ length: n + 1 }, () => new Array<number>(m + 1).fill(0));
  for (let i = n - 1; i >= 0; i--) {
    for (let j = m - 1; j >= 0; j--) {
      table[i]![j] = same(a[i]!, b[j]!) ? table[i + 1]![j + 1]! + 1 : Math.max(table[i + 1]![j]!, table[i]![j + 1]!);
    }
  }
  const pairs: Array<[number, number]> = [];
  for (let i = 0, j = 0; i < n && j < m; ) {
    if (same(a[i]!, b[j]!)) {
      pairs.push([i, j]);
      i++;
      j++;
    } else if (table[i + 1]![j]! >= table[i]![j + 1]!) i++;
    else j++;
  }
  return pairs;
}

export function checkAgent(observations: readonly Observation[], emissions: readonly Emission[]): AgentVerdict {
  const expected = expectedTransitions(observations);
  const changes = emissions.filter((e) => e.event === 'changed');
  const verdict: AgentVerdict = { expected, missed: [], duplicated: [], spurious: [], late: [] };
  // The roster never changes in a soak: every appeared / disappeared is a false alarm.
  verdict.spurious.push(...emissions.filter((e) => e.event !== 'changed'));

  // First, transitions emitted exactly at the poll whose observation revealed them.
  const usedE = new Set<number>();
  const usedR = new Set<number>();
  expected.forEach((t, i) => {
    const j = changes.findIndex((r, k) => !usedR.has(k) && r.poll === t.poll && same(r, t));
    if (j >= 0) {
      usedE.add(i);
      usedR.add(j);
    }
  });
  // Then, whatever is left, aligned in order whatever the poll.
  const restE = expected.map((t, i) => ({ t, i })).filter(({ i }) => !usedE.has(i));
  const restR = changes.map((r, k) => ({ r, k })).filter(({ k }) => !usedR.has(k));
  const pairs = align(
    restE.map(({ t }) => t),
    restR.map(({ r }) => r),
  );
  for (const [a, b] of pairs) {
    usedE.add(restE[a]!.i);
    usedR.add(restR[b]!.k);
    verdict.late.push(restE[a]!.t);
  }
  expected.forEach((t, i) => {
    if (!usedE.has(i)) verdict.missed.push(t);
  });
  changes.forEach((r, k) => {
    if (usedR.has(k)) return;
    const repeat = changes.slice(0, k).some((earlier) => same(earlier, r));
    (repeat ? verdict.duplicated : verdict.spurious).push(r);
  });
  return verdict;
}
