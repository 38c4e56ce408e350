/** Vendor request counters, keyed `<vendor> <METHOD> <route template>`. */
import type { VendorId } from './types';
import { VENDORS, type VendorCounters } from './vendors/registry';

export interface VendorCountersSnapshot {
  total: number;
  byVendor: Record<VendorId, number>;
  /** e.g. `{"vonage GET /agents/presences/users": 3}` */
  byEndpoint: Record<string, number>;
  /** Most requests to each vendor being handled at once (latency included) since the last reset. */
  peakInFlight: Record<VendorId, number>;
}

/** The vendor request counters plus the sections vendors add (Vonage webhook deliveries, which are not vendor requests). */
export type CountersSnapshot = VendorCountersSnapshot & VendorCounters;

const zeros = (): Record<VendorId, number> => Object.fromEntries(VENDORS.map((v) => [v, 0])) as Record<VendorId, number>;

export class Counters {
  private counts = new Map<string, number>();
  private inFlight = zeros();
  private peak = zeros();

  /** A request to `vendor` is being handled until the returned function is called. */
  begin(vendor: VendorId): () => void {
    this.peak[vendor] = Math.max(this.peak[vendor], ++this.inFlight[vendor]);
    let ended = false;
    return () => {
      if (ended) return;
      ended = true;
      this.inFlight[vendor]--;
    };
  }

  increment(vendor: VendorId, method: string, template: string): void {
    const key = `${vendor} ${method} ${template}`;
    this.counts.set(key, (this.counts.get(key) ?? 0) + 1);
  }

  snapshot(): VendorCountersSnapshot {
    const byVendor = zeros();
    const byEndpoint: Record<string, number> = {};
    let total = 0;
    for (const key of [...this.counts.keys()].sort()) {
      const n = this.counts.get(key)!;
      byEndpoint[key] = n;
      byVendor[key.slice(0, key.indexOf(' ')) as VendorId] += n;
      total += n;
    }
    return { total, byVendor, byEndpoint, peakInFlight: { ...this.peak } };
  }

  reset(): void {
    this.counts.clear();
    // Requests under way stay counted in flight: the peak starts again from them.
    this.peak = { ...this.inFlight };
  }
}
