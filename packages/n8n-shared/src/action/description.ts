import type { INodeProperties } from 'n8n-workflow';
import type { VendorConfig } from '../vendor';
import * as agentPresence from './agentPresence';
import * as status from './status';

/** The action node's parameters: the same resources and operations for every vendor. */
export function actionProperties(vendor: VendorConfig): INodeProperties[] {
  return [
    {
      displayName: 'Resource',
      name: 'resource',
      type: 'options',
      noDataExpression: true,
      options: [
        { name: 'Agent Presence', value: 'agentPresence' },
        { name: 'Status', value: 'status' },
      ],
      default: 'agentPresence',
    },
    ...agentPresence.description(vendor),
    ...status.description(vendor),
  ];
}
