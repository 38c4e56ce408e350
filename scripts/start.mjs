// `npm start`: the main job. Until the real-n8n harness lands (tools/n8n-e2e), it
// builds the workspace and runs the vendor simulator, printing its URLs and demo credentials.
import { spawn } from 'node:child_process';

const run = (cmd, args) =>
  new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { stdio: 'inherit' });
    child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`${cmd} ${args.join(' ')} exited ${code}`))));
  });

await run('npx', ['nx', 'run-many', '-t', 'build']);
console.log('\nStarting the vendor simulator. A real n8n with our nodes and example workflows joins it when tools/n8n-e2e lands.\n');
const sim = spawn('npm', ['run', 'start', '-w', '@agent-presence/simulator'], { stdio: 'inherit' });
const stop = () => sim.kill('SIGINT');
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
sim.on('exit', (code) => process.exit(code ?? 0));
