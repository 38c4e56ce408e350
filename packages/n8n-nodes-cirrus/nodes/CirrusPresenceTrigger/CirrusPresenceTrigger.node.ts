import { nodeMethods, pollPresence, triggerProperties, cirrusVendor } from '@agent-presence/n8n-shared';
import { NodeConnectionTypes, type INodeExecutionData, type INodeType, type INodeTypeDescription, type IPollFunctions } from 'n8n-workflow';

export class CirrusPresenceTrigger implements INodeType {
  description: INodeTypeDescription = {
    displayName: 'Cirrus Presence Trigger',
    name: 'cirrusPresenceTrigger',
    icon: { light: 'file:../../icons/cirrus.svg', dark: 'file:../../icons/cirrus.dark.svg' },
    group: ['trigger'],
    version: 1,
    subtitle: '={{"Watching " + ($parameter["watch"] === "ids" ? "given agents" : "all agents")}}',
    // n8n's node panel shows this trigger and the action node (same name without "Trigger") as one
    // entry, and gives that entry this description: it must describe both.
    description: 'Start a workflow when a Cirrus (Cirrus Digital) agent\'s presence changes, or get and set agents\' presence',
    defaults: { name: 'Cirrus Presence Trigger' },
    polling: true,
    inputs: [],
    outputs: [NodeConnectionTypes.Main],
    credentials: [{ name: 'cirrusApi', required: true }],
    properties: triggerProperties(cirrusVendor),
  };

  methods = nodeMethods(cirrusVendor);

  async poll(this: IPollFunctions): Promise<INodeExecutionData[][] | null> {
    return pollPresence(this, cirrusVendor);
  }
}
