import type { Attachment, TurnContext } from 'botbuilder';
import type { Person } from '../../kernel/people';
import type { Actor, Services } from '../../services';
import type { Verb } from './verbs';

export type Reply = { card: Attachment } | { message: string };

export interface ActionEnv {
  svc: Services;
  actor: Actor;
  context: TurnContext;
  /** The stored person behind the turn (profile, roles), read once when the turn began. */
  person: Person | null;
  isCoordinator(): Promise<boolean>;
}

export type Handler = (env: ActionEnv, data: Record<string, unknown>) => Promise<Reply>;

/** Each feature contributes handlers for its own verbs; src/platform/teams/actions.ts joins them. */
export type HandlerMap = Partial<Record<Verb, Handler>>;
