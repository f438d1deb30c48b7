import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ConnectorCall {
  method: string;
  path: string;
  body: Record<string, unknown>;
  userAgent?: string;
}

/** A member of a Teams team or chat, as the member APIs answer (TeamsChannelAccount). */
export interface FakeMember {
  id: string;
  name: string;
  aadObjectId: string;
  email?: string;
  userPrincipalName?: string;
  tenantId?: string;
}

/** A local Bot Connector over real HTTP: records what the bot sends and answers like Teams would. */
export class FakeConnector {
  readonly calls: ConnectorCall[] = [];
  /** Members of a team or chat by its id, served by GET …/pagedmembers (in pages) and GET …/members/{id}. */
  readonly members = new Map<string, FakeMember[]>();
  /** Answer the next matching calls with this status (e.g. 403 for a user who blocked the bot). */
  failures: { match: (c: ConnectorCall) => boolean; status: number }[] = [];
  /** Answer matching calls with 429 and this Retry-After. */
  throttle: { match: (c: ConnectorCall) => boolean; retryAfterSeconds: number } | undefined;
  /** Called for every request before it is answered (a test may kill the sender here). */
  onCall: ((c: ConnectorCall) => void) | undefined;
  /** Delay before answering, to keep requests in flight. */
  delayMs = 0;
  private server: http.Server | undefined;
  private seq = 0;
  url = '';

  async start(): Promise<void> {
    this.server = http.createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        let body: Record<string, unknown> = {};
        try {
          body = text ? (JSON.parse(text) as Record<string, unknown>) : {};
        } catch {
          body = { raw: text };
        }
        const call: ConnectorCall = { method: req.method ?? '', path: req.url ?? '', body, ...(req.headers['user-agent'] ? { userAgent: req.headers['user-agent'] } : {}) };
        this.calls.push(call);
        this.onCall?.(call);
        const failure = this.failures.find((f) => f.match(call));
        res.setHeader('content-type', 'application/json');
        if (this.throttle?.match(call)) {
          res.statusCode = 429;
          res.setHeader('retry-after', String(this.throttle.retryAfterSeconds));
          res.end(JSON.stringify({ error: { code: 'Throttled' } }));
          return;
        }
        if (failure) {
          res.statusCode = failure.status;
          res.end(JSON.stringify({ error: { code: 'Failure', message: 'fake failure' } }));
          return;
        }
        if (req.method === 'GET' && this.answerMembers(req.url ?? '', res)) return;
        this.seq++;
        if (req.method === 'POST' && req.url === '/v3/conversations') {
          res.end(JSON.stringify({ id: `a:personal-${this.seq}`, activityId: `act-${this.seq}` }));
          return;
        }
        const id = `msg-${this.seq}`;
        if (this.delayMs > 0) setTimeout(() => res.end(JSON.stringify({ id })), this.delayMs);
        else res.end(JSON.stringify({ id }));
      });
    });
    await new Promise<void>((r) => this.server?.listen(0, '127.0.0.1', () => r()));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/`;
  }

  /**
   * GET /v3/conversations/{id}/pagedmembers?pageSize=&continuationToken= (the token is the next
   * index) and GET /v3/conversations/{id}/members/{userId} (by MRI or object id; 404 if unknown).
   */
  private answerMembers(rawUrl: string, res: http.ServerResponse): boolean {
    const url = new URL(rawUrl, 'http://fake');
    const paged = /^\/v3\/conversations\/([^/]+)\/pagedmembers$/.exec(url.pathname);
    const single = /^\/v3\/conversations\/([^/]+)\/members\/([^/]+)$/.exec(url.pathname);
    if (paged?.[1]) {
      const all = this.members.get(decodeURIComponent(paged[1])) ?? [];
      const size = Math.max(1, Number(url.searchParams.get('pageSize') ?? '') || 100);
      const from = Number(url.searchParams.get('continuationToken') ?? '0') || 0;
      const next = from + size < all.length ? String(from + size) : undefined;
      res.end(JSON.stringify({ members: all.slice(from, from + size), ...(next ? { continuationToken: next } : {}) }));
      return true;
    }
    if (single?.[1] && single[2]) {
      const id = decodeURIComponent(single[2]);
      const found = (this.members.get(decodeURIComponent(single[1])) ?? []).find((m) => m.id === id || m.aadObjectId === id);
      res.statusCode = found ? 200 : 404;
      res.end(JSON.stringify(found ?? { error: { code: 'MemberNotFoundInConversation', message: 'not a member' } }));
      return true;
    }
    return false;
  }

  /** Messages (POSTs of activities) sent into a conversation, optionally only those with a card. */
  posts(conversationId?: string): ConnectorCall[] {
    return this.calls.filter((c) => c.method === 'POST' && c.path.includes('/activities') && (!conversationId || c.path.includes(encodeURIComponent(conversationId))));
  }

  updates(): ConnectorCall[] {
    return this.calls.filter((c) => c.method === 'PUT');
  }

  reset(): void {
    this.calls.length = 0;
    this.failures = [];
  }

  async stop(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise<void>((r) => (this.server ? this.server.close(() => r()) : r()));
  }
}
