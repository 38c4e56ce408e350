import { z } from 'zod/v4';
import type { VendorHosts } from '../definition';

export const talkdeskRegions = ['us', 'eu', 'ca'] as const;
export const TalkdeskRegionSchema = z.enum(talkdeskRegions);
export type TalkdeskRegion = z.infer<typeof TalkdeskRegionSchema>;

const apiHosts: Record<TalkdeskRegion, string> = {
  us: 'https://api.talkdeskapp.com',
  eu: 'https://api.talkdeskapp.eu',
  ca: 'https://api.talkdeskappca.com',
};
const idDomains: Record<TalkdeskRegion, string> = {
  us: 'talkdeskid.com',
  eu: 'talkdeskid.eu',
  ca: 'talkdeskidca.com',
};

export function talkdeskApiBaseUrl(region: TalkdeskRegion): string {
  return apiHosts[region];
}

/** The token URL names the account (a sub-domain); talkdeskTokenUrl checks the name first. */
export const talkdeskHosts = {
  regions: [
    { id: 'us', name: 'US' },
    { id: 'eu', name: 'EU' },
    { id: 'ca', name: 'Canada' },
  ],
  defaultRegion: 'us',
  apiBaseUrl: talkdeskApiBaseUrl,
  tokenUrl: (region, account) => `https://${account}.${idDomains[region]}/oauth/token`,
} satisfies VendorHosts<TalkdeskRegion>;
