// `npm run soak [-- --quick] [-- --polls N --vendor v --seed N]` (`-- --help` lists them)
// Runs the chaos soak for each vendor (in parallel: each has its own simulator and
// clock), prints a summary and, last, one line per vendor:
//   soak: vendor=<v> polls=<n> faults=<f> missed=<m> duplicated=<d> spurious=<s>
// Exits non-zero unless every count is 0 (and no secret leaked).
import { parseArgs } from 'node:util';
import { OutputCapture } from './capture';
import { soakConfig } from './config';
import { runSoak, type SoakResult } from './run';
import { SecretScanner } from './secrets';
import { vendors, type Vendor } from './vendors';

const usage = `npm run soak [-- options]

The chaos soak: each vendor's polling trigger runs through n8n-core against its own simulator
(faults, brown-outs, token expiry), and every emitted change is checked against ground truth.
Ends with one line per vendor and exits non-zero unless missed, duplicated and spurious are 0.

Options:
  --quick           the short run npm test uses (50 polls per vendor instead of 500)
  --polls N         polls per vendor
  --seed N          seed of the simulated day and of the faults (default 7)
  --vendor V        only this vendor (cirrus, vonage or talkdesk); repeat for several
  -h, --help        this text`;

async function main(): Promise<number> {
  let values;
  try {
    ({ values } = parseArgs({
      options: {
        quick: { type: 'boolean', default: false },
        polls: { type: 'string' },
        seed: { type: 'string' },
        vendor: { type: 'string', multiple: true },
        help: { type: 'boolean', short: 'h', default: false },
      },
    }));
  } catch (error) {
    process.stderr.write(`soak: ${(error as Error).message}\n\n${usage}\n`);
    return 2;
  }
  if (values.help) {
    process.stdout.write(`${usage}\n`);
    return 0;
  }
  for (const [name, value] of [['--polls', values.polls], ['--seed', values.seed]] as const) {
    if (value !== undefined && !/^\d+$/.test(value)) {
      process.stderr.write(`soak: ${name} needs a whole number, got "${value}"\n`);
      return 2;
    }
  }
  const chosen = (values.vendor?.length ? values.vendor : vendors) as Vendor[];
  for (const v of chosen) {
    if (!vendors.includes(v)) {
      process.stderr.write(`soak: --vendor ${v}: use one of ${vendors.join(', ')}\n`);
      return 2;
    }
  }
  const mode = values.quick ? 'quick' : 'full';
  const started = Date.now();
  const print = (line: string) => process.stdout.write(`${line}\n`);
  print(`soak (${mode}): ${chosen.join(', ')}`);

  // Everything written while the soak runs (n8n's logger included) is scanned for secrets.
  const capture = new OutputCapture(true).start();
  const scanners = new Map<Vendor, SecretScanner>(chosen.map((v) => [v, new SecretScanner()]));
  let results: SoakResult[];
  try {
    results = await Promise.all(
      chosen.map((vendor) =>
        runSoak(
          soakConfig(vendor, mode, {
            ...(values.polls ? { polls: Number(values.polls) } : {}),
            ...(values.seed ? { seed: Number(values.seed) } : {}),
            log: print,
          }),
          { scanner: scanners.get(vendor) },
        ),
      ),
    );
  } finally {
    capture.stop();
  }

  let failed = false;
  for (const r of results) {
    const share = r.requests > 0 ? ((100 * r.faults) / r.requests).toFixed(1) : '0';
    const kinds = Object.entries(r.faultsByKind)
      .map(([k, n]) => `${k}:${n}`)
      .join(' ');
    print(
      `${r.vendor}: ${r.polls} polls (${r.failedPolls} failed, ${r.partialPolls} partial sweeps, ${r.sweeps} sweep ends), ` +
        `${r.requests} requests, ${r.faults} faults (${share}%: ${kinds}), ${r.tokens} access tokens, ` +
        `${r.groundTruthChanges} ground-truth changes, ${r.expected} visible, ${r.emitted} emitted, late=${r.late}, misread=${r.misread}, ` +
        `slowest poll ${r.slowestPollMs} ms, ${(r.elapsedMs / 1000).toFixed(1)} s`,
    );
    for (const p of r.problems) print(`  ${r.vendor}: ${p}`);
    // Items, errors and static data were scanned during the run; the captured output is added now.
    const scanner = scanners.get(r.vendor)!;
    scanner.addLines('output', capture.lines);
    const leaks = scanner.leaks(r.secrets);
    print(`${r.vendor}: secret hygiene: ${r.scanned} texts and ${capture.lines.length} output lines scanned, ${leaks.length} leak(s)`);
    for (const l of leaks.slice(0, 5)) print(`  ${r.vendor}: LEAK of ${l.secret} in ${l.where}: ${l.excerpt}`);
    if (r.faults / Math.max(1, r.requests) < 0.1) {
      print(`${r.vendor}: fewer than 10% of requests failed: the soak proves too little`);
      failed = true;
    }
    if (leaks.length > 0) failed = true;
  }
  print(`soak (${mode}) took ${((Date.now() - started) / 1000).toFixed(1)} s`);
  for (const r of results) {
    if (r.missed + r.duplicated + r.spurious > 0) failed = true;
    print(`soak: vendor=${r.vendor} polls=${r.polls} faults=${r.faults} missed=${r.missed} duplicated=${r.duplicated} spurious=${r.spurious}`);
  }
  return failed ? 1 : 0;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`soak: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exitCode = 2;
  },
);
