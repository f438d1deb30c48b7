import { MessageFactory, TeamsInfo, TurnContext, type ConversationReference } from 'botbuilder';
import type { Actor } from '../../kernel/actor';
import type { Person } from '../../kernel/people';
import type { Card } from '../cards/render';
import type { Messenger } from './messenger';

/** A conversation of an earlier turn, kept to come back to it (a long member import, say). Opaque to features. */
export type TurnAddress = Partial<ConversationReference> & { readonly __turnAddress?: never };

/** The conversation a turn happens in, as Teams described it. */
interface TurnConversation {
  id: string | undefined;
  /** 'personal' (1:1 with the bot), 'groupChat' or 'channel'. */
  type: string | undefined;
  tenantId: string | undefined;
  /** The team of a channel conversation. */
  teamId: string | undefined;
  serviceUrl: string;
}

/**
 * What any turn gives a feature: what Teams sent (still untrusted — the feature parses `value`,
 * `entities` and `attachments` with its own schemas) and the ways to answer in its conversation.
 * Features see this, never botbuilder's TurnContext.
 */
export interface EventTurn {
  readonly activityId: string | undefined;
  readonly timestamp: unknown;
  readonly locale: string | undefined;
  /** The tenant of the turn (conversation, else channel data). */
  readonly tenantId: string | undefined;
  readonly conversation: TurnConversation;
  /** The Teams id (MRI) of the sender. */
  readonly fromId: string | undefined;
  /** The bot's own id in this conversation (to leave its @mention out). */
  readonly botId: string | undefined;
  readonly value: unknown;
  readonly entities: readonly unknown[];
  readonly attachments: readonly unknown[];
  /** Sends a card or a text into this conversation; the new message's id. */
  send(content: Card | string): Promise<string | undefined>;
  /** What Teams says about one member of this conversation (the caller validates it). */
  member(memberId: string): Promise<unknown>;
  /** One page of a team's (or, without a team, the conversation's) members (the caller validates it). */
  membersPage(teamId: string | undefined, pageSize: number, token: string | undefined): Promise<unknown>;
  /** This conversation, to come back to later with Messenger.later. */
  address(): TurnAddress;
}

/** A person's message or click: the event, who sent it and what is stored about them. */
export interface Turn extends EventTurn {
  readonly actor: Actor;
  /** The stored person behind the turn (profile, roles), read once when the turn began. */
  readonly person: Person | null;
  /** Posts and updates cards outside this turn's own answer. */
  readonly messenger: Messenger;
  isCoordinator(): Promise<boolean>;
}

const text = (v: unknown): string | undefined => (typeof v === 'string' && v ? v : undefined);

function teamOf(channelData: unknown): string | undefined {
  if (!channelData || typeof channelData !== 'object' || !('team' in channelData)) return undefined;
  const team: unknown = channelData.team;
  return team && typeof team === 'object' && 'id' in team ? text(team.id) : undefined;
}

export function tenantOf(context: TurnContext): string | undefined {
  const a = context.activity;
  return text(a.conversation?.tenantId) ?? text((a.channelData as { tenant?: { id?: unknown } } | undefined)?.tenant?.id);
}

/** The feature's view of a botbuilder turn. */
export function eventTurn(context: TurnContext): EventTurn {
  const a = context.activity;
  return {
    activityId: text(a.id),
    timestamp: a.timestamp,
    locale: text(a.locale),
    tenantId: tenantOf(context),
    conversation: {
      id: text(a.conversation?.id),
      type: text(a.conversation?.conversationType),
      tenantId: text(a.conversation?.tenantId),
      teamId: teamOf(a.channelData),
      serviceUrl: a.serviceUrl,
    },
    fromId: text(a.from?.id),
    botId: text(a.recipient?.id),
    value: a.value,
    entities: Array.isArray(a.entities) ? a.entities : [],
    attachments: Array.isArray(a.attachments) ? a.attachments : [],
    send: async (content) => (await context.sendActivity(typeof content === 'string' ? MessageFactory.text(content) : MessageFactory.attachment(content)))?.id,
    member: (memberId) => TeamsInfo.getMember(context, memberId),
    membersPage: async (teamId, pageSize, token) => (teamId ? await TeamsInfo.getPagedTeamMembers(context, teamId, pageSize, token) : await TeamsInfo.getPagedMembers(context, pageSize, token)),
    address: () => TurnContext.getConversationReference(a),
  };
}
