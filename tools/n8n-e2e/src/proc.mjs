// Child processes, logs and waiting. Long outputs go to log files under .n8n-e2e/logs,
// never to the repo; a failure prints the tail of its log.
import { spawn } from 'node:child_process';
import { createWriteStream, mkdirSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { logsDir } from './paths.mjs';

const t0 = Date.now();

/** One progress line with the seconds since start. */
export function log(message) {
  const s = ((Date.now() - t0) / 1000).toFixed(1).padStart(6);
  console.log(`[${s}s] ${message}`);
}

export const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

export function logFile(name) {
  mkdirSync(logsDir, { recursive: true });
  return join(logsDir, name);
}

function tail(file, lines = 30) {
  try {
    return readFileSync(file, 'utf8').trimEnd().split('\n').slice(-lines).join('\n');
  } catch {
    return '';
  }
}

/**
 * Runs a command to its end. Output goes to `log` (a file name under .n8n-e2e/logs) unless
 * `capture` is set, in which case stdout is returned (stderr still goes to the log).
 * Rejects on a non-zero exit with the tail of the log.
 */
export function run(cmd, args, { cwd, env, log: logName, capture = false, input, uid, gid } = {}) {
  const file = logFile(logName ?? `${cmd.split('/').pop()}.log`);
  const out = createWriteStream(file, { flags: 'a' });
  out.write(`\n$ ${cmd} ${args.join(' ')}\n`);
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { cwd, env: env ?? process.env, stdio: ['pipe', 'pipe', 'pipe'], uid, gid });
    let stdout = '';
    child.stdout.on('data', (d) => (capture ? (stdout += d) : out.write(d)));
    child.stderr.on('data', (d) => out.write(d));
    if (input !== undefined) child.stdin.end(input);
    else child.stdin.end();
    child.on('error', (err) => {
      out.end();
      reject(err);
    });
    child.on('close', (code, signal) => {
      out.end(() => {
        if (code === 0) return resolve(stdout);
        const err = new Error(`${cmd.split('/').pop()} ${args.join(' ')} failed (${signal ?? `exit ${code}`}); log: ${file}\n${tail(file)}`);
        err.stdout = stdout;
        reject(err);
      });
    });
  });
}

/**
 * Starts a long-running process in its own process group, output to a log file.
 * `stop()` sends SIGTERM to the group, then SIGKILL after `graceMs`; `kill()` is `kill -9` of
 * the group (a crash: the process and its children, as when a container dies), resolved once
 * the process has exited. `uid`/`gid` run it as another user.
 */
export function startProcess(cmd, args, { cwd, env, log: logName, graceMs = 20_000, uid, gid }) {
  const file = logFile(logName);
  const out = createWriteStream(file, { flags: 'a' });
  out.write(`\n$ ${cmd} ${args.join(' ')}\n`);
  const child = spawn(cmd, args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'], detached: true, uid, gid });
  child.stdout.pipe(out, { end: false });
  child.stderr.pipe(out, { end: false });
  let exited = false;
  const exit = new Promise((resolve) =>
    child.on('exit', (code, signal) => {
      exited = true;
      resolve({ code, signal });
    }),
  );
  return {
    child,
    logFile: file,
    exit,
    get running() {
      return !exited;
    },
    tail: (n) => tail(file, n),
    async kill() {
      if (exited) return exit;
      try {
        process.kill(-child.pid, 'SIGKILL');
      } catch {
        /* already gone */
      }
      const result = await exit;
      out.end();
      return result;
    },
    async stop(signal = 'SIGTERM') {
      if (exited) return exit;
      try {
        process.kill(-child.pid, signal);
      } catch {
        /* already gone */
      }
      const timer = setTimeout(() => {
        try {
          process.kill(-child.pid, 'SIGKILL');
        } catch {
          /* already gone */
        }
      }, graceMs);
      const result = await exit;
      clearTimeout(timer);
      out.end();
      return result;
    },
  };
}

/** Polls `fn` until it returns a truthy value; throws after `timeoutMs` naming `what`. */
export async function waitFor(fn, { timeoutMs = 60_000, intervalMs = 500, what = 'condition' } = {}) {
  const deadline = Date.now() + timeoutMs;
  let lastError;
  for (;;) {
    try {
      const value = await fn();
      if (value) return value;
    } catch (err) {
      lastError = err;
    }
    if (Date.now() > deadline) {
      throw new Error(`timed out after ${Math.round(timeoutMs / 1000)} s waiting for ${what}${lastError ? `: ${lastError.message}` : ''}`);
    }
    await sleep(intervalMs);
  }
}

/** A TCP port that is free on 127.0.0.1 right now. */
export function freePort() {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

/** True when something accepts connections on 127.0.0.1:port. */
export function portInUse(port) {
  return new Promise((resolve) => {
    const srv = createServer();
    srv.once('error', () => resolve(true));
    srv.listen(port, '127.0.0.1', () => srv.close(() => resolve(false)));
  });
}

/** n8n 2.x needs Node 24; `npm run …` puts the node@24 devDependency first on PATH. */
export function assertNode24() {
  const major = Number(process.versions.node.split('.')[0]);
  if (major < 24) {
    console.error(`This needs Node 24 (found ${process.version}). Run it through npm (npm start, npm run demo, npm run test:e2e), which uses the node@24 devDependency.`);
    process.exit(1);
  }
}
