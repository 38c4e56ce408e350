import { nodeMethods, pollPresence, triggerProperties, vonageVendor } from '@agent-presence/n8n-shared';
import { NodeConnectionTypes, type INodeExecutionData, type INodeType, type INodeTypeDescription, type IPollFunctions } from 'n8n-workflow';

export class VonageContactCenterPresenceTrigger implements INodeType {
  description: INodeTypeDescription = {
    displayName: 'Vonage Contact Center Presence Trigger',
    name: 'vonageContactCenterPresenceTrigger',
    icon: { light: 'file:../../icons/vonage-contact-center.svg', dark: 'file:../../icons/vonage-contact-center.dark.svg' },
    group: ['trigger'],
    version: 1,
    subtitle: '={{"Watching " + ($parameter["watch"] === "ids" ? "given agents" : "all agents")}}',
    // n8n's node panel shows this trigger and the action node (same name without "Trigger") as one
    // entry, and gives that entry this description: it must describe both.
    description: 'Start a workflow when a Vonage Contact Center agent\'s presence changes, or get and set agents\' presence and read its history',
    defaults: { name: 'Vonage Contact Center Presence Trigger' },
    polling: true,
    inputs: [],
    outputs: [NodeConnectionTypes.Main],
    credentials: [{ name: 'vonageContactCenterOAuth2Api', required: true }],
    properties: triggerProperties(vonageVendor),
  };

  methods = nodeMethods(vonageVendor);

  async poll(this: IPollFunctions): Promise<INodeExecutionData[][] | null> {
    return pollPresence(this, vonageVendor);
  }
}
