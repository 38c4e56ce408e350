import { type AgentPresence, type PresenceBatch, type PresenceState } from '../src';
import { sweepReads, sweepRoster, sweepStep, sweepWants, type SweepEvent, type SweepRoster, type SweepState } from '../src/trigger';
import { NetworkError, VendorApiError } from '../src/errors';

const T0 = Date.parse('2026-03-01T09:00:00.000Z');
const at = (minute: number) => new Date(T0 + minute * 60_000).toISOString();
const changes: SweepEvent[] = ['stateChanged', 'statusChanged'];
const all: SweepEvent[] = ['stateChanged', 'statusChanged', 'appeared', 'disappeared'];

function p(agentId: string, state: PresenceState, name: string): AgentPresence {
  return { vendor: 'cirrus', agentId, name: null, email: null, state, status: { id: name.toLowerCase(), name, category: state }, since: null, sinceSource: null, activity: null };
}
const roster = (ids: string[], watching = 'all'): SweepRoster => ({ ids: [...ids].sort(), watching });
const timeout = () => new NetworkError({ vendor: 'cirrus', code: 'ETIMEDOUT', message: 'no answer within 300 ms' });
const error = (status: number) => new VendorApiError({ vendor: 'cirrus', httpStatus: status, code: String(status), message: `HTTP ${status}` });

/** A vendor of agents whose presence the test sets; each poll reads at most `capacity` of them. */
function world(ids: string[]) {
  const presence = new Map(ids.map((id) => [id, p(id, 'available', 'Active')]));
  const failing = new Map<string, number>();
  return {
    presence,
    failing,
    read(todo: readonly string[], capacity = Infinity): PresenceBatch {
      const batch: PresenceBatch = { presences: [], failures: [], missing: [], skipped: [] };
      todo.forEach((id, i) => {
        if (i >= capacity) batch.skipped.push(id);
        else if (failing.has(id)) batch.failures.push({ agentIds: [id], error: failing.get(id) === 0 ? timeout() : error(failing.get(id)!) });
        else if (!presence.has(id)) batch.missing.push(id);
        else batch.presences.push(presence.get(id)!);
      });
      return batch;
    },
  };
}

/** One poll as the trigger makes it, the state passed through JSON as n8n stores it. */
function poll(state: SweepState, r: SweepRoster, w: ReturnType<typeof world>, minute: number, capacity = Infinity, events = changes, extra = {}) {
  const step = sweepStep(state, r, w.read(sweepReads(state, r), capacity), { events, observedAt: at(minute), ...extra });
  return { ...step, state: JSON.parse(JSON.stringify(step.state)) as SweepState };
}

describe('sweepStep', () => {
  it('stores a baseline first, then reports each change once', () => {
    const w = world(['a', 'b', 'c']);
    const r = roster(['a', 'b', 'c']);
    let s = poll({}, r, w, 0);
    expect(s.changes).toEqual([]);
    expect(s.state).toMatchObject({ after: null, baseline: false, watching: 'all' });
    w.presence.set('b', p('b', 'away', 'Lunch'));
    s = poll(s.state, r, w, 1);
    expect(s.changes.map((c) => [c.agentId, c.event])).toEqual([['b', 'changed']]);
    expect(poll(s.state, r, w, 2).changes).toEqual([]);
  });

  it('sweeps a roster too large for one poll in id order, reporting nothing before the first sweep ends and nothing twice', () => {
    const ids = Array.from({ length: 10 }, (_, i) => `agent-${i}`);
    const w = world(ids);
    const r = roster(ids);
    let state: SweepState = {};
    const afters: Array<string | null | undefined> = [];
    for (let i = 0; i < 4; i++) {
      const s = poll(state, r, w, i, 3);
      expect(s.changes).toEqual([]);
      state = s.state;
      afters.push(state.after);
    }
    expect(afters).toEqual(['agent-2', 'agent-5', 'agent-8', null]);
    expect(state.baseline).toBe(false);
    w.presence.set('agent-1', p('agent-1', 'away', 'Lunch'));
    w.presence.set('agent-7', p('agent-7', 'away', 'Lunch'));
    const seen: string[] = [];
    for (let i = 4; i < 12; i++) {
      const s = poll(state, r, w, i, 3);
      seen.push(...s.changes.map((c) => c.agentId));
      state = s.state;
    }
    expect(seen).toEqual(['agent-1', 'agent-7']);
  });

  it('an agent the first sweep could not read is no appearance when read at last', () => {
    const w = world(['a', 'b']);
    const r = roster(['a', 'b']);
    w.failing.set('b', 503);
    let s = poll({}, r, w, 0, Infinity, all);
    expect(s.state.unseen).toEqual(['b']);
    w.failing.clear();
    s = poll(s.state, r, w, 1, Infinity, all);
    expect(s.changes).toEqual([]);
    expect(s.state.unseen).toBeUndefined();
    // With Emit All on First Poll, its first reading is its appearance.
    w.failing.set('b', 503);
    const first = poll({}, r, w, 0, Infinity, all, { emitOnStart: true });
    expect(first.changes.map((c) => c.agentId)).toEqual(['a']);
    w.failing.clear();
    expect(poll(first.state, r, w, 1, Infinity, all, { emitOnStart: true }).changes.map((c) => [c.event, c.agentId])).toEqual([['appeared', 'b']]);
  });

  it('reads again the reads its own time limit cut short after the last agent read; passes over other failures', () => {
    const w = world(['a', 'b', 'c', 'd', 'e']);
    const r = roster(['a', 'b', 'c', 'd', 'e']);
    w.failing.set('b', 500);
    w.failing.set('d', 0);
    w.failing.set('e', 0);
    let s = poll({}, r, w, 0, Infinity, all);
    // b failed for good (unseen until read), d and e were cut: the cursor stops after c.
    expect(s.state).toMatchObject({ after: 'c', baseline: true, unseen: ['b'] });
    w.failing.clear();
    s = poll(s.state, r, w, 1, Infinity, all);
    expect(s.state).toMatchObject({ after: null, baseline: false });
    expect(s.changes).toEqual([]);
    // A read cut short before the last agent read is a failure like any other: passed over.
    w.presence.set('e', p('e', 'away', 'Lunch'));
    w.failing.set('c', 0);
    s = poll(s.state, r, w, 2, Infinity, all);
    expect(s.state.after).toBeNull();
    expect(s.changes.map((c) => c.agentId)).toEqual(['e']);
  });

  it('reports agents the list no longer has, or the vendor does not know, as disappeared', () => {
    const w = world(['a', 'b', 'c']);
    let s = poll({}, roster(['a', 'b', 'c']), w, 0, Infinity, all);
    w.presence.delete('c');
    s = poll(s.state, roster(['a', 'b', 'c']), w, 1, Infinity, all);
    expect(s.changes.map((c) => [c.event, c.agentId])).toEqual([['disappeared', 'c']]);
    s = poll(s.state, roster(['a']), w, 2, Infinity, all);
    expect(s.changes.map((c) => [c.event, c.agentId])).toEqual([['disappeared', 'b']]);
    w.failing.set('a', 404);
    expect(poll(s.state, roster(['a']), w, 3, Infinity, all).changes.map((c) => [c.event, c.agentId])).toEqual([['disappeared', 'a']]);
  });

  it('forgets silently the agents the user stops watching', () => {
    const w = world(['a', 'b']);
    const s = poll({}, roster(['a', 'b'], 'all'), w, 0, Infinity, all);
    const narrowed = poll(s.state, roster(['a'], 'ids:a'), w, 1, Infinity, all);
    expect(narrowed.changes).toEqual([]);
    expect(narrowed.state.watching).toBe('ids:a');
  });

  it('throws the vendor error when nothing could be read, leaving the given state alone', () => {
    const w = world(['a']);
    const s = poll({}, roster(['a']), w, 0);
    const kept = JSON.stringify(s.state);
    w.failing.set('a', 500);
    expect(() => poll(s.state, roster(['a']), w, 1)).toThrow(/500/);
    expect(JSON.stringify(s.state)).toBe(kept);
  });

  it('emits every agent as it is on the first sweep when asked', () => {
    const w = world(['a', 'b']);
    const s = poll({}, roster(['a', 'b']), w, 0, Infinity, changes, { emitOnStart: true });
    expect(s.changes.map((c) => [c.event, c.agentId, c.current?.sinceSource])).toEqual([
      ['appeared', 'a', 'observed'],
      ['appeared', 'b', 'observed'],
    ]);
  });

  it('reads the state stored before the sweep step existed', () => {
    // Static data as the trigger stored it: the same keys, so a published trigger goes on where it was.
    const w = world(['a', 'b', 'c']);
    const before = poll({}, roster(['a', 'b', 'c']), w, 0, 2);
    const stored = JSON.parse(JSON.stringify({ snapshot: before.state.snapshot, after: 'b', baseline: true, watching: 'all' })) as SweepState;
    expect(sweepReads(stored, roster(['a', 'b', 'c']))).toEqual(['c']);
    const s = poll(stored, roster(['a', 'b', 'c']), w, 1);
    expect(s.state).toMatchObject({ after: null, baseline: false });
  });
});

describe('a sweep lists the agents once', () => {
  /** Polls as the trigger does: the kept roster mid-sweep, else a listing (counted). */
  function trigger(w: ReturnType<typeof world>, listed: () => string[], capacity: number, events = all) {
    let state: SweepState = {};
    let lists = 0;
    let minute = 0;
    return {
      get state() {
        return state;
      },
      get lists() {
        return lists;
      },
      poll() {
        let r = sweepRoster(state, 'all');
        if (!r) {
          lists++;
          r = roster(listed());
        }
        const s = poll(state, r, w, minute++, capacity, events);
        state = s.state;
        return s;
      },
    };
  }

  it('lists once per sweep, reading on from the kept roster, losing and repeating nothing', () => {
    const ids = Array.from({ length: 10 }, (_, i) => `agent-${i}`);
    const w = world(ids);
    const t = trigger(w, () => ids, 3);
    for (let i = 0; i < 4; i++) t.poll();
    expect(t.state).toMatchObject({ after: null, baseline: false });
    expect(t.lists).toBe(1);
    // Mid-baseline, the agents not read yet were pending; once read, none is.
    expect(t.state.pending).toBeUndefined();
    w.presence.set('agent-0', p('agent-0', 'away', 'Lunch'));
    w.presence.set('agent-9', p('agent-9', 'away', 'Lunch'));
    const seen: string[] = [];
    for (let i = 0; i < 4; i++) {
      seen.push(...t.poll().changes.map((c) => c.agentId));
      if (i === 0) expect(t.state.pending).toEqual([]);
    }
    expect(seen).toEqual(['agent-0', 'agent-9']);
    expect(t.lists).toBe(2);
  });

  it('keeps the agents not read yet of the first sweep as pending, and the unseen in the roster', () => {
    const ids = ['a', 'b', 'c', 'd', 'e'];
    const w = world(ids);
    w.failing.set('a', 503);
    const t = trigger(w, () => ids, 2);
    t.poll();
    expect(t.state).toMatchObject({ after: 'b', baseline: true, unseen: ['a'], pending: ['c', 'd', 'e'] });
    expect(sweepRoster(t.state, 'all')!.ids).toEqual(ids);
    w.failing.clear();
    t.poll();
    t.poll();
    expect(t.state).toMatchObject({ after: null, baseline: false, unseen: ['a'] });
    expect(t.lists).toBe(1);
    // The next sweep reads it at last: its first reading, no appearance.
    expect(t.poll().changes).toEqual([]);
    expect(t.state.unseen).toBeUndefined();
  });

  it('finds agents added mid-sweep in the next sweep, and those removed then too', () => {
    let listed = ['a', 'b', 'c', 'd'];
    const w = world(listed);
    const t = trigger(w, () => listed, 2);
    t.poll();
    t.poll();
    expect(t.state.after).toBeNull();
    t.poll(); // a new sweep: reads a, b
    listed = ['a', 'b', 'bb', 'd'];
    w.presence.set('bb', p('bb', 'available', 'Active'));
    w.presence.delete('c');
    // The rest of this sweep: c is read, and the vendor does not know it any more.
    expect(t.poll().changes.map((c) => [c.event, c.agentId])).toEqual([['disappeared', 'c']]);
    expect(t.state.after).toBeNull();
    const next: string[][] = [];
    for (let i = 0; i < 2; i++) next.push(...t.poll().changes.map((c) => [c.event, c.agentId]));
    expect(next).toEqual([['appeared', 'bb']]);
    expect(t.lists).toBe(3);
  });

  it('lists again when the watch changes or a state stored before this kept no roster', () => {
    const w = world(['a', 'b', 'c']);
    const s = poll({}, roster(['a', 'b', 'c']), w, 0, 1);
    expect(sweepRoster(s.state, 'all')).toEqual({ ids: ['a', 'b', 'c'], watching: 'all' });
    expect(sweepRoster(s.state, 'teams:x')).toBeUndefined();
    const { pending: _, ...older } = s.state;
    expect(sweepRoster(older, 'all')).toBeUndefined();
    expect(sweepRoster({}, 'all')).toBeUndefined();
  });
});

describe('sweepWants', () => {
  const change = (from: [PresenceState, string], to: [PresenceState, string]) => ({
    eventId: 'x',
    event: 'changed' as const,
    agentId: 'a',
    name: null,
    email: null,
    vendor: 'cirrus' as const,
    current: p('a', ...to),
    previous: { state: from[0], status: { id: from[1].toLowerCase(), name: from[1], category: from[0] }, since: null, sinceSource: null },
    durationInPreviousMs: 0,
    observedAt: at(0),
  });
  it('tells a state change from a status change within a state, and filters arrivals by state', () => {
    expect(sweepWants(change(['away', 'Break'], ['away', 'Lunch']), ['stateChanged'])).toBe(false);
    expect(sweepWants(change(['away', 'Break'], ['away', 'Lunch']), ['statusChanged'])).toBe(true);
    expect(sweepWants(change(['available', 'Active'], ['away', 'Lunch']), ['stateChanged'], ['away'])).toBe(true);
    expect(sweepWants(change(['available', 'Active'], ['away', 'Lunch']), ['stateChanged'], ['busy'])).toBe(false);
  });
});
