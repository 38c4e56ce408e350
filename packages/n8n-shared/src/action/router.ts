import { InputError, type PresenceClient } from '@agent-presence/presence-core';
import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { createClientFor } from '../client';
import { toNodeError } from '../errors';
import { hostApis, requireHostApis } from '../host';
import type { VendorConfig } from '../vendor';
import * as agentPresence from './agentPresence';
import type { PresenceAction } from './node.type';
import type { ActionOperation, ActionRun } from './operation';
import * as status from './status';
import { vendorOperation } from './vendor-operations';

/** Every operation, by resource and operation key: what the router dispatches to. */
export const resources: { [R in PresenceAction['resource']]: Record<Extract<PresenceAction, { resource: R }>['operation'], ActionOperation> } = {
  agentPresence: agentPresence.operations,
  status: status.operations,
};

/** The common operation, else the vendor's own (listed by its config: no other vendor's node runs it). */
function operationOf(action: { resource: string; operation: string }, vendor: VendorConfig): ActionOperation | undefined {
  const operations = (resources as Record<string, Record<string, ActionOperation> | undefined>)[action.resource];
  if (operations && Object.hasOwn(operations, action.operation)) return operations[action.operation];
  return vendorOperation(vendor, action.resource, action.operation);
}

/** The action node's execute(): the operation the node is set to, given every input item. */
export async function executeAction(ctx: IExecuteFunctions, vendor: VendorConfig): Promise<INodeExecutionData[][]> {
  requireHostApis(ctx, hostApis.execute);
  const items = ctx.getInputData();
  // Both parameters take no expression (noDataExpression), so the first item's hold for all.
  const action = { resource: ctx.getNodeParameter('resource', 0) as string, operation: ctx.getNodeParameter('operation', 0) as string };
  const operation = operationOf(action, vendor);
  if (!operation) {
    throw toNodeError(ctx.getNode(), new InputError('Operation', `"${action.operation}" is not an operation of ${action.resource}`, 'Pick an operation from the list.'), 0);
  }
  let client: Promise<PresenceClient> | undefined;
  const run: ActionRun = {
    ctx,
    vendor,
    items,
    client: () =>
      (client ??= createClientFor(ctx, vendor).catch((error: unknown) => {
        // Not kept: with continue-on-fail, the next item tries the credential again.
        client = undefined;
        throw error;
      })),
  };
  return [await operation.execute(run)];
}
