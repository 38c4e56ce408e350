// One real n8n: its CLI (import:credentials, import:workflow, execute) and its server
// (`n8n start`), with a REST client that logs in as the owner like the editor does.
import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { freePort, log, logFile, run, startProcess, waitFor } from './proc.mjs';
import { runtimeModules } from './paths.mjs';

/** The fixed demo login of every n8n these scripts start (a local demo instance, nothing else). */
export const demoOwner = {
  email: 'demo@agent-presence.example',
  firstName: 'Demo',
  lastName: 'Owner',
  password: 'AgentPresence-Demo-1',
};


/**
 * Extracts the JSON document `n8n execute --rawOutput` prints (pretty-printed, so it is the
 * lines from a lone "{" to the next lone "}") among n8n's own log lines.
 */
export function parseRawOutput(stdout) {
  const lines = stdout.split('\n');
  const start = lines.findIndex((l) => l === '{');
  const end = lines.findIndex((l, i) => i > start && l === '}');
  if (start === -1 || end === -1) throw new Error(`no JSON document in n8n execute output:\n${stdout.slice(-2000)}`);
  return JSON.parse(lines.slice(start, end + 1).join('\n'));
}

/** Items of one node's first run, first output, from an n8n run (execute --rawOutput or execution data). */
export function nodeItems(runData, nodeName, output = 0) {
  const runs = runData[nodeName];
  if (!runs) throw new Error(`node "${nodeName}" did not run; ran: ${Object.keys(runData).join(', ')}`);
  if (runs[0].error) throw new Error(`node "${nodeName}" failed: ${runs[0].error.message} ${runs[0].error.description ?? ''}`);
  return (runs[0].data?.main?.[output] ?? []).map((i) => i.json);
}

export class N8n {
  /**
   * @param {object} o
   * @param {string} o.userFolder N8N_USER_FOLDER
   * @param {number} o.port editor / REST port
   * @param {string} o.name log file prefix
   * @param {Record<string,string>} [o.env] extra environment
   * @param {'start'|'worker'|'webhook'} [o.command] what `start()` runs: the main (`n8n start`), or in
   *   queue mode a worker (`port` is then its health-check port) or a webhook process
   * @param {{modules: string, node?: string}} [o.runtime] another n8n install (its node_modules, and the
   *   Node that runs it): the compatibility suite's; default the one npm start uses, on this Node
   */
  constructor({ userFolder, port, name, env = {}, runtime = { modules: runtimeModules }, command = 'start' }) {
    this.command = command;
    this.bin = join(runtime.modules, 'n8n', 'bin', 'n8n');
    this.node = runtime.node ?? process.execPath;
    /** n8n's own `flatted`, to read execution data the REST API returns in that form. */
    this.requireFromN8n = createRequire(join(runtime.modules, 'n8n', 'package.json'));
    this.userFolder = userFolder;
    this.port = port;
    this.name = name;
    this.url = `http://localhost:${port}`;
    this.extraEnv = env;
    this.cookie = undefined;
    this.server = undefined;
    mkdirSync(userFolder, { recursive: true });
  }

  env(extra = {}) {
    const env = { ...process.env };
    // npm run's variables are no business of n8n's.
    for (const key of Object.keys(env)) if (key.startsWith('npm_')) delete env[key];
    return {
      ...env,
      N8N_USER_FOLDER: this.userFolder,
      N8N_PORT: String(this.port),
      N8N_LISTEN_ADDRESS: '127.0.0.1',
      N8N_EDITOR_BASE_URL: this.url,
      N8N_DIAGNOSTICS_ENABLED: 'false',
      N8N_DIAGNOSTICS_CONFIG_FRONTEND: '',
      N8N_DIAGNOSTICS_CONFIG_BACKEND: '',
      N8N_VERSION_NOTIFICATIONS_ENABLED: 'false',
      N8N_VERSION_NOTIFICATIONS_WHATS_NEW_ENABLED: 'false',
      N8N_PERSONALIZATION_ENABLED: 'false',
      N8N_TEMPLATES_ENABLED: 'false',
      N8N_DYNAMIC_BANNERS_ENABLED: 'false',
      N8N_HIRING_BANNER_ENABLED: 'false',
      N8N_LICENSE_AUTO_RENEW_ENABLED: 'false',
      N8N_SECURE_COOKIE: 'false',
      N8N_ENFORCE_SETTINGS_FILE_PERMISSIONS: 'true',
      N8N_COMMUNITY_PACKAGES_ENABLED: 'true',
      // Internal task runners (the JS runner serves Code nodes); every n8n process needs
      // its own broker port, so several can run side by side.
      N8N_RUNNERS_MODE: 'internal',
      N8N_LOG_LEVEL: 'info',
      ...this.extraEnv,
      ...extra,
    };
  }

  /** Runs an n8n CLI command to its end (its own broker port, given by the caller). */
  async cli(args, { capture = false } = {}) {
    return run(this.node, [this.bin, ...args], {
      env: this.env({ N8N_RUNNERS_BROKER_PORT: String(await freePort()) }),
      capture,
      log: `${this.name}-cli.log`,
    });
  }

  async importCredentials(credentials) {
    const file = join(this.userFolder, 'import-credentials.json');
    writeFileSync(file, JSON.stringify(credentials, null, 2), { mode: 0o600 });
    await this.cli(['import:credentials', `--input=${file}`]);
  }

  async importWorkflows(workflows) {
    const file = join(this.userFolder, 'import-workflows.json');
    writeFileSync(file, JSON.stringify(workflows, null, 2));
    await this.cli(['import:workflow', `--input=${file}`]);
  }

  /** `n8n execute --id=<id> --rawOutput`: the run data of a workflow that starts with a Manual Trigger. */
  async execute(id) {
    let stdout;
    try {
      stdout = await this.cli(['execute', `--id=${id}`, '--rawOutput'], { capture: true });
    } catch (err) {
      throw new Error(`n8n execute --id=${id} failed: ${err.message}\n${(err.stdout ?? '').slice(-3000)}`);
    }
    writeFileSync(logFile(`${this.name}-execute-${id}.out`), stdout);
    const result = parseRawOutput(stdout);
    const runData = result.data?.resultData?.runData;
    if (!runData) throw new Error(`n8n execute --id=${id}: no run data in ${stdout.slice(-1000)}`);
    const error = result.data.resultData.error;
    if (error) throw new Error(`n8n execute --id=${id}: workflow error: ${error.message}`);
    return { result, runData };
  }

  /**
   * `n8n start` (or `n8n worker`, `n8n webhook`), resolved once it is ready: the REST API
   * answers, the worker's health check does, the webhook process has loaded its webhooks
   * (it answers 404 before, so its log is read).
   */
  async start({ timeoutMs = 180_000 } = {}) {
    const extra = { N8N_RUNNERS_BROKER_PORT: String(await freePort()) };
    // A worker serves no editor; its own port is its health check's, and N8N_PORT must still be free.
    if (this.command === 'worker') Object.assign(extra, { QUEUE_HEALTH_CHECK_ACTIVE: 'true', QUEUE_HEALTH_CHECK_PORT: String(this.port), N8N_PORT: String(await freePort()) });
    const logName = `${this.name}-server.log`;
    // Where this run's lines begin: the log file is appended to across starts.
    this.logStart = existsSync(logFile(logName)) ? statSync(logFile(logName)).size : 0;
    this.logPath = logFile(logName);
    this.server = startProcess(this.node, [this.bin, this.command], { env: this.env(extra), log: logName });
    const server = this.server;
    const logFrom = server.tail(100000).length;
    const t = Date.now();
    await waitFor(
      async () => {
        if (!server.running) throw new Error(`n8n exited; log ${server.logFile}:\n${server.tail(40)}`);
        if (this.command === 'webhook') return server.tail(100000).slice(logFrom).includes('Webhook listener waiting for requests');
        // n8n 1.x is "ready" while its migrations still run: the REST API answers only after them.
        if (!(await fetch(`${this.url}/healthz/readiness`)).ok) return false;
        return this.command === 'worker' || (await fetch(`${this.url}/rest/settings`)).ok;
      },
      { timeoutMs, intervalMs: 500, what: `n8n on ${this.url}` },
    ).catch((err) => {
      throw new Error(`${err.message}\n${this.server.tail(40)}`);
    });
    log(`n8n ${this.command} is up on ${this.url} after ${((Date.now() - t) / 1000).toFixed(1)} s (pid ${this.server.child.pid}, log: ${this.server.logFile})`);
  }

  /**
   * A queue-mode worker's executions started and not finished in its last run, from its log
   * ("Worker started execution N", "Worker finished execution N"): after a kill, the ones it died in.
   */
  executionsInFlight() {
    if (!this.logPath) return [];
    const text = readFileSync(this.logPath, 'utf8').slice(this.logStart);
    const started = [...text.matchAll(/Worker started execution (\d+)/g)].map((m) => Number(m[1]));
    const finished = new Set([...text.matchAll(/Worker finished execution (\d+)/g)].map((m) => Number(m[1])));
    return started.filter((id) => !finished.has(id));
  }

  /** `kill -9` of the n8n process (a crash): nothing of it runs any more once this resolves. */
  async kill() {
    if (!this.server) return undefined;
    const result = await this.server.kill();
    this.server = undefined;
    return result;
  }

  async stop() {
    if (!this.server) return undefined;
    const result = await this.server.stop('SIGTERM');
    this.server = undefined;
    return result;
  }

  async request(method, path, body, { auth = true, raw = false } = {}) {
    const headers = { accept: 'application/json' };
    if (body !== undefined) headers['content-type'] = 'application/json';
    if (auth && this.cookie) headers.cookie = this.cookie;
    const res = await fetch(`${this.url}${path}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
    if (raw) return res;
    const text = await res.text();
    let json;
    try {
      json = text ? JSON.parse(text) : undefined;
    } catch {
      json = undefined;
    }
    if (!res.ok) {
      const err = new Error(`n8n ${method} ${path}: ${res.status} ${text.slice(0, 500)}`);
      err.status = res.status;
      err.body = json;
      throw err;
    }
    return json && typeof json === 'object' && 'data' in json ? json.data : json;
  }

  rest(method, path, body) {
    return this.request(method, `/rest${path}`, body);
  }

  /** Creates the owner unless there is one (the instance keeps it between runs). */
  async setupOwner(owner = demoOwner) {
    const settings = await this.request('GET', '/rest/settings', undefined, { auth: false });
    if (settings?.userManagement?.showSetupOnFirstLoad === false) return false;
    await this.request('POST', '/rest/owner/setup', owner, { auth: false });
    return true;
  }

  async login(owner = demoOwner) {
    const res = await this.request('POST', '/rest/login', { emailOrLdapLoginId: owner.email, password: owner.password }, { auth: false, raw: true });
    if (!res.ok) throw new Error(`n8n login failed: ${res.status} ${(await res.text()).slice(0, 300)}`);
    const cookie = res.headers.getSetCookie().find((c) => c.startsWith('n8n-auth='));
    if (!cookie) throw new Error('n8n login: no n8n-auth cookie');
    this.cookie = cookie.split(';')[0];
    return this.cookie;
  }

  /** Publishes (activates) a workflow: n8n 2.x activates a given version. */
  async activate(workflowId) {
    const wf = await this.rest('GET', `/workflows/${workflowId}`);
    try {
      return await this.rest('POST', `/workflows/${workflowId}/activate`, { versionId: wf.versionId });
    } catch (err) {
      // n8n 2.0 imports a workflow without the history version that publishing names ("Version
      // not found"): save it once, as the editor does, and publish the version that made. A save
      // makes a version only when the workflow changed, so the first node moves a little.
      if (err.status !== 404 || !/version not found/i.test(err.message)) throw err;
      const { name, connections, settings, versionId } = wf;
      const nodes = wf.nodes.map((n, i) => (i === 0 ? { ...n, position: [n.position[0], n.position[1] + 20] } : n));
      const saved = await this.rest('PATCH', `/workflows/${workflowId}`, { name, nodes, connections, settings, versionId });
      return this.rest('POST', `/workflows/${workflowId}/activate`, { versionId: saved.versionId });
    }
  }

  async deactivate(workflowId) {
    return this.rest('POST', `/workflows/${workflowId}/deactivate`, {});
  }

  /** Executions of a workflow, newest first (summaries). */
  async executions(workflowId) {
    const filter = encodeURIComponent(JSON.stringify({ workflowId }));
    const page = await this.rest('GET', `/executions?filter=${filter}&limit=100`);
    return page.results ?? page;
  }

  /** One execution with its run data decoded. */
  async execution(id) {
    const e = await this.rest('GET', `/executions/${id}`);
    const data = typeof e.data === 'string' ? this.requireFromN8n('flatted').parse(e.data) : e.data;
    return { ...e, data };
  }

  async personalProject() {
    return this.rest('GET', '/projects/personal');
  }
}
