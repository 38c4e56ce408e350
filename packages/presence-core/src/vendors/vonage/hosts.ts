import { z } from 'zod/v4';
import type { VendorHosts } from '../definition';

export const vonageRegions = ['emea', 'nam', 'apac'] as const;
export const VonageRegionSchema = z.enum(vonageRegions);
export type VonageRegion = z.infer<typeof VonageRegionSchema>;

export function vonageApiBaseUrl(region: VonageRegion): string {
  return `https://${region}.api.newvoicemedia.com`;
}
export function vonageTokenUrl(region: VonageRegion): string {
  return `https://${region}.cc.vonage.com/Auth/connect/token`;
}

export const vonageHosts = {
  regions: [
    { id: 'emea', name: 'EMEA' },
    { id: 'nam', name: 'NAM' },
    { id: 'apac', name: 'APAC' },
  ],
  defaultRegion: 'emea',
  apiBaseUrl: vonageApiBaseUrl,
  tokenUrl: (region) => vonageTokenUrl(region),
} satisfies VendorHosts<VonageRegion>;
