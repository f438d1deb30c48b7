import { createDefaultHttpClient, type HttpClient, type PipelineRequest } from '@azure/core-rest-pipeline';
import { setMaxListeners } from 'node:events';
import http from 'node:http';
import https from 'node:https';
import { SpanKind, SpanStatusCode, type Attributes } from '@opentelemetry/api';
import { countThrottled, inSpan } from '../observability';
import { activeTurn, type TurnScope } from '../../kernel/turnScope';

/**
 * Idle kept-alive sockets are closed by this client well before any server closes them
 * (the embedded server keeps them 30 s, Azure minutes). A socket reused at the very moment
 * the server drops it ends in ECONNRESET; Node takes the smaller of this and the server's
 * Keep-Alive hint, so the client always closes first.
 */
export const CLIENT_IDLE_SOCKET_MS = 4_000;

export class StoreDeadlineError extends Error {
  override name = 'StoreDeadlineError';
  constructor() {
    super('the store did not answer within the turn budget');
  }
}

/**
 * The HTTP client under @azure/cosmos: the SDK's own (core-rest-pipeline) with our agents,
 * and with the deadline of the turn it works for, so no store call on the turn path can
 * outlast the answer Teams waits for. Calls outside a turn are bounded by the SDK's
 * requestTimeout only.
 */
export function storeHttpClient(options: { loopback: boolean }): HttpClient {
  const inner = createDefaultHttpClient();
  const httpAgent = new http.Agent({ keepAlive: true, timeout: CLIENT_IDLE_SOCKET_MS, maxSockets: 256 });
  const httpsAgent = new https.Agent({ keepAlive: true, timeout: CLIENT_IDLE_SOCKET_MS, maxSockets: 256 });
  return {
    // A client span per request to the store (@azure/cosmos emits none of its own).
    sendRequest: (request: PipelineRequest) =>
      inSpan(`cosmos ${request.method}`, { kind: SpanKind.CLIENT, attributes: cosmosAttributes(request) }, async (span) => {
        const response = await send(request);
        span.setAttribute('http.response.status_code', response.status);
        if (response.status === 429) countThrottled('cosmos');
        if (response.status >= 500) span.setStatus({ code: SpanStatusCode.ERROR });
        return response;
      }),
  };

  async function send(request: PipelineRequest) {
    const isHttp = request.url.startsWith('http:');
    request.agent = isHttp ? httpAgent : httpsAgent;
    // Plain http only to a server on this machine (the embedded one).
    if (isHttp) request.allowInsecureConnection = options.loopback;
    const turn = activeTurn();
    if (!turn) return inner.sendRequest(request);
    if (turn.storeDeadline - Date.now() <= 0) throw new StoreDeadlineError();
    const deadline = deadlineSignal(turn);
    const own = request.abortSignal;
    const joined = own instanceof AbortSignal ? either(own, deadline) : { signal: deadline, release: () => undefined };
    request.abortSignal = joined.signal;
    try {
      return await inner.sendRequest(request);
    } catch (err) {
      if (deadline.aborted) throw new StoreDeadlineError();
      throw err;
    } finally {
      joined.release();
    }
  }
}

/**
 * One deadline signal per turn, shared by its store calls: a timer and an AbortSignal.any
 * (weak references, finalizers) per call showed in the burst profile and in GC time.
 */
const deadlines = new WeakMap<TurnScope, AbortSignal>();

function deadlineSignal(turn: TurnScope): AbortSignal {
  let signal = deadlines.get(turn);
  if (!signal) {
    signal = AbortSignal.timeout(Math.max(1, turn.storeDeadline - Date.now()));
    // A turn may have many calls in flight at once, each listening to it for a moment.
    setMaxListeners(0, signal);
    deadlines.set(turn, signal);
  }
  return signal;
}

/** A signal that aborts when either does; release() unhooks it from both once the call is over. */
function either(a: AbortSignal, b: AbortSignal): { signal: AbortSignal; release: () => void } {
  const controller = new AbortController();
  if (a.aborted || b.aborted) {
    controller.abort(a.aborted ? a.reason : b.reason);
    return { signal: controller.signal, release: () => undefined };
  }
  const onA = () => controller.abort(a.reason);
  const onB = () => controller.abort(b.reason);
  a.addEventListener('abort', onA, { once: true });
  b.addEventListener('abort', onB, { once: true });
  return {
    signal: controller.signal,
    release: () => {
      a.removeEventListener('abort', onA);
      b.removeEventListener('abort', onB);
    },
  };
}

/** The container and kind of resource, never document ids or partition key values (they may be user ids). */
function cosmosAttributes(request: PipelineRequest): Attributes {
  const attrs: Attributes = { 'db.system.name': 'azure.cosmosdb', 'http.request.method': request.method };
  try {
    const url = new URL(request.url);
    attrs['server.address'] = url.hostname;
    const parts = url.pathname.split('/').filter((p) => p.length > 0);
    const coll = parts.indexOf('colls');
    if (coll >= 0 && parts[coll + 1]) attrs['db.collection.name'] = decodeURIComponent(parts[coll + 1] ?? '');
    // The last resource type in the path: dbs, colls, docs, pkranges, ... (its ids left out).
    const types = parts.filter((_, i) => i % 2 === 0);
    const resource = types[types.length - 1];
    if (resource) attrs['traffpunkt.cosmos.resource'] = resource;
  } catch {
    // no attributes from an unparsable URL
  }
  if (request.headers.get('x-ms-documentdb-isquery') === 'true') attrs['db.operation.name'] = 'query';
  return attrs;
}
