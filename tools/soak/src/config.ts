// The soak's settings per vendor and mode. Full: at least 500 polls per vendor;
// quick (for `npm test`): the same chaos, fewer polls, under a minute for all three.
import { chaosFaults, type SoakConfig } from './run';
import type { Vendor } from './vendors';

type Mode = 'full' | 'quick';

// A slow period (every request 580 ms late) makes a sweep span polls: with a 2 s budget,
// reads start until 1.6 s (and must end by 2.4 s), so the list and the first rounds of
// reads fit and the last round is left to the next poll.
const brownOut = { every: 50, length: 3, latencyMs: 580 };
const perVendor: Record<Vendor, Pick<SoakConfig, 'agents' | 'brownOut'>> = {
  // One request per agent, 10 at a time: 30 agents are three rounds.
  cirrus: { agents: 30, brownOut },
  talkdesk: { agents: 30, brownOut },
  // 50 agents per request: 600 agents are 12 requests; the list takes two (page 0, then 1).
  vonage: { agents: 600, brownOut },
};

export function soakConfig(vendor: Vendor, mode: Mode, overrides: Partial<SoakConfig> = {}): SoakConfig {
  const quick = mode === 'quick';
  return {
    vendor,
    polls: quick ? 50 : 500,
    seed: 7,
    budgetMs: 2000,
    stepMs: 60_000,
    faults: chaosFaults(vendor),
    ...perVendor[vendor],
    ...(quick ? { brownOut: { ...perVendor[vendor].brownOut!, every: 20, length: 2 } } : {}),
    ...overrides,
  };
}
