import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';
import type { VendorConfig, VendorOperation } from '../vendor';
import type { ActionResource } from './node.type';

/*
 * Operations only one vendor's API offers live beside the common ones (one
 * `<resource>/<operation>.operation.ts` each), but only the vendor config lists them: so its
 * node alone shows them in the resource's Operation list and the router runs them for it alone.
 */

export function vendorOperations(vendor: VendorConfig, resource: ActionResource): readonly VendorOperation[] {
  return vendor.operations?.[resource] ?? [];
}

/** The resource's Operation list: the common entries and the vendor's own, by name as n8n lists them. */
export function operationOptions(vendor: VendorConfig, resource: ActionResource, common: INodePropertyOptions[]): INodePropertyOptions[] {
  const own = vendorOperations(vendor, resource).map(({ option }) => ({ name: option.name, value: option.value, action: option.action(vendor), description: option.description }));
  return [...common, ...own].sort((a, b) => a.name.localeCompare(b.name));
}

/** The parameters of the vendor's own operations of the resource (each shown for its operation only). */
export function vendorDescriptions(vendor: VendorConfig, resource: ActionResource): INodeProperties[] {
  return vendorOperations(vendor, resource).flatMap((operation) => operation.description(vendor));
}

/** The vendor's own operation named by the node's parameters, if it has one. */
export function vendorOperation(vendor: VendorConfig, resource: string, operation: string): VendorOperation | undefined {
  return (vendor.operations as Record<string, readonly VendorOperation[] | undefined> | undefined)?.[resource]?.find((o) => o.option.value === operation);
}
