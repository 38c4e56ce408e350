import { InputError } from '@agent-presence/presence-core';
import { mappingFromCollection, parseIdList, statesFrom } from '../src/params';

describe('parameters', () => {
  it('parses ids typed with commas, spaces, semicolons and new lines, or given as a list', () => {
    expect(parseIdList(' 1, 2;3\n4  5 ', 'Agent IDs')).toEqual(['1', '2', '3', '4', '5']);
    expect(parseIdList(['a', 7, ' b '], 'Agent IDs')).toEqual(['a', '7', 'b']);
    expect(parseIdList(42, 'Agent IDs')).toEqual(['42']);
  });

  it('names the field when ids are missing or of the wrong kind', () => {
    expect(() => parseIdList('  ', 'Agent IDs')).toThrow(/Agent IDs: is empty/);
    expect(() => parseIdList({ id: 1 }, 'Agent IDs')).toThrow(InputError);
    expect(() => parseIdList(['a', { x: 1 }], 'Agent IDs')).toThrow(/Agent IDs\[1\]/);
  });

  it('reads the State Mapping collection', () => {
    expect(mappingFromCollection({ mappings: [{ match: 'Lunch', state: 'busy' }] })).toEqual({ Lunch: 'busy' });
    expect(mappingFromCollection({})).toBeUndefined();
    expect(() => mappingFromCollection({ mappings: [{ match: 'Lunch', state: 'napping' }] })).toThrow(/State Mapping\[0\]\.state/);
  });

  it('keeps only state strings', () => {
    expect(statesFrom(['away', 3, 'busy'])).toEqual(['away', 'busy']);
    expect(statesFrom('away')).toEqual([]);
  });
});
