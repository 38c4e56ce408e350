import { performance } from 'node:perf_hooks';

/**
 * The virtual clock. It follows wall time (times `speed`) while running, stands
 * still while paused, and can be moved forward by any number of milliseconds.
 * Every vendor timestamp, token expiry and scenario change uses it.
 */
export class VirtualClock {
  private base: number;
  private anchor: number;
  private running: boolean;
  private rate: number;

  constructor(startMs: number, options: { running?: boolean; speed?: number } = {}) {
    this.base = startMs;
    this.anchor = performance.now();
    this.running = options.running ?? false;
    this.rate = options.speed ?? 1;
  }

  /** Virtual epoch milliseconds (integer). */
  now(): number {
    if (!this.running) return this.base;
    return Math.floor(this.base + (performance.now() - this.anchor) * this.rate);
  }

  get paused(): boolean {
    return !this.running;
  }

  get speed(): number {
    return this.rate;
  }

  pause(): void {
    this.base = this.now();
    this.running = false;
  }

  resume(): void {
    if (this.running) return;
    this.anchor = performance.now();
    this.running = true;
  }

  advance(ms: number): void {
    this.base = this.now() + ms;
    this.anchor = performance.now();
  }

  setSpeed(speed: number): void {
    this.base = this.now();
    this.anchor = performance.now();
    this.rate = speed;
  }
}
