import { InputError, stateMappingFromRows } from '../src';
import { mappedState } from '../src/mapping';

describe('mapping rows', () => {
  it('builds a mapping from {match, state} rows', () => {
    expect(stateMappingFromRows([{ match: 'Lunch', state: 'away' }, { match: 14, state: 'busy' }])).toEqual({ Lunch: 'away', '14': 'busy' });
    expect(stateMappingFromRows(undefined)).toEqual({});
  });

  it('names the bad row, counting from 1', () => {
    expect(() => stateMappingFromRows([{ match: 'Lunch', state: 'away' }, { match: 'x', state: 'asleep' }], 'State Mapping')).toThrow(/^State Mapping, row 2: "asleep" is not a common state\. Use one of/);
    expect(() => stateMappingFromRows([{ match: ' ', state: 'away' }])).toThrow(InputError);
    expect(() => stateMappingFromRows('Lunch=away')).toThrow(/list/);
  });

  it('does not match inherited keys', () => {
    expect(mappedState({ id: 'constructor', name: 'toString', category: null }, {})).toBeUndefined();
  });
});
