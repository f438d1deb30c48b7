import { CloudAdapter, type Activity, type InvokeResponse, type TurnContext } from 'botbuilder';
import type { AuthenticateRequestResult } from './auth/requestAuthenticator';

type ConnectorFactory = NonNullable<AuthenticateRequestResult['connectorFactory']>;
type ConnectorClient = Awaited<ReturnType<ConnectorFactory['create']>>;

/** Distinct (app, service URL, audience) triples are few: one per Teams region the bot is reached from. */
const MAX_CONNECTORS = 64;

/**
 * CloudAdapter, plus a way to run a turn for a request the HTTP layer has already
 * authenticated (src/platform/http/auth/requestAuthenticator.ts), so that layer decides the status codes
 * and bodies of failed authentication instead of CloudAdapter.process.
 *
 * CloudAdapter builds a new ConnectorClient (an HTTP pipeline and its credentials) for every
 * turn, whether the turn sends anything or not: a fifth of a millisecond per click in the burst
 * profile. The client holds nothing of the turn, so turns for the same app, service URL and
 * audience share one, as botbuilder's older BotFrameworkAdapter did.
 */
export class BotHttpAdapter extends CloudAdapter {
  private readonly connectors = new Map<string, Promise<ConnectorClient>>();

  runAuthenticated(auth: AuthenticateRequestResult, activity: Activity, logic: (context: TurnContext) => Promise<void>): Promise<InvokeResponse | undefined> {
    return this.processActivity({ ...auth, connectorFactory: this.reusing(auth) }, activity, logic);
  }

  private reusing(auth: AuthenticateRequestResult): ConnectorFactory | undefined {
    const inner = auth.connectorFactory;
    if (!inner) return undefined;
    const appId = auth.claimsIdentity.getClaimValue('aud') ?? '';
    return {
      create: (serviceUrl: string, audience?: string) => {
        const key = `${appId}\u0000${serviceUrl}\u0000${audience ?? ''}`;
        let client = this.connectors.get(key);
        if (!client) {
          if (this.connectors.size >= MAX_CONNECTORS) this.connectors.clear();
          client = inner.create(serviceUrl, audience);
          // A client that could not be made is not kept: the next turn tries again.
          client.catch(() => this.connectors.delete(key));
          this.connectors.set(key, client);
        }
        return client;
      },
    };
  }
}
