// Captures every line written while it runs: console calls, raw writes to
// process.stdout / process.stderr, and every call of n8n-core's own logger (the one
// LoggerProxy and n8n-core use; its console transport may hold a console bound
// before the capture started, so the logger itself is wrapped too).
import { dirname } from 'node:path';
import { format } from 'node:util';
import { textOf } from './secrets';

type Write = typeof process.stdout.write;
const consoleMethods = ['log', 'info', 'warn', 'error', 'debug', 'trace'] as const;
const logLevels = ['error', 'warn', 'info', 'debug'] as const;
type LogFn = (message: string, meta?: unknown) => void;

/** n8n-core's Logger instance: the @n8n/di container and @n8n/backend-common that n8n-core itself resolves. */
function n8nCoreLogger(): Record<(typeof logLevels)[number], LogFn> | undefined {
  try {
    const from = { paths: [dirname(require.resolve('n8n-core/package.json'))] };
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { Container } = require(require.resolve('@n8n/di', from)) as { Container: { get(type: unknown): unknown } };
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { Logger } = require(require.resolve('@n8n/backend-common', from)) as { Logger: unknown };
    return Container.get(Logger) as Record<(typeof logLevels)[number], LogFn>;
  } catch {
    return undefined;
  }
}

export class OutputCapture {
  readonly lines: string[] = [];
  private restoreFns: Array<() => void> = [];

  constructor(private readonly passThrough: boolean) {}

  start(): this {
    if (this.restoreFns.length > 0) return this;
    for (const method of consoleMethods) {
      const original = console[method];
      console[method] = (...args: unknown[]) => {
        this.lines.push(format(...args));
        if (this.passThrough) original.apply(console, args);
      };
      this.restoreFns.push(() => {
        console[method] = original;
      });
    }
    const logger = n8nCoreLogger();
    for (const level of logLevels) {
      const descriptor = logger ? Object.getOwnPropertyDescriptor(logger, level) : undefined;
      // Levels below n8n's log level are fixed no-ops (nothing is written): nothing to capture.
      if (!logger || (descriptor && !descriptor.writable)) continue;
      const original = logger[level];
      logger[level] = (message: string, meta?: unknown) => {
        this.lines.push(`n8n ${level}: ${message}${meta === undefined ? '' : ` ${textOf(meta)}`}`);
        if (this.passThrough) original.call(logger, message, meta);
      };
      this.restoreFns.push(() => {
        if (descriptor) Object.defineProperty(logger, level, descriptor);
        else delete (logger as Partial<Record<string, LogFn>>)[level];
      });
    }
    for (const stream of [process.stdout, process.stderr]) {
      const original: Write = stream.write;
      stream.write = ((chunk: unknown, ...rest: unknown[]) => {
        this.lines.push(typeof chunk === 'string' ? chunk : Buffer.isBuffer(chunk) ? chunk.toString('utf8') : String(chunk));
        if (this.passThrough) return (original as (...a: unknown[]) => boolean).call(stream, chunk, ...rest);
        const callback = rest.find((r) => typeof r === 'function') as (() => void) | undefined;
        callback?.();
        return true;
      }) as Write;
      this.restoreFns.push(() => {
        stream.write = original;
      });
    }
    return this;
  }

  stop(): string[] {
    for (const restore of this.restoreFns.reverse()) restore();
    this.restoreFns = [];
    return this.lines;
  }
}
