import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { context, metrics, trace } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { DataPointType, MeterProvider, MetricReader, type ResourceMetrics } from '@opentelemetry/sdk-metrics';
import { BasicTracerProvider, InMemorySpanExporter, SimpleSpanProcessor, type ReadableSpan } from '@opentelemetry/sdk-trace-base';
import { inSpan, traceContextMixin } from '../../src/platform/observability';
import { azureMonitorOptions, startTelemetry, telemetryEnabled } from '../../src/platform/telemetry';
import { createPublished, registerWithProfile, seminarFormAt } from '../support/flows';
import { fixedClock, startHarness, type Harness } from '../support/harness';
import type { User } from '../support/teams';

// Spans and metrics go through @opentelemetry/api; here an in-memory span exporter and a metric
// reader stand in for Azure Monitor (src/platform/telemetry.ts registers that only with a connection string).

const karin: User = { aad: '7f2c1a90-0000-4000-8000-0000000c0001', name: 'Karin Lindqvist', locale: 'sv-SE' };
const asa: User = { aad: '7f2c1a90-0000-4000-8000-000000000201', name: 'Åsa Öberg', locale: 'sv-SE' };
const clock = fixedClock('2026-11-20T10:00:00Z');
const seminarForm = seminarFormAt(clock.now());

class TestMetricReader extends MetricReader {
  protected override onForceFlush(): Promise<void> {
    return Promise.resolve();
  }
  protected override onShutdown(): Promise<void> {
    return Promise.resolve();
  }
}

function counterValue(rm: ResourceMetrics, name: string, attrs: Record<string, string>): number {
  let total = 0;
  for (const sm of rm.scopeMetrics) {
    for (const m of sm.metrics) {
      if (m.descriptor.name !== name || m.dataPointType !== DataPointType.SUM) continue;
      for (const p of m.dataPoints) if (Object.entries(attrs).every(([k, v]) => p.attributes[k] === v)) total += p.value;
    }
  }
  return total;
}

describe('telemetry without APPLICATIONINSIGHTS_CONNECTION_STRING', () => {
  it('stays off: the distro is not loaded, no provider is registered, spans record nothing', () => {
    expect(process.env.APPLICATIONINSIGHTS_CONNECTION_STRING ?? '').toBe('');
    expect(telemetryEnabled).toBe(false);
    const load = jest.fn(() => {
      throw new Error('must not load');
    });
    expect(startTelemetry({}, load as never)).toBe(false);
    expect(startTelemetry({ APPLICATIONINSIGHTS_CONNECTION_STRING: '  ' }, load as never)).toBe(false);
    expect(load).not.toHaveBeenCalled();
    const span = trace.getTracer('probe').startSpan('probe');
    expect(span.isRecording()).toBe(false);
    span.end();
    expect(traceContextMixin()).toEqual({});
  });

  it('with a connection string, calls useAzureMonitor with it (once)', () => {
    const useAzureMonitor = jest.fn();
    const monitor = { useAzureMonitor, shutdownAzureMonitor: jest.fn(async () => undefined) };
    const cs = 'InstrumentationKey=00000000-0000-0000-0000-000000000000;IngestionEndpoint=https://example.invalid/';
    expect(startTelemetry({ APPLICATIONINSIGHTS_CONNECTION_STRING: cs }, () => monitor as never)).toBe(true);
    expect(startTelemetry({ APPLICATIONINSIGHTS_CONNECTION_STRING: cs }, () => monitor as never)).toBe(true);
    expect(useAzureMonitor).toHaveBeenCalledTimes(1);
    expect(useAzureMonitor).toHaveBeenCalledWith(azureMonitorOptions(cs));
    expect(azureMonitorOptions(cs).instrumentationOptions?.http?.enabled).toBe(true);
  });
});

describe('telemetry of a registration over HTTP (in-memory exporter)', () => {
  let h: Harness;
  const exporter = new InMemorySpanExporter();
  const reader = new TestMetricReader();
  let activityId: string;

  beforeAll(async () => {
    context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable());
    trace.setGlobalTracerProvider(new BasicTracerProvider({ spanProcessors: [new SimpleSpanProcessor(exporter)] }));
    metrics.setGlobalMeterProvider(new MeterProvider({ readers: [reader] }));
    h = await startHarness({ coordinators: [karin.aad], clock });
    activityId = (await createPublished(h, karin, seminarForm({ title: 'Läslyftet – kick-off för rektorer' }))).activityId;
    exporter.reset();
    await registerWithProfile(h, asa, activityId);
    await h.settle();
  });
  afterAll(async () => {
    await h.close();
    trace.disable();
    metrics.disable();
    context.disable();
  });

  const spans = (): ReadableSpan[] => exporter.getFinishedSpans();

  it('has a span per turn with the verb, channel and conversation type, and store spans under it', () => {
    const turns = spans().filter((s) => s.name === 'turn invoke');
    const register = turns.find((s) => s.attributes['traffpunkt.verb'] === 'registration.register');
    expect(register).toBeDefined();
    expect(register?.attributes).toMatchObject({
      'traffpunkt.activity.type': 'invoke',
      'traffpunkt.invoke.name': 'adaptiveCard/action',
      'traffpunkt.channel': 'msteams',
      'traffpunkt.conversation.type': 'personal',
      'http.response.status_code': 200,
    });
    const turnIds = new Set(turns.map((s) => s.spanContext().spanId));
    const store = spans().filter((s) => s.name.startsWith('cosmos '));
    expect(store.length).toBeGreaterThan(0);
    expect(store.some((s) => s.attributes['db.collection.name'] === 'activities' && turnIds.has(s.parentSpanContext?.spanId ?? ''))).toBe(true);
  });

  it('puts no personal data in spans: no names, no form text, no user ids, no document ids', () => {
    const text = JSON.stringify(spans().map((s) => ({ name: s.name, attributes: s.attributes, events: s.events, status: s.status })));
    for (const secret of [asa.name, karin.name, 'Läslyftet', asa.aad, karin.aad, activityId, 'sundsvall', 'teacher']) expect(text).not.toContain(secret);
  });

  it('counts the registration by outcome', async () => {
    const { resourceMetrics, errors } = await reader.collect();
    expect(errors).toEqual([]);
    expect(counterValue(resourceMetrics, 'traffpunkt.registrations', { outcome: 'registered' })).toBe(1);
    expect(counterValue(resourceMetrics, 'traffpunkt.registrations', { outcome: 'refused' })).toBe(0);
  });

  it('gives logs the active span ids (pino mixin)', async () => {
    const seen = await inSpan('probe', {}, async (span) => ({ mixin: traceContextMixin(), ids: span.spanContext() }));
    expect(seen.mixin).toEqual({ trace_id: seen.ids.traceId, span_id: seen.ids.spanId });
  });
});
