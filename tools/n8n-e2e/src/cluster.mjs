// n8n in queue mode on this machine: one main (it runs the triggers and the polls), workers
// (they run the executions), webhook processes behind a round-robin proxy, all on one
// Postgres database and one Redis, each process with its own user folder and our packages
// installed in it. Every process is started and stopped (or killed) by its process id.
import { randomBytes } from 'node:crypto';
import { cpSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { N8n } from './n8n.mjs';
import { installTarballs } from './packages.mjs';
import { freePort, log } from './proc.mjs';
import { startRoundRobinProxy } from './proxy.mjs';

/**
 * n8n 2.41's durable scheduler and durable poll cursors (see the n8n doc, Polling triggers):
 * polls run as durable schedules, and a trigger's cursor is committed in one transaction with
 * the execution its poll produced.
 */
export const durableSchedulerEnv = {
  N8N_SCHEDULER_ENABLED: 'true',
  N8N_USE_WORKFLOW_PUBLICATION_SERVICE: 'true',
  N8N_SCHEDULER_POLL_TRIGGERS_ENABLED: 'true',
  N8N_POLLER_DURABLE_CURSORS_ENABLED: 'true',
};

export class QueueCluster {
  /**
   * @param {object} o
   * @param {string} o.root scratch folder for the user folders
   * @param {{port: number}} o.postgres
   * @param {string} o.database
   * @param {{port: number}} o.redis
   * @param {string[]} o.tarballs our packed packages
   * @param {boolean} [o.durable] the durable scheduler and cursors on
   * @param {number} [o.workers]
   * @param {number} [o.webhooks]
   * @param {string} [o.name]
   * @param {Record<string, string>} [o.env] more settings for every process
   */
  constructor({ root, postgres, database, redis, tarballs, durable = false, workers = 2, webhooks = 2, name = 'queue', env = {} }) {
    Object.assign(this, { root, postgres, database, redis, tarballs, durable, workerCount: workers, webhookCount: webhooks, name, extraEnv: env });
    this.encryptionKey = randomBytes(24).toString('hex');
    this.workers = [];
    this.webhooks = [];
  }

  env() {
    return {
      EXECUTIONS_MODE: 'queue',
      DB_TYPE: 'postgresdb',
      DB_POSTGRESDB_HOST: '127.0.0.1',
      DB_POSTGRESDB_PORT: String(this.postgres.port),
      DB_POSTGRESDB_DATABASE: this.database,
      DB_POSTGRESDB_USER: 'postgres',
      DB_POSTGRESDB_PASSWORD: '',
      QUEUE_BULL_REDIS_HOST: '127.0.0.1',
      QUEUE_BULL_REDIS_PORT: String(this.redis.port),
      N8N_ENCRYPTION_KEY: this.encryptionKey,
      GENERIC_TIMEZONE: 'UTC',
      WEBHOOK_URL: `${this.proxy.url}/`,
      ...(this.durable ? durableSchedulerEnv : {}),
      ...this.extraEnv,
    };
  }

  /** Installs our packages once and copies them into every process's user folder. */
  async install() {
    rmSync(this.root, { recursive: true, force: true });
    this.proxyBackends = [];
    for (let i = 0; i < this.webhookCount; i++) this.proxyBackends.push({ name: `webhook-${i + 1}`, port: await freePort() });
    this.proxy = await startRoundRobinProxy({ backends: this.proxyBackends });
    const folder = (n) => join(this.root, n);
    await installTarballs(folder('main'), this.tarballs);
    const names = [...Array.from({ length: this.workerCount }, (_, i) => `worker-${i + 1}`), ...this.proxyBackends.map((b) => b.name)];
    for (const n of names) cpSync(join(folder('main'), '.n8n', 'nodes'), join(folder(n), '.n8n', 'nodes'), { recursive: true });
    const env = this.env();
    // Production webhooks go to the webhook processes only, behind the proxy.
    this.main = new N8n({ userFolder: folder('main'), port: await freePort(), name: `${this.name}-main`, env: { ...env, N8N_DISABLE_PRODUCTION_MAIN_PROCESS: 'true' } });
    for (let i = 0; i < this.workerCount; i++) {
      this.workers.push(new N8n({ userFolder: folder(`worker-${i + 1}`), port: await freePort(), name: `${this.name}-worker-${i + 1}`, env, command: 'worker' }));
    }
    for (const b of this.proxyBackends) this.webhooks.push(new N8n({ userFolder: folder(b.name), port: b.port, name: `${this.name}-${b.name}`, env, command: 'webhook' }));
  }

  /** The main first (it migrates the database), then the workers and webhook processes side by side. */
  async start() {
    const t = Date.now();
    await this.main.start();
    await this.main.setupOwner();
    await this.main.login();
    await Promise.all([...this.workers, ...this.webhooks].map((p) => p.start()));
    log(`queue mode up in ${Math.round((Date.now() - t) / 1000)} s: main ${this.main.url}, ${this.workers.length} workers, ${this.webhooks.length} webhook processes behind ${this.proxy.url}${this.durable ? ' (durable scheduler and cursors on)' : ''}`);
  }

  async stop() {
    await Promise.all([this.main, ...this.workers, ...this.webhooks].map((p) => p?.stop()));
    await this.proxy?.close();
  }
}
