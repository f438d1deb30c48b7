import type { Activity, ConfigurationBotFrameworkAuthentication } from 'botbuilder';
import type { Logger } from 'pino';
import { inspectBearer } from './bearer';

export type AuthenticateRequestResult = Awaited<ReturnType<ConfigurationBotFrameworkAuthentication['authenticateRequest']>>;

export type AuthOutcome =
  | { ok: true; result: AuthenticateRequestResult }
  /** 401: the caller's token is missing or not valid. 503: we could not check it (signing keys unavailable). */
  | { ok: false; status: 401 | 503 };

const DEFAULT_AUTH_TIMEOUT_MS = 5_000;

// When key fetches hang, each request that needs keys starts another one (botbuilder neither
// de-duplicates nor times them out). Past this many unfinished ones, answer 503 at once.
const MAX_STALLED = 8;

// Errors botbuilder (jsonwebtoken) throws for a token that is simply not valid.
const TOKEN_ERRORS = new Set(['JsonWebTokenError', 'TokenExpiredError', 'NotBeforeError']);

function isTokenRejection(err: unknown): boolean {
  if (!err || typeof err !== 'object') return false;
  const e = err as { name?: unknown; statusCode?: unknown };
  // AuthenticationError carries the HTTP status it means; 401 = the token, 500 = key fetch failed.
  if (e.statusCode === 401) return true;
  return typeof e.name === 'string' && TOKEN_ERRORS.has(e.name);
}

/**
 * Authenticates a request from the Bot Connector before the turn runs, and decides the
 * status itself (botbuilder's CloudAdapter.process answers 500 with the error text, host
 * names included, when the OpenID metadata cannot be fetched, and has no timeout on that
 * fetch). Order: cheap shape check (no network) → botbuilder's validation, raced against a
 * timeout → 401 for a bad token, 503 when the signing keys could not be had in time.
 */
export class RequestAuthenticator {
  private stalled = 0;

  constructor(
    private readonly auth: ConfigurationBotFrameworkAuthentication,
    private readonly options: { appId: string | undefined; timeoutMs?: number; log: Logger; now?: () => number },
  ) {}

  /** True when requests need a token (an app id is configured). */
  get required(): boolean {
    return !!this.options.appId;
  }

  /** The shape check alone, for answering 401 before the body is looked at. */
  precheck(authHeader: string | undefined): boolean {
    const appId = this.options.appId;
    if (!appId) return true;
    const check = inspectBearer(authHeader, appId, (this.options.now ?? Date.now)());
    if (!check.ok) {
      // No token or junk is what scanners send: debug. A plausible token that fails: info.
      const level = check.reason === 'missing' || check.reason === 'malformed' ? 'debug' : 'info';
      this.options.log[level]({ reason: check.reason }, 'request refused: token');
    }
    return check.ok;
  }

  async authenticate(activity: Activity, authHeader: string | undefined): Promise<AuthOutcome> {
    if (!this.options.appId) {
      // Local anonymous mode: botbuilder answers with anonymous claims, no network.
      return { ok: true, result: await this.auth.authenticateRequest(activity, '') };
    }
    if (!this.precheck(authHeader)) return { ok: false, status: 401 };
    if (this.stalled >= MAX_STALLED) {
      this.options.log.warn({ stalled: this.stalled }, 'request refused: signing keys unavailable');
      return { ok: false, status: 503 };
    }

    const call = this.auth.authenticateRequest(activity, authHeader ?? '');
    const settled = call.then(
      (result) => ({ result }),
      (error: unknown) => ({ error }),
    );
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<'timeout'>((resolve) => {
      timer = setTimeout(() => resolve('timeout'), this.options.timeoutMs ?? DEFAULT_AUTH_TIMEOUT_MS);
    });
    try {
      const first = await Promise.race([settled, timeout]);
      if (first === 'timeout') {
        // The fetch goes on in botbuilder (and fills its key cache if it succeeds late).
        this.stalled++;
        void settled.finally(() => this.stalled--);
        this.options.log.warn({ timeoutMs: this.options.timeoutMs ?? DEFAULT_AUTH_TIMEOUT_MS }, 'request refused: signing keys not fetched in time');
        return { ok: false, status: 503 };
      }
      if ('error' in first) {
        if (isTokenRejection(first.error)) {
          const e = first.error as { name?: unknown; message?: unknown };
          this.options.log.info({ reason: 'validation', err: { name: String(e.name), message: String(e.message) } }, 'request refused: token');
          return { ok: false, status: 401 };
        }
        const e = first.error as { name?: unknown; code?: unknown };
        this.options.log.warn({ err: { name: typeof e?.name === 'string' ? e.name : 'Error', code: e?.code } }, 'request refused: signing keys unavailable');
        return { ok: false, status: 503 };
      }
      return { ok: true, result: first.result };
    } finally {
      clearTimeout(timer);
    }
  }
}
