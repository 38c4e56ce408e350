import { actionProperties, executeAction, nodeMethods, vonageVendor } from '@agent-presence/n8n-shared';
import { NodeConnectionTypes, type IExecuteFunctions, type INodeExecutionData, type INodeType, type INodeTypeDescription } from 'n8n-workflow';

export class VonageContactCenterPresence implements INodeType {
  description: INodeTypeDescription = {
    displayName: 'Vonage Contact Center Presence',
    name: 'vonageContactCenterPresence',
    icon: { light: 'file:../../icons/vonage-contact-center.svg', dark: 'file:../../icons/vonage-contact-center.dark.svg' },
    group: ['transform'],
    version: 1,
    subtitle: '={{$parameter["resource"] === "status" ? "List statuses" : {"get": "Get presence", "getMany": "Get many presences", "set": "Set presence", "setMany": "Set many presences", "getHistory": "Get presence history"}[$parameter["operation"]]}}',
    description: 'Get and set the presence of Vonage Contact Center agents, read their presence history, and list their statuses',
    defaults: { name: 'Vonage Contact Center Presence' },
    usableAsTool: true,
    inputs: [NodeConnectionTypes.Main],
    outputs: [NodeConnectionTypes.Main],
    credentials: [{ name: 'vonageContactCenterOAuth2Api', required: true }],
    properties: actionProperties(vonageVendor),
  };

  methods = nodeMethods(vonageVendor);

  async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
    return executeAction(this, vonageVendor);
  }
}
