import type { AzureMonitorOpenTelemetryOptions } from '@azure/monitor-opentelemetry';

// Azure Monitor (Application Insights) through OpenTelemetry, the way App Service Node apps do
// it: useAzureMonitor() first thing, before the modules it instruments (http, Azure SDKs) load,
// so src/main.ts imports this module before anything else. Off unless
// APPLICATIONINSIGHTS_CONNECTION_STRING is set (infra/main.bicep sets it): locally and in tests
// nothing is loaded, no exporter exists and nothing goes over the network.

type AzureMonitor = typeof import('@azure/monitor-opentelemetry');

let started: AzureMonitor | undefined;

/** What useAzureMonitor gets for a connection string (exported for tests). */
export function azureMonitorOptions(connectionString: string): AzureMonitorOpenTelemetryOptions {
  return {
    azureMonitorExporterOptions: { connectionString },
    instrumentationOptions: {
      http: { enabled: true },
      azureSdk: { enabled: true },
      // Logs are pino's (stdout, with trace_id/span_id); these loggers are not used here.
      bunyan: { enabled: false },
      winston: { enabled: false },
      mongoDb: { enabled: false },
      mySql: { enabled: false },
      postgreSql: { enabled: false },
      redis: { enabled: false },
      redis4: { enabled: false },
    },
    enableLiveMetrics: true,
  };
}

/**
 * Starts Azure Monitor when the environment has a connection string; returns whether it did.
 * `load` is for tests; the distro is required only when it is used.
 */
// The distro is loaded only when telemetry is on, and synchronously, before http and the Azure SDKs load.
// eslint-disable-next-line @typescript-eslint/no-require-imports
export function startTelemetry(env: NodeJS.ProcessEnv = process.env, load: () => AzureMonitor = () => require('@azure/monitor-opentelemetry') as AzureMonitor): boolean {
  if (started) return true;
  const connectionString = env.APPLICATIONINSIGHTS_CONNECTION_STRING?.trim();
  if (!connectionString) return false;
  const monitor = load();
  monitor.useAzureMonitor(azureMonitorOptions(connectionString));
  started = monitor;
  return true;
}

/** Flushes and stops the exporters (on shutdown); nothing when telemetry is off. */
export async function stopTelemetry(): Promise<void> {
  const monitor = started;
  started = undefined;
  await monitor?.shutdownAzureMonitor();
}

export const telemetryEnabled = startTelemetry();
