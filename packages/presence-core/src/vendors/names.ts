import type { VendorId } from '../model';

export const vendorNames: Record<VendorId, string> = {
  cirrus: 'Cirrus',
  vonage: 'Vonage Contact Center',
  talkdesk: 'Talkdesk',
};
