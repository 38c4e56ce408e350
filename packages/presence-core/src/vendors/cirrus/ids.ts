import type { IdRule } from '../definition';

const int64Max = '9223372036854775807';
const example = '123456789';
/** CommBox ids are int64: at most 19 digits, and no more than int64's largest. */
const pattern = '[1-9][0-9]{0,18}';
const fitsInt64 = (text: string) => text.length < 19 || text <= int64Max;

export const cirrusIds: { agent: IdRule; status: IdRule } = {
  agent: {
    name: 'Cirrus manager id',
    pattern,
    fits: fitsInt64,
    example,
    hint: `Cirrus ids are positive whole numbers up to ${int64Max}, e.g. "${example}".`,
    form: `digits only, e.g. ${example}`,
  },
  status: {
    name: 'Cirrus presence type id',
    pattern,
    fits: fitsInt64,
    example: '2',
    hint: 'Pick a status from the list, or give the numeric id from Status > Get Many.',
    form: 'digits only, e.g. 2',
  },
};
