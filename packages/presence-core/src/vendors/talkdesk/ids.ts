import type { IdRule } from '../definition';
import { talkdeskBaseStatuses } from './schemas';

const pattern = '[A-Za-z0-9_-]{1,64}';
const agentExample = '5f9d1c3e8a4b2c0012345678';

export const talkdeskIds: { agent: IdRule; status: IdRule } = {
  agent: {
    name: 'Talkdesk user id',
    pattern,
    example: agentExample,
    hint: `Talkdesk user ids are letters and digits, e.g. "${agentExample}".`,
    form: `letters and digits, e.g. ${agentExample}`,
  },
  status: {
    name: 'Talkdesk status',
    pattern,
    example: 'away',
    hint: `Use ${talkdeskBaseStatuses.join(', ')} or a custom status id from Status > Get Many.`,
    form: `${talkdeskBaseStatuses.slice(0, -1).join(', ')} or ${talkdeskBaseStatuses.at(-1)} or a custom status id`,
    placeholder: 'e.g. away, or a custom status id',
  },
};
