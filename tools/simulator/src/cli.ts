#!/usr/bin/env node
/**
 * `npm start` / `npm run simulator`: start the simulator with autoplay on.
 *
 *   --port N        (or PORT env; default 4010, 0 = ephemeral)
 *   --host H        (default 127.0.0.1; 0.0.0.0 to reach it from containers)
 *   --agents N      agents per vendor (default 25, max 50000)
 *   --seed N        (default 1)
 *   --latency MS    fixed latency on every vendor request (default 0)
 *   --speed X       virtual ms per wall ms (default 1)
 *   --no-autoplay   start with the clock paused (move it with POST /_sim/time)
 *   and each vendor's own flags (`--talkdesk-user-id`: add user_id to Talkdesk presence records)
 */
import { startSimulator, type SimulatorOptions } from './server';
import { VENDOR_LIST, VENDORS, vendorOf } from './vendors/registry';

const VENDOR_FLAGS = VENDOR_LIST.flatMap((v) => v.flags ?? []);

function parseArgs(argv: string[]): SimulatorOptions & { help?: boolean } {
  const opts: SimulatorOptions & { help?: boolean } = { autoplay: true };
  const num = (name: string, value: string | undefined): number => {
    const n = Number(value);
    if (value === undefined || value.trim() === '' || !Number.isFinite(n)) throw new Error(`${name} needs a number`);
    return n;
  };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    const [flag, inline] = arg.includes('=') ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)] : [arg, undefined];
    const value = () => inline ?? argv[++i];
    switch (flag) {
      case '--port':
        opts.port = num(flag, value());
        break;
      case '--host':
        opts.host = value() ?? '127.0.0.1';
        break;
      case '--agents':
        opts.agents = num(flag, value());
        break;
      case '--seed':
        opts.seed = num(flag, value());
        break;
      case '--latency':
        opts.latencyMs = num(flag, value());
        break;
      case '--speed':
        opts.speed = num(flag, value());
        break;
      case '--no-autoplay':
        opts.autoplay = false;
        break;
      case '--help':
      case '-h':
        opts.help = true;
        break;
      default: {
        const own = VENDOR_FLAGS.find((f) => f.flag === flag);
        if (!own) throw new Error(`unknown option ${arg} (try --help)`);
        Object.assign(opts, own.config);
      }
    }
  }
  if (opts.port === undefined) opts.port = process.env.PORT ? num('PORT', process.env.PORT) : 4010;
  return opts;
}

async function main(): Promise<void> {
  let opts: ReturnType<typeof parseArgs>;
  try {
    opts = parseArgs(process.argv.slice(2));
  } catch (err) {
    console.error(`simulator: ${(err as Error).message}`);
    process.exit(2);
  }
  if (opts.help) {
    const own = VENDOR_FLAGS.map((f) => ` [${f.flag}]`).join('');
    console.log(`Usage: simulator [--port N] [--host H] [--agents N] [--seed N] [--latency MS] [--speed X]${own} [--no-autoplay]`);
    return;
  }
  const sim = await startSimulator(opts);
  const c = sim.credentials;
  console.log(`agent-presence simulator listening on ${sim.url}  (agents per vendor: ${opts.agents ?? 25}, seed: ${opts.seed ?? 1})`);
  console.log('');
  for (const id of VENDORS) {
    for (const line of vendorOf(id).banner(sim.vendors[id], c[id], sim.url)) console.log(line);
  }
  console.log('');
  console.log(`Control API: ${sim.url}/_sim  (GET it for the list)`);

  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`\n${signal}: stopping simulator`);
    sim.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
}

main().catch((err: unknown) => {
  console.error(`simulator: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
});
