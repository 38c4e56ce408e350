// Runs the simulator in a process of its own, so that its CPU work (building and
// serialising vendor responses) does not share the event loop of the code being
// measured: a vendor's servers are not on the machine that runs n8n.
import { startSimulator } from '@agent-presence/simulator';

async function main(): Promise<void> {
  const options = JSON.parse(process.argv[2] ?? '{}') as Parameters<typeof startSimulator>[0];
  const sim = await startSimulator(options);
  process.send?.({ url: sim.url, vendors: sim.vendors, credentials: sim.credentials });
  const stop = () => void sim.close().then(() => process.exit(0));
  process.on('disconnect', stop);
  process.on('SIGTERM', stop);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
