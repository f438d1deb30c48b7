import type { ConversationReference } from 'botbuilder';
import type { Card } from '../cards/render';
import type { Proactive } from './proactive';
import { eventTurn, type EventTurn, type TurnAddress } from './turn';

/** A conversation the bot posted in before (an invitation's posting, a network's channel). */
export interface ConversationAddress {
  serviceUrl: string;
  conversationId: string;
  conversationType?: string;
  tenantId?: string;
}

function referenceTo(to: ConversationAddress): Partial<ConversationReference> {
  return {
    serviceUrl: to.serviceUrl,
    channelId: 'msteams',
    conversation: {
      id: to.conversationId,
      isGroup: to.conversationType !== 'personal',
      conversationType: to.conversationType ?? 'channel',
      name: '',
      ...(to.tenantId ? { tenantId: to.tenantId } : {}),
    },
  };
}

/** Messages the bot sends outside a turn's own answer, all through the one door (Proactive). */
export class Messenger {
  constructor(private readonly proactive: Proactive) {}

  /** Posts a card into a conversation the bot is in; the new message's id. */
  async postCard(to: ConversationAddress, card: Card): Promise<string | undefined> {
    let id: string | undefined;
    await this.proactive.continue(referenceTo(to), async (ctx) => {
      id = await eventTurn(ctx).send(card);
    });
    return id;
  }

  /** Replaces a card the bot posted earlier. */
  async updateCard(to: ConversationAddress, messageId: string, card: Card): Promise<void> {
    await this.proactive.continue(referenceTo(to), async (ctx) => {
      await ctx.updateActivity({ type: 'message', id: messageId, attachments: [card] });
    });
  }

  /** Runs logic later in a conversation of an earlier turn (a long member import, say). */
  async later(address: TurnAddress, logic: (turn: EventTurn) => Promise<void>): Promise<void> {
    await this.proactive.continue(address, (ctx) => logic(eventTurn(ctx)));
  }
}
