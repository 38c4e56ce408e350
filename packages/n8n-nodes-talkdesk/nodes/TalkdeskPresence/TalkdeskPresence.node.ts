import { actionProperties, executeAction, nodeMethods, talkdeskVendor } from '@agent-presence/n8n-shared';
import { NodeConnectionTypes, type IExecuteFunctions, type INodeExecutionData, type INodeType, type INodeTypeDescription } from 'n8n-workflow';

export class TalkdeskPresence implements INodeType {
  description: INodeTypeDescription = {
    displayName: 'Talkdesk Presence',
    name: 'talkdeskPresence',
    icon: { light: 'file:../../icons/talkdesk.svg', dark: 'file:../../icons/talkdesk.dark.svg' },
    group: ['transform'],
    version: 1,
    subtitle: '={{$parameter["resource"] === "status" ? "List statuses" : {"get": "Get presence", "getMany": "Get many presences", "set": "Set presence", "setMany": "Set many presences", "setOccupancy": "Set occupancy"}[$parameter["operation"]]}}',
    description: 'Get and set the presence and occupancy of Talkdesk agents, and list their statuses',
    defaults: { name: 'Talkdesk Presence' },
    usableAsTool: true,
    inputs: [NodeConnectionTypes.Main],
    outputs: [NodeConnectionTypes.Main],
    credentials: [{ name: 'talkdeskOAuth2Api', required: true }],
    properties: actionProperties(talkdeskVendor),
  };

  methods = nodeMethods(talkdeskVendor);

  async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
    return executeAction(this, talkdeskVendor);
  }
}
