import type { ProviderId } from '../model';

export const providerNames: Record<ProviderId, string> = {
  cirrus: 'Cirrus',
  vonage: 'Vonage Contact Center',
  talkdesk: 'Talkdesk',
};
