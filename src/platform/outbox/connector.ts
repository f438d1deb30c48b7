import { ConfigurationServiceClientCredentialFactory } from 'botbuilder';
import type { Config } from '../../config';
import { parseRetryAfter } from '../../kernel/retryAfter';

export type SendOutcome =
  | { kind: 'ok'; id: string }
  | { kind: 'throttled'; retryAfterMs: number }
  | { kind: 'blocked'; status: number } // 403 MessageWritesBlocked, 404 conversation gone: do not retry
  | { kind: 'retry'; status: number } // 412, 5xx, network: retry with backoff
  | { kind: 'rejected'; status: number }; // other 4xx: our request is wrong, do not retry

export interface OutgoingActivity {
  type: 'message';
  text?: string;
  textFormat?: 'markdown' | 'plain';
  attachments?: { contentType: string; content: unknown }[];
  [key: string]: unknown;
}

type TokenSource = () => Promise<string | null>;

/** Token for Bot Connector calls; none in local anonymous mode. */
export function connectorToken(config: Config): TokenSource {
  if (!config.MicrosoftAppId) return async () => null;
  const factory = new ConfigurationServiceClientCredentialFactory({
    MicrosoftAppId: config.MicrosoftAppId,
    MicrosoftAppPassword: config.MicrosoftAppPassword ?? '',
    MicrosoftAppType: config.MicrosoftAppType,
    MicrosoftAppTenantId: config.MicrosoftAppTenantId ?? '',
  });
  const loginEndpoint = config.MicrosoftAppType === 'MultiTenant' ? 'https://login.microsoftonline.com/botframework.com' : `https://login.microsoftonline.com/${config.MicrosoftAppTenantId ?? ''}`;
  return async () => {
    const creds: unknown = await factory.createCredentials(config.MicrosoftAppId ?? '', 'https://api.botframework.com', loginEndpoint, true);
    if (creds && typeof creds === 'object' && 'getToken' in creds && typeof creds.getToken === 'function') {
      const token: unknown = await (creds.getToken as () => Promise<unknown>).call(creds);
      return typeof token === 'string' && token ? token : null;
    }
    return null;
  };
}

/**
 * A small Bot Connector client for the scheduler's fan-out. Unlike botbuilder's client it
 * never retries on its own (its pipeline would honour a 30 s Retry-After inside the call and
 * stall that sender): the dispatcher decides, per recipient, when to try again.
 */
export class ConnectorClient {
  constructor(
    private readonly token: TokenSource,
    private readonly timeoutMs = 15_000,
  ) {}

  async sendToConversation(serviceUrl: string, conversationId: string, activity: OutgoingActivity): Promise<SendOutcome> {
    return this.post(`${serviceUrl.replace(/\/?$/, '/')}v3/conversations/${encodeURIComponent(conversationId)}/activities`, activity);
  }

  /** Creates (or finds) the 1:1 chat with a user; the answer's id is the conversation id. */
  async createPersonalConversation(input: { serviceUrl: string; tenantId?: string; userMri: string; botId: string }): Promise<SendOutcome> {
    return this.post(`${input.serviceUrl.replace(/\/?$/, '/')}v3/conversations`, {
      isGroup: false,
      bot: { id: input.botId },
      members: [{ id: input.userMri }],
      ...(input.tenantId ? { tenantId: input.tenantId, channelData: { tenant: { id: input.tenantId } } } : {}),
    });
  }

  private async post(url: string, body: unknown): Promise<SendOutcome> {
    // The pid tells which instance sent what, in the connector's logs and in the crash test.
    const headers: Record<string, string> = { 'content-type': 'application/json', 'user-agent': `Traffpunkt/0.1 (pid ${process.pid})` };
    const token = await this.token();
    if (token) headers.authorization = `Bearer ${token}`;
    let res: Response;
    try {
      res = await fetch(url, { method: 'POST', headers, body: JSON.stringify(body), signal: AbortSignal.timeout(this.timeoutMs) });
    } catch {
      return { kind: 'retry', status: 0 };
    }
    const text = await res.text().catch(() => '');
    if (res.ok) {
      let id = '';
      try {
        const parsed: unknown = JSON.parse(text);
        if (parsed && typeof parsed === 'object' && 'id' in parsed && typeof parsed.id === 'string') id = parsed.id;
      } catch {
        // an empty body is fine
      }
      return { kind: 'ok', id };
    }
    if (res.status === 429) return { kind: 'throttled', retryAfterMs: parseRetryAfter(res.headers.get('retry-after'), Date.now()) ?? 0 };
    if (res.status === 403 || res.status === 404) return { kind: 'blocked', status: res.status };
    if (res.status === 412 || res.status >= 500) return { kind: 'retry', status: res.status };
    return { kind: 'rejected', status: res.status };
  }
}
