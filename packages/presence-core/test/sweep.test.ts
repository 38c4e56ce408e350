import { type AgentPresence, type PresenceBatch, type PresenceState } from '../src';
import { sweepReads, sweepStep, sweepWants, type SweepEvent, type SweepRoster, type SweepState } from '../src/trigger';
import { VendorApiError } from '../src/errors';

const T0 = Date.parse('2026-03-01T09:00:00.000Z');
const at = (minute: number) => new Date(T0 + minute * 60_000).toISOString();
const changes: SweepEvent[] = ['stateChanged', 'statusChanged'];
const all: SweepEvent[] = ['stateChanged', 'statusChanged', 'appeared', 'disappeared'];

function p(agentId: string, state: PresenceState, name: string): AgentPresence {
  return { vendor: 'cirrus', agentId, name: null, email: null, state, status: { id: name.toLowerCase(), name, category: state }, since: null, sinceSource: null, activity: null };
}
const roster = (ids: string[], watching = 'all'): SweepRoster => ({ ids: [...ids].sort(), watching });
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
        else if (failing.has(id)) batch.failures.push({ agentIds: [id], error: error(failing.get(id)!) });
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
