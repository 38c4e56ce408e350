import type { VendorHosts } from '../definition';

export const cirrusDefaultBaseUrl = 'https://api.commbox.io';

/** One host for every account; a static bearer token, so no token URL. */
export const cirrusHosts = {
  regions: [],
  defaultRegion: undefined,
  apiBaseUrl: () => cirrusDefaultBaseUrl,
} satisfies VendorHosts<never>;
