import type { Activity } from 'botbuilder';
import { context, isSpanContextValid, metrics, SpanKind, SpanStatusCode, trace, type Attributes, type Counter, type MeterProvider, type Span } from '@opentelemetry/api';
import { isVerb } from './teams/verbs';

// Spans and metrics through the OpenTelemetry API only. Nothing here knows where they go: with
// APPLICATIONINSIGHTS_CONNECTION_STRING set, src/platform/telemetry.ts registers Azure Monitor's providers
// at start-up; without it the API's no-op providers make all of this cost next to nothing.
// Attributes carry kinds and ids, never names, e-mail addresses or text people wrote.

const TELEMETRY_NAME = 'traffpunkt';

const tracer = () => trace.getTracer(TELEMETRY_NAME);

/** Runs `fn` in a new active span; an error marks the span (by its name only) and is rethrown. */
export function inSpan<T>(name: string, options: { kind?: SpanKind; attributes?: Attributes }, fn: (span: Span) => Promise<T>): Promise<T> {
  return tracer().startActiveSpan(name, options, async (span) => {
    try {
      return await fn(span);
    } catch (err) {
      // The message may quote input; the error's name is enough to find it in the logs by trace id.
      const type = err instanceof Error ? err.name : typeof err;
      span.setAttribute('error.type', type);
      span.setStatus({ code: SpanStatusCode.ERROR, message: type });
      throw err;
    } finally {
      span.end();
    }
  });
}

/** For pino's `mixin`: the active span's ids on every log line, so logs and traces join up. */
export function traceContextMixin(): { trace_id?: string; span_id?: string } {
  const sc = trace.getSpanContext(context.active());
  if (!sc || !isSpanContextValid(sc)) return {};
  return { trace_id: sc.traceId, span_id: sc.spanId };
}

const SAFE_TOKEN = /^[A-Za-z0-9._/:-]{1,80}$/;
const token = (v: unknown): string | undefined => (typeof v === 'string' && SAFE_TOKEN.test(v) ? v : undefined);

/**
 * What a turn's span says about its activity: type, invoke name, verb, channel, conversation
 * type and tenant. The verb only when it is one of the bot's verbs (the client sends it).
 */
function turnAttributes(activity: Partial<Activity>): Attributes {
  const attrs: Attributes = { 'traffpunkt.activity.type': token(activity.type) ?? 'unknown' };
  const name = token(activity.name);
  if (name) attrs['traffpunkt.invoke.name'] = name;
  const value = activity.value as { action?: { verb?: unknown }; verb?: unknown } | undefined;
  const verb = value && typeof value === 'object' ? (value.action?.verb ?? value.verb) : undefined;
  if (verb !== undefined) attrs['traffpunkt.verb'] = isVerb(verb) ? verb : 'unknown';
  const channel = token(activity.channelId);
  if (channel) attrs['traffpunkt.channel'] = channel;
  const conversationType = token(activity.conversation?.conversationType);
  if (conversationType) attrs['traffpunkt.conversation.type'] = conversationType;
  const tenant = token(activity.conversation?.tenantId);
  if (tenant) attrs['traffpunkt.tenant.id'] = tenant;
  return attrs;
}

/** One span per incoming activity, `turn <type>`. */
export function inTurnSpan<T>(activity: Partial<Activity>, fn: (span: Span) => Promise<T>): Promise<T> {
  const attributes = turnAttributes(activity);
  return inSpan(`turn ${String(attributes['traffpunkt.activity.type'])}`, { kind: SpanKind.SERVER, attributes }, fn);
}

export type RegistrationOutcome = 'registered' | 'waitlisted' | 'refused';
export type ThrottleSource = 'connector' | 'cosmos' | 'graph';

interface Instruments {
  registrations: Counter;
  sends: Counter;
  throttled: Counter;
  deadLetters: Counter;
}

// The API hands out no-op instruments until a meter provider is registered, and keeps them
// no-op; so instruments are made again whenever the global provider is a different one.
let cached: { provider: MeterProvider; instruments: Instruments } | undefined;

function instruments(): Instruments {
  const provider = metrics.getMeterProvider();
  if (cached?.provider !== provider) {
    const meter = provider.getMeter(TELEMETRY_NAME);
    cached = {
      provider,
      instruments: {
        registrations: meter.createCounter('traffpunkt.registrations', { description: 'Registrations by outcome (registered, waitlisted, refused)', unit: '{registration}' }),
        sends: meter.createCounter('traffpunkt.sends', { description: 'Proactive message sends by job kind and outcome', unit: '{message}' }),
        throttled: meter.createCounter('traffpunkt.throttled', { description: 'HTTP 429 answers by source (connector, cosmos, graph)', unit: '{response}' }),
        deadLetters: meter.createCounter('traffpunkt.dead_letters', { description: 'Jobs given up (dead-lettered) by kind', unit: '{job}' }),
      },
    };
  }
  return cached.instruments;
}

export const countRegistration = (outcome: RegistrationOutcome): void => instruments().registrations.add(1, { outcome });
export const countSend = (kind: string, outcome: string): void => instruments().sends.add(1, { 'job.kind': kind, outcome });
export const countThrottled = (source: ThrottleSource): void => instruments().throttled.add(1, { source });
export const countDeadLetter = (kind: string): void => instruments().deadLetters.add(1, { 'job.kind': kind });
