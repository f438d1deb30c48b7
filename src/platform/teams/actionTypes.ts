import type { TurnContext } from 'botbuilder';
import type { Card } from '../cards/render';
import type { Messenger } from './messenger';
import type { Person } from '../../kernel/people';
import type { Actor, Services } from '../../services';
import type { Verb } from './verbs';

export type Reply = { card: Card } | { message: string };

export interface ActionEnv {
  svc: Services;
  actor: Actor;
  context: TurnContext;
  /** Posts and updates cards outside this turn's own answer. */
  messenger: Messenger;
  /** The stored person behind the turn (profile, roles), read once when the turn began. */
  person: Person | null;
  isCoordinator(): Promise<boolean>;
}

export type Handler = (env: ActionEnv, data: Record<string, unknown>) => Promise<Reply>;

/** Each feature answers its own card verbs; the router (./router.ts) joins the features' maps. */
export type HandlerMap = Partial<Record<Verb, Handler>>;

export interface CommandSpec {
  name: string;
  /** Swedish and English phrasings; matched on folded text, so "hjalp" and "Hjälp" both work. */
  words: string[];
  takesArgument?: boolean;
  coordinatorOnly?: boolean;
  run(env: ActionEnv, argument: string): Promise<void>;
}

/**
 * What a feature plugs into the Teams layer. compose.ts hands the list to the router; the
 * platform itself imports no feature.
 */
export interface FeatureModule {
  name: string;
  /** Card verbs (Action.Execute, and Action.Submit from older clients). */
  verbs?: HandlerMap;
  /** Its verbs only coordinators may use: the router checks the stored role before the handler runs. */
  coordinatorVerbs?: readonly Verb[];
  /** Chat commands, in Swedish and English. */
  commands?: readonly CommandSpec[];
  /** Files sent in a 1:1 chat: those this feature takes, and its answer. */
  files?: {
    accepts(context: TurnContext): boolean;
    receive(env: ActionEnv, text: string): Promise<Reply>;
  };
  /** Teams meeting events (start, end, participants joining or leaving). */
  meeting?: {
    started(svc: Services, context: TurnContext): Promise<void>;
    ended(svc: Services, context: TurnContext): Promise<void>;
    participants(svc: Services, context: TurnContext, change: 'join' | 'leave'): Promise<void>;
  };
  /** Who a person is: a newcomer merged with what others typed about them, their e-mail and UPN learned. */
  people?: {
    newcomer(svc: Services, context: TurnContext, aadObjectId: string): Promise<void>;
    stale(person: Person | null, now: Date): boolean;
    learn(svc: Services, context: TurnContext, aadObjectId: string): Promise<void>;
  };
}
