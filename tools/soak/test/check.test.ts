// The soak's verdict on synthetic histories: what counts as missed, duplicated,
// spurious, and what is invisible by design.
import { checkAgent, expectedTransitions, type Emission, type Observation } from '../src/check';

const obs = (...keys: string[]): Observation[] => keys.map((key, poll) => ({ poll, key }));
const changed = (poll: number, from: string, to: string): Emission => ({ poll, event: 'changed', from, to });

describe('the soak check, per agent', () => {
  it('expects one transition per change between successful observations, repeats removed', () => {
    expect(expectedTransitions(obs('A', 'A', 'B', 'B', 'C'))).toEqual([
      { poll: 2, from: 'A', to: 'B' },
      { poll: 4, from: 'B', to: 'C' },
    ]);
  });

  it('passes when the trigger emitted exactly those transitions at those polls', () => {
    const v = checkAgent(obs('A', 'B', 'B', 'A'), [changed(1, 'A', 'B'), changed(3, 'B', 'A')]);
    expect([v.missed, v.duplicated, v.spurious, v.late]).toEqual([[], [], [], []]);
  });

  it('a change that reverts between two observations is invisible: nothing expected, nothing emitted', () => {
    // Ground truth went A -> B -> A between polls 0 and 1; both observations saw A.
    const v = checkAgent(obs('A', 'A'), []);
    expect(v.expected).toEqual([]);
    expect([v.missed, v.duplicated, v.spurious]).toEqual([[], [], []]);
  });

  it('a failed poll is no observation: its change must come with the next successful one', () => {
    // Poll 1 failed (not observed); poll 2 saw B.
    const observations: Observation[] = [
      { poll: 0, key: 'A' },
      { poll: 2, key: 'B' },
    ];
    expect(checkAgent(observations, [changed(2, 'A', 'B')]).missed).toEqual([]);
    expect(checkAgent(observations, []).missed).toEqual([{ poll: 2, from: 'A', to: 'B' }]);
  });

  it('counts a change never emitted as missed', () => {
    const v = checkAgent(obs('A', 'B', 'C'), [changed(2, 'B', 'C')]);
    expect(v.missed).toEqual([{ poll: 1, from: 'A', to: 'B' }]);
    expect(v.spurious).toEqual([]);
  });

  it('counts the same transition emitted twice as duplicated', () => {
    const v = checkAgent(obs('A', 'B', 'B'), [changed(1, 'A', 'B'), changed(2, 'A', 'B')]);
    expect(v.duplicated).toEqual([changed(2, 'A', 'B')]);
    expect(v.missed).toEqual([]);
    expect(v.spurious).toEqual([]);
  });

  it('a transition that really happened twice is expected twice', () => {
    const v = checkAgent(obs('A', 'B', 'A', 'B'), [changed(1, 'A', 'B'), changed(2, 'B', 'A'), changed(3, 'A', 'B')]);
    expect([v.missed, v.duplicated, v.spurious]).toEqual([[], [], []]);
  });

  it('counts a transition that did not happen, or with the wrong status, as spurious', () => {
    expect(checkAgent(obs('A', 'A'), [changed(1, 'A', 'B')]).spurious).toEqual([changed(1, 'A', 'B')]);
    const wrong = checkAgent(obs('A', 'B'), [changed(1, 'A', 'C')]);
    expect(wrong.spurious).toEqual([changed(1, 'A', 'C')]);
    expect(wrong.missed).toEqual([{ poll: 1, from: 'A', to: 'B' }]);
  });

  it('an appeared or disappeared event is spurious: in a soak no agent comes or goes', () => {
    const v = checkAgent(obs('A', 'A'), [{ poll: 1, event: 'appeared', from: null, to: 'A' }]);
    expect(v.spurious).toHaveLength(1);
  });

  it('a correct transition emitted at another poll is reported late, not missed', () => {
    const v = checkAgent(obs('A', 'B', 'B'), [changed(2, 'A', 'B')]);
    expect(v.late).toEqual([{ poll: 1, from: 'A', to: 'B' }]);
    expect([v.missed, v.duplicated, v.spurious]).toEqual([[], [], []]);
  });
});
