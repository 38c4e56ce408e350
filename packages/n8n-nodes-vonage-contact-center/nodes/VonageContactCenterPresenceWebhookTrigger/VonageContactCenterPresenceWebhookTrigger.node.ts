import { receiveVonageWebhook, vonageWebhookMethods, webhookTriggerProperties } from '@agent-presence/n8n-shared';
import { NodeConnectionTypes, type INodeType, type INodeTypeDescription, type IWebhookFunctions, type IWebhookResponseData } from 'n8n-workflow';

export class VonageContactCenterPresenceWebhookTrigger implements INodeType {
  description: INodeTypeDescription = {
    displayName: 'Vonage Contact Center Presence (Real-time) Trigger',
    name: 'vonageContactCenterPresenceWebhookTrigger',
    icon: { light: 'file:../../icons/vonage-contact-center.svg', dark: 'file:../../icons/vonage-contact-center.dark.svg' },
    group: ['trigger'],
    version: 1,
    subtitle: '=Real-time presence changes',
    description: 'Starts the workflow the moment a Vonage Contact Center agent\'s presence changes, from signed webhooks',
    defaults: { name: 'Vonage Contact Center Presence (Real-time) Trigger' },
    inputs: [],
    outputs: [NodeConnectionTypes.Main],
    credentials: [{ name: 'vonageContactCenterOAuth2Api', required: true }],
    webhooks: [{ name: 'default', httpMethod: 'POST', responseMode: 'onReceived', path: 'presence' }],
    properties: webhookTriggerProperties,
  };

  webhookMethods = vonageWebhookMethods;

  async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
    return receiveVonageWebhook(this);
  }
}
