import type { Person } from '../../src/kernel/people';
import type { Messenger } from '../../src/platform/teams/messenger';
import type { Turn } from '../../src/platform/teams/turn';

/**
 * A person's turn with nothing behind it: what the router and a feature's handlers read (the
 * actor, the stored person, the conversation) and a chat that keeps what is sent. Teams' member
 * lookups refuse: a test that needs them runs over HTTP against the fake connector instead.
 */
export function fakeTurn(input: { lang: 'sv' | 'en'; coordinator?: boolean; person?: Person | null; conversationType?: string }): { turn: Turn; sent: unknown[] } {
  const sent: unknown[] = [];
  const refuse = () => Promise.reject(new Error('Teams is not reached in this test'));
  const turn: Turn = {
    activityId: 'a1',
    timestamp: undefined,
    locale: input.lang === 'sv' ? 'sv-SE' : 'en-GB',
    tenantId: undefined,
    conversation: { id: 'c1', type: input.conversationType ?? 'personal', tenantId: undefined, teamId: undefined, serviceUrl: 'http://127.0.0.1/' },
    fromId: '29:x',
    botId: '28:bot',
    value: undefined,
    entities: [],
    attachments: [],
    send: async (content) => {
      sent.push(content);
      return `m${sent.length}`;
    },
    member: refuse,
    membersPage: refuse,
    address: () => ({}),
    actor: { aadObjectId: input.person?.aadObjectId ?? '00000000-0000-0000-0000-000000000001', mri: '29:x', name: 'Testperson', serviceUrl: 'http://127.0.0.1/', lang: input.lang },
    messenger: {} as Messenger,
    person: input.person ?? null,
    isCoordinator: async () => !!input.coordinator,
  };
  return { turn, sent };
}
