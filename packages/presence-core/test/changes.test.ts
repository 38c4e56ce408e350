import { detectChanges, InputError, type AgentPresence, type PresenceSnapshot, type PresenceState } from '../src';
import { PresenceSnapshotSchema, retainAgents } from '../src/trigger';
import { enteredEventId } from '../src/event-id';

const T0 = '2026-03-01T09:00:00.000Z';
const at = (minutes: number) => new Date(Date.parse(T0) + minutes * 60_000).toISOString();

/** The agent ids a snapshot holds, whichever its version. */
const agentsOf = (snapshot: PresenceSnapshot): string[] => (snapshot.v === 2 ? [...snapshot.a] : Object.keys(snapshot.a));

function p(agentId: string, state: PresenceState, name: string, since: string | null = null, vendor: AgentPresence['vendor'] = 'cirrus'): AgentPresence {
  return { vendor, agentId, name: null, email: null, state, status: { id: name.toLowerCase(), name, category: state }, since, sinceSource: since === null ? null : 'vendor', activity: null };
}

describe('detectChanges', () => {
  it('the first call is a baseline: no events, a snapshot', () => {
    const { changes, snapshot } = detectChanges(undefined, [p('1', 'available', 'Active')], { observedAt: T0 });
    expect(changes).toEqual([]);
    expect(agentsOf(snapshot)).toEqual(['1']);
  });

  it('reports changed with the previous status and its duration from first observation; without a vendor since, the times are marked observed', () => {
    const first = detectChanges(undefined, [p('1', 'available', 'Active'), p('2', 'away', 'Lunch')], { observedAt: T0 });
    const current = p('1', 'away', 'Lunch');
    const second = detectChanges(first.snapshot, [current, p('2', 'away', 'Lunch')], { observedAt: at(5) });
    expect(second.changes).toEqual([
      {
        eventId: expect.stringMatching(/^[0-9a-f]{32}$/),
        event: 'changed',
        agentId: '1',
        name: null,
        email: null,
        vendor: 'cirrus',
        current: { ...current, since: at(5), sinceSource: 'observed' },
        previous: { state: 'available', status: { id: 'active', name: 'Active', category: 'available' }, since: T0, sinceSource: 'observed' },
        durationInPreviousMs: 5 * 60_000,
        observedAt: at(5),
      },
    ]);
    // No change: nothing, and the start of the current status is kept.
    const third = detectChanges(second.snapshot, [p('1', 'away', 'Lunch'), p('2', 'away', 'Lunch')], { observedAt: at(20) });
    expect(third.changes).toEqual([]);
    const fourth = detectChanges(third.snapshot, [p('1', 'available', 'Active'), p('2', 'away', 'Lunch')], { observedAt: at(21) });
    expect(fourth.changes[0]?.durationInPreviousMs).toBe(16 * 60_000);
  });

  it('takes durations from the vendor since where given', () => {
    const first = detectChanges(undefined, [p('v', 'available', 'Ready', at(-30), 'vonage')], { observedAt: T0 });
    const second = detectChanges(first.snapshot, [p('v', 'away', 'Break', at(3), 'vonage')], { observedAt: at(5) });
    expect(second.changes[0]).toMatchObject({
      event: 'changed',
      previous: { state: 'available', since: at(-30) },
      durationInPreviousMs: 33 * 60_000,
    });
  });

  it('a status change within the same state is a change', () => {
    const first = detectChanges(undefined, [p('1', 'away', 'Lunch')], { observedAt: T0 });
    const { changes } = detectChanges(first.snapshot, [p('1', 'away', 'Break')], { observedAt: at(1) });
    expect(changes).toHaveLength(1);
    expect(changes[0]?.previous?.status.name).toBe('Lunch');
  });

  it('reports appeared and disappeared on complete polls', () => {
    const first = detectChanges(undefined, [p('1', 'available', 'Active'), p('2', 'away', 'Lunch')], { observedAt: T0 });
    const { changes, snapshot } = detectChanges(first.snapshot, [p('1', 'available', 'Active'), p('3', 'busy', 'Busy')], { observedAt: at(2) });
    expect(changes.map((c) => [c.event, c.agentId])).toEqual([['appeared', '3'], ['disappeared', '2']]);
    const gone = changes.find((c) => c.event === 'disappeared')!;
    expect(gone).toMatchObject({ current: null, previous: { state: 'away' }, durationInPreviousMs: 2 * 60_000 });
    expect(changes.find((c) => c.event === 'appeared')).toMatchObject({ previous: null, durationInPreviousMs: null });
    expect(agentsOf(snapshot).sort()).toEqual(['1', '3']);
  });

  it('complete: false never reports disappeared and keeps the unseen', () => {
    const first = detectChanges(undefined, [p('1', 'available', 'Active'), p('2', 'away', 'Lunch')], { observedAt: T0 });
    const partial = detectChanges(first.snapshot, [p('1', 'busy', 'Busy')], { observedAt: at(1), complete: false });
    expect(partial.changes.map((c) => c.event)).toEqual(['changed']);
    expect(agentsOf(partial.snapshot).sort()).toEqual(['1', '2']);
    const later = detectChanges(partial.snapshot, [p('2', 'available', 'Active')], { observedAt: at(9), complete: false });
    expect(later.changes[0]).toMatchObject({ agentId: '2', durationInPreviousMs: 9 * 60_000 });
  });

  it('a roster reports departures even on partial polls, and retainAgents forgets silently', () => {
    const first = detectChanges(undefined, [p('1', 'available', 'Active'), p('2', 'away', 'Lunch'), p('3', 'busy', 'Busy')], { observedAt: T0 });
    const partial = detectChanges(first.snapshot, [p('1', 'available', 'Active')], { observedAt: at(1), complete: false, roster: ['1', '3'] });
    expect(partial.changes.map((c) => [c.event, c.agentId])).toEqual([['disappeared', '2']]);
    expect(agentsOf(partial.snapshot).sort()).toEqual(['1', '3']);
    const kept = retainAgents(partial.snapshot, ['3']);
    expect(agentsOf(kept)).toEqual(['3']);
    expect(detectChanges(kept, [p('3', 'busy', 'Busy')], { observedAt: at(2) }).changes).toEqual([]);
  });

  it('baseline: true records a sweep page without reporting', () => {
    const first = detectChanges(undefined, [p('1', 'available', 'Active')], { observedAt: T0, complete: false });
    const second = detectChanges(first.snapshot, [p('2', 'away', 'Lunch')], { observedAt: at(1), complete: false, baseline: true });
    expect(second.changes).toEqual([]);
    expect(agentsOf(second.snapshot).sort()).toEqual(['1', '2']);
  });

  it('a snapshot survives JSON and stays under 64 bytes per agent at 10,000 agents', () => {
    const statuses: Array<[PresenceState, string]> = [['available', 'Ready'], ['away', 'Lunch'], ['away', 'Break'], ['offline', 'Logged Out'], ['busy', 'Training']];
    const guid = (i: number) => `${i.toString(16).padStart(8, '0')}-ba50-45af-a6fd-3b01cdc6f39b`;
    const current = Array.from({ length: 10_000 }, (_, i) => {
      const [state, name] = statuses[i % statuses.length]!;
      // Vendor since times spread over the last 30 days, with millisecond precision.
      return p(guid(i), state, name, new Date(Date.parse(T0) - ((i * 2_592_000_123) % 2_592_000_000)).toISOString(), 'vonage');
    });
    const { snapshot } = detectChanges(undefined, current, { observedAt: T0 });
    const bytes = Buffer.byteLength(JSON.stringify(snapshot));
    expect(bytes / 10_000).toBeLessThan(64);
    const roundTrip = JSON.parse(JSON.stringify(snapshot));
    const next = current.map((c, i) => (i === 7 ? p(c.agentId, 'busy', 'Training', T0, 'vonage') : c));
    const { changes } = detectChanges(roundTrip, next, { observedAt: at(1) });
    expect(changes).toHaveLength(1);
    expect(changes[0]?.previous?.since).toBe(current[7]!.since);
  });

  it('refuses a snapshot it did not make, and a bad time', () => {
    expect(() => detectChanges({ hello: 1 } as never, [], { observedAt: T0 })).toThrow(InputError);
    expect(() => detectChanges(undefined, [], { observedAt: 'yesterday' })).toThrow(/observedAt/);
  });

  it('refuses to mix vendors in one snapshot', () => {
    expect(() => detectChanges(undefined, [p('1', 'away', 'A'), p('2', 'away', 'A', null, 'talkdesk')], { observedAt: T0 })).toThrow(/mixes vendors/);
  });
  it('reads a snapshot exactly as its schema does (a hand check, the schema deciding any doubt)', () => {
    const good = { v: 1, p: 'cirrus', b: 1000, s: [['away', 'lunch', 'Lunch', 'away']], a: { '1': [0, 5], '2': [0, 7, 1], '3': [4, 0] } };
    const bad: unknown[] = [
      { ...good, v: 2 },
      { ...good, p: 'acme' },
      { ...good, b: 1.5 },
      { ...good, b: 2 ** 53 },
      { ...good, s: [['sleepy', null, null, null]] },
      { ...good, s: [['away', 1, null, null]] },
      { ...good, a: { '1': [0, 5, 2] } },
      { ...good, a: { '1': [-1, 5] } },
      { ...good, a: { '1': [0, 2 ** 53] } },
      { ...good, a: { '1': [0] } },
      { ...good, a: { '1': { 0: 0, 1: 5 } } },
      { ...good, a: [[0, 5]] },
    ];
    for (const snapshot of bad) {
      expect(PresenceSnapshotSchema.safeParse(snapshot).success).toBe(false);
      expect(() => detectChanges(snapshot as never, [], { observedAt: T0 })).toThrow(InputError);
    }
    expect(PresenceSnapshotSchema.safeParse(good).success).toBe(true);
    // Agent 3 points past the status table: dropped, as before. Agent 2's start is the vendor's.
    const { changes, snapshot } = detectChanges(good as never, [p('1', 'available', 'Active')], { observedAt: T0, complete: false });
    expect(changes).toEqual([
      expect.objectContaining({ event: 'changed', agentId: '1', previous: { state: 'away', status: { id: 'lunch', name: 'Lunch', category: 'away' }, since: '1970-01-01T00:00:01.005Z', sinceSource: 'observed' } }),
    ]);
    // Read as v1, written as v2: agent 2 keeps its start, marked as the vendor's.
    expect(snapshot).toMatchObject({ v: 2, a: ['1', '2'] });
    const two = snapshot.v === 2 ? snapshot : undefined;
    expect(two!.x[1]! % 2).toBe(1);
    expect(two!.b + two!.t[1]!).toBe(1007);
  });

  it('reads a v2 snapshot exactly as its schema does', () => {
    const good = { v: 2, p: 'vonage', b: 1000, s: [['away', 'lunch', 'Lunch', 'away'], ['available', 'ready', 'Ready', 'Ready']], a: ['a', 'b', 'c'], x: [0, 1, 3], t: [5, 0, 7] };
    const bad: unknown[] = [
      { ...good, v: 3 },
      { ...good, p: 'acme' },
      { ...good, b: 1.5 },
      { ...good, s: [['sleepy', null, null, null]] },
      { ...good, a: ['a', 'c', 'b'] },
      { ...good, a: ['a', 'a', 'c'] },
      { ...good, a: ['a', 'b', 3] },
      { ...good, a: ['a', 'b'] },
      { ...good, x: [0, 1] },
      { ...good, t: [5, 0, 7, 9] },
      { ...good, x: [0, 1, 4] },
      { ...good, x: [0, -1, 3] },
      { ...good, x: [0, 1.5, 3] },
      { ...good, t: [5, 0, 2 ** 53] },
      { ...good, t: [5, '0', 7] },
      { ...good, a: { 0: 'a', 1: 'b', 2: 'c' } },
      { v: 2, p: null, b: 0, s: [] },
    ];
    for (const snapshot of bad) {
      expect(PresenceSnapshotSchema.safeParse(snapshot).success).toBe(false);
      expect(() => detectChanges(snapshot as never, [], { observedAt: T0 })).toThrow(InputError);
      expect(() => retainAgents(snapshot as never, [])).toThrow(InputError);
    }
    expect(PresenceSnapshotSchema.safeParse(good).success).toBe(true);
    // Extra fields pass, as they do through the schema; a snapshot that is not a plain object goes to the schema.
    expect(PresenceSnapshotSchema.safeParse({ ...good, extra: 1 }).success).toBe(true);
    const { changes } = detectChanges(Object.assign(Object.create({ inherited: 1 }), good), [p('b', 'available', 'Ready', null, 'vonage')], { observedAt: T0 });
    expect(changes.map((c) => [c.event, c.agentId, c.previous?.since ?? null, c.durationInPreviousMs])).toEqual([
      ['changed', 'b', '1970-01-01T00:00:01.000Z', Date.parse(T0) - 1000],
      ['disappeared', 'a', '1970-01-01T00:00:01.005Z', Date.parse(T0) - 1005],
      ['disappeared', 'c', '1970-01-01T00:00:01.007Z', Date.parse(T0) - 1007],
    ]);
  });

  it('gives each event its own copy of the previous status', () => {
    const first = detectChanges(undefined, [p('1', 'away', 'Lunch'), p('2', 'away', 'Lunch')], { observedAt: T0 });
    const { changes } = detectChanges(JSON.parse(JSON.stringify(first.snapshot)), [p('1', 'available', 'Active'), p('2', 'available', 'Active')], { observedAt: at(1) });
    expect(changes).toHaveLength(2);
    expect(changes[0]!.previous!.status).toEqual(changes[1]!.previous!.status);
    expect(changes[0]!.previous!.status).not.toBe(changes[1]!.previous!.status);
  });

  describe('eventId', () => {
    const idsOf = (r: { changes: { eventId: string }[] }) => r.changes.map((c) => c.eventId);

    it('is the same when the same poll is repeated on the same snapshot (a poll retried after a crash)', () => {
      const first = detectChanges(undefined, [p('1', 'available', 'Active'), p('2', 'away', 'Lunch'), p('3', 'away', 'Lunch')], { observedAt: T0 });
      const poll = [p('1', 'away', 'Lunch'), p('2', 'away', 'Lunch'), p('4', 'busy', 'Busy')];
      const once = detectChanges(first.snapshot, poll, { observedAt: at(5) });
      const again = detectChanges(JSON.parse(JSON.stringify(first.snapshot)), poll, { observedAt: at(6) });
      expect(once.changes.map((c) => c.event)).toEqual(['changed', 'appeared', 'disappeared']);
      expect(idsOf(again)).toEqual(idsOf(once));
      expect(new Set(idsOf(once)).size).toBe(3);
    });

    it('differs for a different change of the same agent, even back to a status it had', () => {
      const s0 = detectChanges(undefined, [p('1', 'available', 'Active')], { observedAt: T0 });
      const s1 = detectChanges(s0.snapshot, [p('1', 'away', 'Lunch')], { observedAt: at(1) });
      const s2 = detectChanges(s1.snapshot, [p('1', 'available', 'Active')], { observedAt: at(2) });
      const s3 = detectChanges(s2.snapshot, [p('1', 'away', 'Lunch')], { observedAt: at(3) });
      const ids = [s1, s2, s3].flatMap(idsOf);
      expect(ids).toHaveLength(3);
      expect(new Set(ids).size).toBe(3);
      // Gone and back with the same status: two appearances, two ids.
      const gone = detectChanges(s3.snapshot, [], { observedAt: at(4) });
      const back = detectChanges(gone.snapshot, [p('1', 'away', 'Lunch')], { observedAt: at(5) });
      const goneAgain = detectChanges(back.snapshot, [], { observedAt: at(6) });
      const backAgain = detectChanges(goneAgain.snapshot, [p('1', 'away', 'Lunch')], { observedAt: at(7) });
      expect(idsOf(back)).not.toEqual(idsOf(backAgain));
      expect(idsOf(gone)).not.toEqual(idsOf(goneAgain));
    });

    it('depends only on the vendor-dated status when there is one, whatever snapshot it was compared with', () => {
      const a = detectChanges(undefined, [p('v', 'available', 'Ready', at(-30), 'vonage')], { observedAt: T0 });
      const b = detectChanges(undefined, [p('v', 'away', 'Lunch', at(-40), 'vonage')], { observedAt: T0 });
      const now = [p('v', 'away', 'Break', at(3), 'vonage')];
      const fromA = detectChanges(a.snapshot, now, { observedAt: at(5) });
      const fromB = detectChanges(b.snapshot, now, { observedAt: at(9) });
      const fresh = detectChanges(undefined, now, { observedAt: at(9), baseline: false });
      expect(idsOf(fromA)).toEqual(idsOf(fromB));
      expect(idsOf(fresh)).toEqual(idsOf(fromA));
      expect(idsOf(fromA)).toEqual([enteredEventId('vonage', 'v', 'away', 'break', Date.parse(at(3)))]);
      // The same status entered again later is another change.
      const later = detectChanges(fromA.snapshot, [p('v', 'available', 'Ready', at(6), 'vonage')], { observedAt: at(7) });
      const again = detectChanges(later.snapshot, [p('v', 'away', 'Break', at(8), 'vonage')], { observedAt: at(9) });
      expect(idsOf(again)).not.toEqual(idsOf(fromA));
    });

    it('survives the snapshot being kept in static data (JSON) and retainAgents', () => {
      const first = detectChanges(undefined, [p('1', 'available', 'Active'), p('2', 'away', 'Lunch')], { observedAt: T0 });
      const kept = retainAgents(JSON.parse(JSON.stringify(first.snapshot)), ['1', '2']);
      const poll = [p('1', 'away', 'Lunch'), p('2', 'away', 'Lunch'), p('5', 'busy', 'Busy')];
      expect(idsOf(detectChanges(kept, poll, { observedAt: at(3) }))).toEqual(idsOf(detectChanges(first.snapshot, poll, { observedAt: at(4) })));
    });
  });
});
