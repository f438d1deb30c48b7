import diagnostics from 'node:diagnostics_channel';
import type { ClientRequest, IncomingMessage } from 'node:http';
import { performance } from 'node:perf_hooks';

/**
 * Counts and times the HTTP requests this process makes to one Cosmos endpoint, through
 * Node's http diagnostics channels (no change to the code under test). Each request is
 * classified from the REST call: point read, query, create, replace/upsert, metadata.
 */
export interface CosmosOpStats {
  count: number;
  totalMs: number;
  meanMs: number;
  maxMs: number;
  responseBytes: number;
}

export interface CosmosTrace {
  stop(): Record<string, CosmosOpStats>;
}

function kindOf(req: ClientRequest): string {
  const p = req.path.split('?')[0] ?? '';
  const isQuery = req.getHeader('x-ms-documentdb-isquery') !== undefined;
  const isQueryPlan = req.getHeader('x-ms-cosmos-is-query-plan-request') !== undefined;
  const resource = /\/docs(\/|$)/.test(p) ? 'doc' : /\/colls\/[^/]+\/?$/.test(p) || /\/colls\/?$/.test(p) ? 'coll' : 'meta';
  const upsert = String(req.getHeader('x-ms-documentdb-is-upsert') ?? '') === 'true';
  const ifMatch = req.getHeader('if-match') !== undefined;
  const container = /\/colls\/([^/]+)/.exec(p)?.[1] ?? '-';
  if (resource !== 'doc') return `${req.method} ${resource}`;
  if (isQueryPlan) return `query plan ${container}`;
  if (isQuery) return `query ${container}`;
  if (req.method === 'GET') return `read ${container}`;
  if (req.method === 'POST') return `${upsert ? 'upsert' : 'create'} ${container}`;
  if (req.method === 'PUT') return `replace${ifMatch ? ' (If-Match)' : ''} ${container}`;
  return `${req.method} ${container}`;
}

export function traceCosmos(endpoint: string): CosmosTrace {
  const { host } = new URL(endpoint);
  const started = new WeakMap<ClientRequest, { t0: number; kind: string }>();
  const stats = new Map<string, CosmosOpStats>();
  const onStart = (msg: unknown) => {
    const { request } = msg as { request: ClientRequest };
    if (request.getHeader('host') !== host) return;
    started.set(request, { t0: performance.now(), kind: kindOf(request) });
  };
  const onFinish = (msg: unknown) => {
    const { request, response } = msg as { request: ClientRequest; response: IncomingMessage };
    const s = started.get(request);
    if (!s) return;
    const ms = performance.now() - s.t0;
    const kind = response.statusCode && response.statusCode >= 400 ? `${s.kind} → ${response.statusCode}` : s.kind;
    const e = stats.get(kind) ?? { count: 0, totalMs: 0, meanMs: 0, maxMs: 0, responseBytes: 0 };
    e.count++;
    e.totalMs += ms;
    e.maxMs = Math.max(e.maxMs, ms);
    e.responseBytes += Number(response.headers['content-length'] ?? 0);
    stats.set(kind, e);
  };
  diagnostics.subscribe('http.client.request.start', onStart);
  diagnostics.subscribe('http.client.response.finish', onFinish);
  return {
    stop() {
      diagnostics.unsubscribe('http.client.request.start', onStart);
      diagnostics.unsubscribe('http.client.response.finish', onFinish);
      const out: Record<string, CosmosOpStats> = {};
      for (const [k, v] of [...stats.entries()].sort((a, b) => b[1].totalMs - a[1].totalMs)) {
        out[k] = { ...v, totalMs: Math.round(v.totalMs), meanMs: Number((v.totalMs / v.count).toFixed(2)), maxMs: Math.round(v.maxMs) };
      }
      return out;
    },
  };
}
