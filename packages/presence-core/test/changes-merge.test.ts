// detectChanges over v2 columns (a merge in id order) against v1's Map-based algorithm,
// over many generated polls: any order, repeats, partial polls, rosters of every kind,
// snapshots in memory, through JSON, and in v1.
import { detectChanges, InputError, type AgentPresence, type PresenceSnapshot, type PresenceState, type VendorId } from '../src';
import { PresenceSnapshotSchema, retainAgents } from '../src/trigger';
import { decode, encodeV1, referenceDetect, type Decoded } from './helpers/reference-changes';
import { seededRandom } from './helpers/seeded-random';

const T0 = Date.parse('2026-03-01T09:00:00.000Z');
const statuses: Array<[PresenceState, string | null, string | null, string | null]> = [
  ['available', '1', 'Active', 'Active'],
  ['busy', '2', 'Busy', 'Busy'],
  ['away', '14', 'Lunch', 'Away'],
  ['away', '14', 'Lunch', 'Busy'],
  ['away', '15', 'Lunch', 'Away'],
  ['busy', '14', 'Lunch', 'Away'],
  ['unknown', null, null, null],
  ['offline', 'off', null, 'LoggedOut'],
];
// Digit strings of several lengths (their order as strings is not as numbers), GUID-like, non-ASCII.
const pool = ['1', '10', '100', '2', '20', '9', '9223372036854775807', '0', 'a', 'b', 'B', 'é', 'ü1', 'daab05ec-ba50-45af-a6fd-3b01cdc6f39b', 'c07da2cc', '5c6f2a1b9e8d7c0087654321', ''];

function scenario(seed: number) {
  const rnd = seededRandom(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)]!;
  const vendor: VendorId = pick(['cirrus', 'vonage', 'talkdesk'] as const);
  const sinceOf = (minute: number): string | null => {
    const r = rnd();
    if (r < 0.4) return null;
    if (r < 0.8) return new Date(T0 + (minute - Math.floor(rnd() * 600)) * 60_000 - Math.floor(rnd() * 1000)).toISOString();
    return pick(['not a time', '2026-02-30T10:00:00.000Z', '2026-03-01T09:00:00Z', '2026-03-01T09:00:00.5Z', '2026-03-01T09:00:00+01:00', '1999-12-31T23:59:59.999Z']);
  };
  const presences = (minute: number): AgentPresence[] => {
    const agents = pool.filter(() => rnd() < 0.6);
    const list = agents.map((agentId): AgentPresence => {
      const [state, id, name, category] = pick(statuses);
      const since = sinceOf(minute);
      return { vendor, agentId, name: null, email: null, state, status: { id, name, category }, since, sinceSource: since === null ? null : 'vendor', activity: null };
    });
    const r = rnd();
    if (r < 0.45) list.sort((a, b) => (a.agentId < b.agentId ? -1 : a.agentId > b.agentId ? 1 : 0));
    else if (r < 0.8) list.sort(() => rnd() - 0.5);
    // Else as the pool lists them; sometimes an agent twice.
    if (list.length > 0 && rnd() < 0.15) list.splice(Math.floor(rnd() * list.length), 0, { ...pick(list), state: pick(statuses)[0] });
    return list;
  };
  const rosterOf = (): Iterable<string> | undefined => {
    const r = rnd();
    if (r < 0.3) return undefined;
    const ids = pool.filter(() => rnd() < 0.8);
    if (r < 0.6) return ids.sort();
    if (r < 0.7) return new Set(ids);
    if (r < 0.8) return (function* () { yield* ids; })();
    return ids.sort(() => rnd() - 0.5);
  };
  return { rnd, pick, vendor, presences, rosterOf };
}

/** What the reference keeps as previous, given what detectChanges is given. */
function asPrior(snapshot: PresenceSnapshot | undefined): Decoded | undefined {
  return snapshot && decode(snapshot);
}

describe('detectChanges over v2 columns matches v1 change detection', () => {
  it.each(Array.from({ length: 300 }, (_, i) => i + 1))('scenario %i', (seed) => {
    const { rnd, presences, rosterOf } = scenario(seed);
    let snapshot: PresenceSnapshot | undefined;
    for (let minute = 0; minute < 8; minute++) {
      const current = presences(minute);
      const roster = rosterOf();
      // The same roster for both: a one-shot iterable is listed first.
      const rosterList = roster === undefined ? undefined : [...roster];
      const rosterFor = () => (roster === undefined ? undefined : roster instanceof Set || Array.isArray(roster) ? roster : rosterList!.values());
      const options = {
        observedAt: new Date(T0 + minute * 60_000).toISOString(),
        ...(rnd() < 0.7 ? { complete: rnd() < 0.5 } : {}),
        ...(rnd() < 0.3 ? { baseline: rnd() < 0.5 } : {}),
      };
      // The previous snapshot as the trigger would give it: in memory, through JSON, or still in v1.
      const r = rnd();
      const given: PresenceSnapshot | undefined =
        snapshot === undefined ? undefined : r < 0.4 ? snapshot : r < 0.7 ? JSON.parse(JSON.stringify(snapshot)) : encodeV1(decode(snapshot).vendor, decode(snapshot).entries, T0);
      const expected = referenceDetect(asPrior(given), current, { ...options, roster: rosterFor() });
      const actual = detectChanges(given, current, { ...options, roster: rosterFor() });
      expect(actual.changes).toStrictEqual(expected.changes);
      expect(decode(actual.snapshot)).toStrictEqual(expected.next);
      expect(PresenceSnapshotSchema.safeParse(actual.snapshot).success).toBe(true);
      expect(actual.snapshot.v).toBe(2);
      snapshot = actual.snapshot;
    }
    const keep = pool.filter(() => rnd() < 0.5);
    const kept = decode(retainAgents(snapshot!, keep));
    const before = decode(snapshot!);
    expect(kept).toStrictEqual({ vendor: before.vendor, comparedWith: before.comparedWith, entries: new Map([...before.entries].filter(([id]) => keep.includes(id))) });
  });

  it('names the vendors as they come, however the presences are ordered', () => {
    const p = (agentId: string, vendor: VendorId): AgentPresence => ({ vendor, agentId, name: null, email: null, state: 'away', status: { id: 'a', name: 'A', category: 'A' }, since: null, sinceSource: null, activity: null });
    const cases: Array<[AgentPresence[], VendorId]> = [
      [[p('a', 'cirrus'), p('b', 'talkdesk'), p('c', 'vonage')], 'talkdesk'],
      [[p('b', 'cirrus'), p('a', 'talkdesk'), p('c', 'vonage')], 'talkdesk'],
      // Out of order before the first mismatch: sorted, 0 (talkdesk) would come first.
      [[p('c', 'cirrus'), p('a', 'cirrus'), p('b', 'vonage'), p('0', 'talkdesk')], 'vonage'],
    ];
    for (const [current, other] of cases) {
      expect(() => detectChanges(undefined, current, { observedAt: new Date(T0).toISOString() })).toThrow(`mixes vendors (cirrus and ${other})`);
    }
  });

  it('refuses an agent id that is not a string, which could not be kept', () => {
    const current = [{ vendor: 'cirrus', agentId: 7, state: 'away', status: { id: 'a', name: 'A', category: 'A' }, since: null }] as unknown as AgentPresence[];
    expect(() => detectChanges(undefined, current)).toThrow(InputError);
  });

  it('a sorted roster is walked, not put in a Set; an unsorted one still answers', () => {
    const p = (agentId: string): AgentPresence => ({ vendor: 'vonage', agentId, name: null, email: null, state: 'away', status: { id: 'a', name: 'A', category: 'A' }, since: null, sinceSource: null, activity: null });
    const first = detectChanges(undefined, ['a', 'b', 'c', 'd', 'e'].map(p), { observedAt: new Date(T0).toISOString() });
    for (const roster of [['a', 'c', 'e'], ['e', 'a', 'c'], ['a', 'a', 'c', 'e']]) {
      const { changes, snapshot } = detectChanges(first.snapshot, [p('c')], { observedAt: new Date(T0 + 60_000).toISOString(), complete: false, roster });
      expect(changes.map((c) => [c.event, c.agentId])).toEqual([['disappeared', 'b'], ['disappeared', 'd']]);
      expect(snapshot).toMatchObject({ a: ['a', 'c', 'e'] });
    }
  });
});
