/**
 * What CloudAdapter makes per turn and Träffpunkt does not need per turn: the connector client
 * is shared by turns for the same app, service URL and audience, and the user-token client is
 * made only when something uses it. Real botbuilder, anonymous (local) authentication.
 */
import { describe, expect, it, jest } from '@jest/globals';
import { ConfigurationBotFrameworkAuthentication, type Activity, type TurnContext } from 'botbuilder';
import { BotHttpAdapter } from '../../../src/platform/http/adapter';
import { botAuthentication } from '../../../src/platform/http/auth/botAuthentication';
import type { Config } from '../../../src/config';

function message(serviceUrl: string): Activity {
  return {
    type: 'message',
    id: 'm1',
    channelId: 'msteams',
    serviceUrl,
    from: { id: '29:u', name: '' },
    recipient: { id: '28:bot', name: '' },
    conversation: { id: 'a:c', isGroup: false, name: '' },
    text: 'hej',
  } as Activity;
}

describe('the adapter per turn', () => {
  const auth = botAuthentication({} as Config);
  const adapter = new BotHttpAdapter(auth);

  async function turn(serviceUrl: string) {
    const activity = message(serviceUrl);
    const result = await auth.authenticateRequest(activity, '');
    const create = jest.spyOn(result.connectorFactory!, 'create');
    let seen: { connector: unknown; tokens: unknown } = { connector: undefined, tokens: undefined };
    await adapter.runAuthenticated(result, activity, async (context: TurnContext) => {
      seen = { connector: context.turnState.get(adapter.ConnectorClientKey), tokens: context.turnState.get(adapter.UserTokenClientKey) };
    });
    return { ...seen, made: create.mock.calls.length };
  }

  it('shares one connector client between turns from the same service URL, and makes another for another URL', async () => {
    const first = await turn('https://smba.example/emea/');
    const second = await turn('https://smba.example/emea/');
    const other = await turn('https://smba.example/amer/');
    expect(first.connector).toBeDefined();
    expect(first.made).toBe(1);
    expect(second.made).toBe(0);
    expect(second.connector).toBe(first.connector);
    expect(other.made).toBe(1);
    expect(other.connector).not.toBe(first.connector);
  });

  it('gives each turn a user-token client that is only built when used', async () => {
    // The real client would call the Bot Framework token service, which is not on this machine.
    const status = jest.fn(async (..._args: string[]) => [] as never[]);
    const built = jest.spyOn(ConfigurationBotFrameworkAuthentication.prototype, 'createUserTokenClient').mockResolvedValue({ getTokenStatus: status } as never);
    try {
      const t = await turn('https://smba.example/emea/');
      expect(t.tokens).toBeDefined();
      expect(built).not.toHaveBeenCalled();
      await (t.tokens as { getTokenStatus: (u: string, c: string, f: string) => Promise<unknown> }).getTokenStatus('u', 'msteams', '');
      expect(built).toHaveBeenCalledTimes(1);
      expect(status).toHaveBeenCalledWith('u', 'msteams', '');
    } finally {
      built.mockRestore();
    }
  });
});
