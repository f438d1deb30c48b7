// First: Azure Monitor must hook http and the Azure SDKs before they load (off without a connection string).
import { stopTelemetry } from './platform/telemetry';
import pino from 'pino';
import { traceContextMixin } from './platform/observability';
import { ConfigError, loadConfig } from './config';
import { startApp, type App } from './compose';
import { DEFAULT_SHUTDOWN_TIMEOUT_MS } from './platform/http/server';
import { correlationIdHere } from './kernel/turnScope';

async function main(): Promise<void> {
  let config;
  try {
    config = loadConfig();
  } catch (err) {
    if (err instanceof ConfigError) {
      process.stderr.write(`${err.message}\n`);
      process.exit(2);
    }
    throw err;
  }
  const logger = pino({ level: config.LOG_LEVEL, base: { service: 'traffpunkt' }, mixin: traceContextMixin });

  // SIGTERM (App Service stopping, scaling in or restarting the instance) or Ctrl-C: stop
  // accepting, finish the turns in flight, stop the background work, flush the store, exit 0.
  // A signal during start-up waits for the start to finish first.
  let started: Promise<App | undefined> = Promise.resolve(undefined);
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down');
    const limit = (config.SHUTDOWN_TIMEOUT_MS ?? DEFAULT_SHUTDOWN_TIMEOUT_MS) + 10_000;
    setTimeout(() => {
      logger.error({ limitMs: limit }, 'shutdown took too long; exiting');
      process.exit(1);
    }, limit).unref();
    try {
      const app = await started;
      await app?.close();
      logger.info('stopped');
      await stopTelemetry().catch(() => undefined);
      process.exit(0);
    } catch (err) {
      logger.error({ err }, 'shutdown failed');
      process.exit(1);
    }
  };
  // A rejection nobody awaited is a bug to log, not a reason to stop serving everyone else.
  // Node keeps the async context of the code that made the promise: the turn's id when a turn did.
  process.on('unhandledRejection', (reason: unknown) => {
    const err = reason instanceof Error ? { name: reason.name, code: (reason as { code?: unknown }).code, stack: reason.stack } : { type: typeof reason };
    logger.error({ err, ref: correlationIdHere() ?? null }, 'unhandled rejection (process keeps serving)');
  });
  process.on('SIGTERM', () => void stop('SIGTERM'));
  process.on('SIGINT', () => void stop('SIGINT'));

  started = startApp(config, logger);
  await started;
}

main().catch((err: unknown) => {
  process.stderr.write(`Träffpunkt failed to start: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
