import type { VendorHosts } from '@agent-presence/presence-core';

/** Stands for the inserted value while core's builder runs; no host or path contains it. */
const slot = '\u0000inserted\u0000';

/**
 * An n8n expression (without `={{ }}`) giving, for the region in `region` (an expression
 * such as `$self["region"]`), what core's `build` gives for that region. It is a table
 * written out from the builder, so the credential cannot drift from core; a test evaluates
 * it in n8n for every region. `inserted`: an expression for the builder's second argument
 * (Talkdesk's account name), spliced where the builder puts it.
 */
export function regionExpression<Region extends string>(
  hosts: Pick<VendorHosts<Region>, 'regions'>,
  region: string,
  build: (region: Region, inserted: string) => string,
  inserted?: string,
): string {
  if (hosts.regions.length === 0) throw new Error('regionExpression: the vendor has no regions');
  const table: Partial<Record<Region, string | string[]>> = {};
  for (const { id } of hosts.regions) {
    const url = build(id, slot);
    const parts = url.split(slot);
    if (inserted === undefined ? parts.length !== 1 : parts.length !== 2) {
      throw new Error(`regionExpression: the URL of ${id} holds the inserted value ${parts.length - 1} times`);
    }
    table[id] = inserted === undefined ? url : parts;
  }
  const lookup = `(${JSON.stringify(table)})[${region}]`;
  return inserted === undefined ? lookup : `${lookup}.join(${inserted})`;
}

/** A credential's Region options, in the vendor's order. */
export function regionOptions<Region extends string>(hosts: Pick<VendorHosts<Region>, 'regions'>): Array<{ name: string; value: string }> {
  return hosts.regions.map((r) => ({ name: r.name, value: r.id }));
}
