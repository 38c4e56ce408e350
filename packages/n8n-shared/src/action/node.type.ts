import type { AllEntities } from 'n8n-workflow';

/**
 * The action node's resources and their operations: the keys the router dispatches on. A new
 * operation is a key here, an `<resource>/<operation>.operation.ts` file, and a line in that
 * resource's index.
 */
type NodeMap = {
  agentPresence: 'get' | 'getMany' | 'set' | 'setMany';
  status: 'getMany';
};

export type ActionResource = keyof NodeMap;
/** One `{ resource, operation }` pair of the node. */
export type PresenceAction = AllEntities<NodeMap>;
