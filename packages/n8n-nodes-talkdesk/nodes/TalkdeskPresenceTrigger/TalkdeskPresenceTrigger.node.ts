import { nodeMethods, pollPresence, triggerProperties, talkdeskVendor } from '@agent-presence/n8n-shared';
import { NodeConnectionTypes, type INodeExecutionData, type INodeType, type INodeTypeDescription, type IPollFunctions } from 'n8n-workflow';

export class TalkdeskPresenceTrigger implements INodeType {
  description: INodeTypeDescription = {
    displayName: 'Talkdesk Presence Trigger',
    name: 'talkdeskPresenceTrigger',
    icon: { light: 'file:../../icons/talkdesk.svg', dark: 'file:../../icons/talkdesk.dark.svg' },
    group: ['trigger'],
    version: 1,
    subtitle: '={{"Watching " + ($parameter["watch"] === "ids" ? "given agents" : "all agents")}}',
    // n8n's node panel shows this trigger and the action node (same name without "Trigger") as one
    // entry, and gives that entry this description: it must describe both.
    description: 'Start a workflow when a Talkdesk agent\'s presence changes, or get and set agents\' presence and occupancy',
    defaults: { name: 'Talkdesk Presence Trigger' },
    polling: true,
    inputs: [],
    outputs: [NodeConnectionTypes.Main],
    credentials: [{ name: 'talkdeskOAuth2Api', required: true }],
    properties: triggerProperties(talkdeskVendor),
  };

  methods = nodeMethods(talkdeskVendor);

  async poll(this: IPollFunctions): Promise<INodeExecutionData[][] | null> {
    return pollPresence(this, talkdeskVendor);
  }
}
