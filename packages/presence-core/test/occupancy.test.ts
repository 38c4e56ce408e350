import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { InputError } from '../src/errors';
import { checkOccupancyPatch, interactionsOf, removeInteractions, replaceInteractions } from '../src/vendors/talkdesk/occupancy';

const presenceOne = JSON.parse(readFileSync(join(__dirname, '..', 'reference', 'talkdesk', 'presence-one.json'), 'utf8')).response.body;
const two = [
  { id: 'call-1', channel_name: 'voice', cost: 100 },
  { id: 'task-7', channel_name: 'crm', cost: 50 },
];

describe('Talkdesk occupancy patches built for a supervisor', () => {
  it('reads the interactions of a presence record (the reference record), and none from junk', () => {
    expect(interactionsOf(presenceOne).map((i) => i.id)).toEqual(presenceOne.interactions.map((i: { id: string }) => i.id));
    expect(interactionsOf({ status: 'available' })).toEqual([]);
    expect(interactionsOf('not a record')).toEqual([]);
  });

  it('removes by id with a test of the id at its index, highest index first', () => {
    const patch = removeInteractions(two, ['call-1', 'task-7']);
    expect(patch).toEqual([
      { op: 'test', path: '/interactions/1/id', value: 'task-7' },
      { op: 'remove', path: '/interactions/1' },
      { op: 'test', path: '/interactions/0/id', value: 'call-1' },
      { op: 'remove', path: '/interactions/0' },
    ]);
    expect(checkOccupancyPatch(patch)).toEqual(patch);
    // The same id twice is removed once.
    expect(removeInteractions(two, ['task-7', 'task-7'])).toHaveLength(2);
  });

  it('names an id the agent does not have, and what the agent has', () => {
    expect(() => removeInteractions(two, ['nope'], 'Interaction IDs')).toThrow(InputError);
    expect(() => removeInteractions(two, ['nope'], 'Interaction IDs')).toThrow(/Interaction IDs: "nope" is not an interaction of this agent.*"call-1", "task-7"/);
    expect(() => removeInteractions([], ['x'])).toThrow(/has no interaction/);
    expect(() => removeInteractions(two, [])).toThrow(/is empty/);
  });

  it('replaces: every current one removed (guarded), the new list appended in one add', () => {
    const next = [{ id: 'chat-3', channel_name: 'chat', cost: 30 }];
    const patch = replaceInteractions(two, next);
    expect(patch.map((o) => `${o.op} ${o.path}`)).toEqual([
      'test /interactions/1/id',
      'remove /interactions/1',
      'test /interactions/0/id',
      'remove /interactions/0',
      'add /interactions/-',
    ]);
    expect(patch[4]).toEqual({ op: 'add', path: '/interactions/-', value: next });
    expect(checkOccupancyPatch(patch)).toEqual(patch);
    expect(replaceInteractions([], next)).toEqual([{ op: 'add', path: '/interactions/-', value: next }]);
    // Freeing an agent who is already free changes nothing.
    expect(replaceInteractions([], [])).toEqual([]);
  });
});
