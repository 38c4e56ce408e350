/** Vendor request counters, keyed `<vendor> <METHOD> <route template>`. */
import type { VendorId } from './types';
import type { WebhookCounters } from './webhooks';

export interface VendorCountersSnapshot {
  total: number;
  byVendor: Record<VendorId, number>;
  /** e.g. `{"vonage GET /agents/presences/users": 3}` */
  byEndpoint: Record<string, number>;
}

/** The vendor request counters plus the Vonage webhook deliveries (which are not vendor requests). */
export interface CountersSnapshot extends VendorCountersSnapshot {
  webhooks: WebhookCounters;
}

export class Counters {
  private counts = new Map<string, number>();

  increment(vendor: VendorId, method: string, template: string): void {
    const key = `${vendor} ${method} ${template}`;
    this.counts.set(key, (this.counts.get(key) ?? 0) + 1);
  }

  snapshot(): VendorCountersSnapshot {
    const byVendor: Record<VendorId, number> = { cirrus: 0, vonage: 0, talkdesk: 0 };
    const byEndpoint: Record<string, number> = {};
    let total = 0;
    for (const key of [...this.counts.keys()].sort()) {
      const n = this.counts.get(key)!;
      byEndpoint[key] = n;
      byVendor[key.slice(0, key.indexOf(' ')) as VendorId] += n;
      total += n;
    }
    return { total, byVendor, byEndpoint };
  }

  reset(): void {
    this.counts.clear();
  }
}
