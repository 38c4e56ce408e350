// One vendor's CPU benchmark, in a process of its own (see runCpu).
import { cpuBenchmark, generatePolls } from './cpu';
import type { Vendor } from './sim';

async function main(): Promise<void> {
  const [vendor, records, iterations] = [process.argv[2] as Vendor, Number(process.argv[3]), Number(process.argv[4])];
  const polls = await generatePolls(vendor, records);
  const row = cpuBenchmark(vendor, polls, iterations);
  // Peak resident set of this process: the records, the simulator that made them, the benchmark.
  const peakRssMb = Math.round(process.resourceUsage().maxRSS / 1024);
  process.send?.({ ...row, peak_rss_mb: peakRssMb, heap_used_mb: Math.round(process.memoryUsage().heapUsed / 1048576) }, () => process.exit(0));
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
