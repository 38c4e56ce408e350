import type { IdRule } from '../definition';

const guid = '[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}';
const agentExample = 'daab05ec-ba50-45af-a6fd-3b01cdc6f39b';
const statusExample = 'eaed6862-14fa-4114-be62-b8709b5d4a49';

export const vonageIds: { agent: IdRule; status: IdRule } = {
  agent: {
    name: 'Vonage user id',
    pattern: guid,
    example: agentExample,
    hint: `Vonage user ids are GUIDs, e.g. "${agentExample}".`,
    form: `a GUID, e.g. ${agentExample}`,
  },
  status: {
    name: 'Vonage presence id',
    pattern: guid,
    example: statusExample,
    hint: 'Pick a status from the list, or give the presenceId GUID from Status > Get Many.',
    form: `a GUID, e.g. ${statusExample}`,
  },
};
