/**
 * The scenario engine: how an agent moves through a working day.
 *
 *   logged out -> (log in) ready -> on a call -> ready -> break / lunch / training /
 *   meeting (/ a vendor's rare phase: a missed call, hidden) -> ready -> ... -> (shift over) logged out
 *
 * Each agent has its own seeded PRNG stream (mulberry32), so its day depends only on
 * the world seed and its index, never on the other agents or the order of requests.
 * Times are virtual milliseconds.
 */
import type { Phase, SimAgent } from './types';

// Module-level aliases: global lookups are slow inside vm contexts (e.g. under jest).
const imul = Math.imul;
const floor = Math.floor;

const S = 1000;
const MIN = 60 * S;
const HOUR = 60 * MIN;

/** How long each phase lasts, [min, max] in ms. */
export const PHASE_DURATIONS: Record<Phase, readonly [number, number]> = {
  offline: [15 * MIN, 90 * MIN],
  ready: [20 * S, 3 * MIN],
  call: [90 * S, 10 * MIN],
  break: [5 * MIN, 15 * MIN],
  lunch: [30 * MIN, 45 * MIN],
  training: [30 * MIN, 60 * MIN],
  busy: [15 * MIN, 30 * MIN],
  missed: [30 * S, 2 * MIN],
  hidden: [2 * MIN, 10 * MIN],
};

/** Length of a shift (logged in), [min, max] in ms. */
export const SHIFT_LENGTH: readonly [number, number] = [4 * HOUR, 8 * HOUR];

/** mulberry32 step on the agent's own stream: float in [0, 1). */
export function agentRandom(agent: { rngState: number }): number {
  let t = (agent.rngState = (agent.rngState + 0x6d2b79f5) | 0);
  t = imul(t ^ (t >>> 15), t | 1);
  t ^= t + imul(t ^ (t >>> 7), t | 61);
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
}

function between(agent: SimAgent, [min, max]: readonly [number, number]): number {
  return min + floor(agentRandom(agent) * (max - min + 1));
}

export function phaseDuration(agent: SimAgent, phase: Phase): number {
  return between(agent, PHASE_DURATIONS[phase]);
}

/** Start a shift at `t` (log in). */
export function startShift(agent: SimAgent, t: number): void {
  agent.shiftStart = t;
  agent.shiftEnd = t + between(agent, SHIFT_LENGTH);
  agent.lunchTaken = false;
}

/**
 * Pick the phase an agent is in at the world's start and when it began; sets
 * phase, since, nextAt and the shift fields.
 */
export function initialPhase(agent: SimAgent, start: number): void {
  const roll = agentRandom(agent);
  const phase: Phase =
    roll < 0.2
      ? 'offline'
      : roll < 0.5
        ? 'ready'
        : roll < 0.8
          ? 'call'
          : roll < 0.88
            ? 'break'
            : roll < 0.94
              ? 'lunch'
              : roll < 0.97
                ? 'training'
                : 'busy';
  agent.phase = phase;
  if (phase === 'offline') {
    agent.shiftStart = 0;
    agent.shiftEnd = 0;
    agent.lunchTaken = false;
    agent.since = start - between(agent, [MIN, 8 * HOUR]);
    agent.nextAt = start + between(agent, [S, PHASE_DURATIONS.offline[1]]);
    return;
  }
  const length = between(agent, SHIFT_LENGTH);
  agent.shiftStart = start - between(agent, [0, length - 30 * MIN]);
  agent.shiftEnd = agent.shiftStart + length;
  agent.lunchTaken = phase === 'lunch' || start - agent.shiftStart > 0.6 * length;
  const d = phaseDuration(agent, phase);
  agent.since = start - between(agent, [0, d - S]);
  agent.nextAt = agent.since + d;
}

/** Decide what an agent does next at time `t` (updates shift fields on log in/out). */
export function nextPhase(agent: SimAgent, rarePhase: { phase: Phase; below: number } | undefined, t: number): Phase {
  switch (agent.phase) {
    case 'offline':
      startShift(agent, t);
      return 'ready';
    case 'ready': {
      if (t >= agent.shiftEnd) return 'offline';
      const half = agent.shiftStart + 0.45 * (agent.shiftEnd - agent.shiftStart);
      if (!agent.lunchTaken && t >= half && agentRandom(agent) < 0.5) {
        agent.lunchTaken = true;
        return 'lunch';
      }
      const r = agentRandom(agent);
      if (r < 0.72) return 'call';
      if (r < 0.84) return 'break';
      if (r < 0.88) return 'training';
      if (r < 0.91) return 'busy';
      if (rarePhase !== undefined && r < rarePhase.below) return rarePhase.phase;
      return 'call';
    }
    default:
      return 'ready';
  }
}
