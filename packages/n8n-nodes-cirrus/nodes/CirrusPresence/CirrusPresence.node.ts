import { actionProperties, executeAction, nodeMethods, cirrusVendor } from '@agent-presence/n8n-shared';
import { NodeConnectionTypes, type IExecuteFunctions, type INodeExecutionData, type INodeType, type INodeTypeDescription } from 'n8n-workflow';

export class CirrusPresence implements INodeType {
  description: INodeTypeDescription = {
    displayName: 'Cirrus Presence',
    name: 'cirrusPresence',
    icon: { light: 'file:../../icons/cirrus.svg', dark: 'file:../../icons/cirrus.dark.svg' },
    group: ['transform'],
    version: 1,
    subtitle: '={{$parameter["resource"] === "status" ? "List statuses" : {"get": "Get presence", "getMany": "Get many presences", "set": "Set presence", "setMany": "Set many presences"}[$parameter["operation"]]}}',
    description: 'Get and set the presence of Cirrus (Cirrus Digital) agents, and list their statuses',
    defaults: { name: 'Cirrus Presence' },
    usableAsTool: true,
    inputs: [NodeConnectionTypes.Main],
    outputs: [NodeConnectionTypes.Main],
    credentials: [{ name: 'cirrusApi', required: true }],
    properties: actionProperties(cirrusVendor),
  };

  methods = nodeMethods(cirrusVendor);

  async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
    return executeAction(this, cirrusVendor);
  }
}
