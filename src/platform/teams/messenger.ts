import { MessageFactory, TeamsInfo, TurnContext, type ConversationReference } from 'botbuilder';
import type { Card } from '../cards/render';
import type { Proactive } from './proactive';

/**
 * The turn as a feature holds it. Features pass it back to the functions below (and read its
 * activity); they import nothing from botbuilder themselves.
 */
export type TeamsContext = TurnContext;
export type TeamsActivity = TurnContext['activity'];

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

/** Sends a card or a text into the conversation of the turn; the new message's id. */
export async function send(context: TeamsContext, content: Card | string): Promise<string | undefined> {
  const sent = await context.sendActivity(typeof content === 'string' ? MessageFactory.text(content) : MessageFactory.attachment(content));
  return sent?.id;
}

/** What Teams says about one member of the turn's conversation (validated by the caller). */
export function teamsMember(context: TeamsContext, memberId: string): Promise<unknown> {
  return TeamsInfo.getMember(context, memberId);
}

/** One page of a team's (or, without a team, the conversation's) members. */
export async function membersPage(context: TeamsContext, teamId: string | undefined, pageSize: number, token: string | undefined): Promise<unknown> {
  return teamId ? await TeamsInfo.getPagedTeamMembers(context, teamId, pageSize, token) : await TeamsInfo.getPagedMembers(context, pageSize, token);
}

/** The conversation of this turn, to come back to later. */
export function addressOf(context: TeamsContext): Partial<ConversationReference> {
  return TurnContext.getConversationReference(context.activity);
}

/** Messages the bot sends outside a turn's own answer, all through the one door (Proactive). */
export class Messenger {
  constructor(private readonly proactive: Proactive) {}

  /** Posts a card into a conversation the bot is in; the new message's id. */
  async postCard(to: ConversationAddress, card: Card): Promise<string | undefined> {
    let id: string | undefined;
    await this.proactive.continue(referenceTo(to), async (ctx) => {
      id = await send(ctx, card);
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
  async later(address: Partial<ConversationReference>, logic: (context: TeamsContext) => Promise<void>): Promise<void> {
    await this.proactive.continue(address, logic);
  }
}
