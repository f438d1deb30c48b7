import type { Card } from '../cards/render';
import type { Person } from '../../kernel/people';
import type { EventTurn, Turn } from './turn';
import type { Verb } from './verbs';

export type Reply = { card: Card } | { message: string };

/** A turn as one feature's code sees it: the turn, and the ports compose.ts built for that feature. */
export type FeatureTurn<P> = Turn & { readonly ports: P };

export type Handler<E extends Turn = Turn> = (turn: E, data: Record<string, unknown>) => Promise<Reply>;

/** Each feature answers its own card verbs; the router (./router.ts) joins the features' maps. */
export type HandlerMap<E extends Turn = Turn> = Partial<Record<Verb, Handler<E>>>;

export interface CommandSpec<E extends Turn = Turn> {
  name: string;
  /** Swedish and English phrasings; matched on folded text, so "hjalp" and "Hjälp" both work. */
  words: string[];
  takesArgument?: boolean;
  coordinatorOnly?: boolean;
  run(turn: E, argument: string): Promise<void>;
}

/**
 * What a feature plugs into the Teams layer, written against its own ports P. compose.ts binds it
 * to the ports it built (bindFeature) and hands the bound modules to the router; the platform
 * itself imports no feature.
 */
export interface FeatureSpec<P> {
  name: string;
  /** Card verbs (Action.Execute, and Action.Submit from older clients). */
  verbs?: HandlerMap<FeatureTurn<P>>;
  /** Its verbs only coordinators may use: the router checks the stored role before the handler runs. */
  coordinatorVerbs?: readonly Verb[];
  /** Chat commands, in Swedish and English. */
  commands?: readonly CommandSpec<FeatureTurn<P>>[];
  /** Files sent in a 1:1 chat: those this feature takes, and its answer. */
  files?: {
    accepts(turn: EventTurn): boolean;
    receive(turn: FeatureTurn<P>, text: string): Promise<Reply>;
  };
  /** Teams meeting events (start, end, participants joining or leaving). */
  meeting?: {
    started(ports: P, turn: EventTurn): Promise<void>;
    ended(ports: P, turn: EventTurn): Promise<void>;
    participants(ports: P, turn: EventTurn, change: 'join' | 'leave'): Promise<void>;
  };
  /** Who a person is: a newcomer merged with what others typed about them, their e-mail and UPN learned. */
  people?: {
    newcomer(ports: P, turn: EventTurn, aadObjectId: string): Promise<void>;
    stale(person: Person | null, now: Date): boolean;
    learn(ports: P, turn: EventTurn, aadObjectId: string): Promise<void>;
  };
}

/** A feature bound to its ports: what the router runs. */
export interface FeatureModule {
  name: string;
  verbs: HandlerMap;
  coordinatorVerbs: readonly Verb[];
  commands: readonly CommandSpec[];
  files?: { accepts(turn: EventTurn): boolean; receive(turn: Turn, text: string): Promise<Reply> };
  meeting?: {
    started(turn: EventTurn): Promise<void>;
    ended(turn: EventTurn): Promise<void>;
    participants(turn: EventTurn, change: 'join' | 'leave'): Promise<void>;
  };
  people?: {
    newcomer(turn: EventTurn, aadObjectId: string): Promise<void>;
    stale(person: Person | null, now: Date): boolean;
    learn(turn: EventTurn, aadObjectId: string): Promise<void>;
  };
}

/** Binds a feature to the ports built for it, once, at start-up. */
export function bindFeature<P>(spec: FeatureSpec<P>, ports: P): FeatureModule {
  const withPorts = (turn: Turn): FeatureTurn<P> => ({ ...turn, ports });
  const verbs: HandlerMap = {};
  for (const [verb, handler] of Object.entries(spec.verbs ?? {}) as [Verb, Handler<FeatureTurn<P>>][]) verbs[verb] = (turn, data) => handler(withPorts(turn), data);
  const { files, meeting, people } = spec;
  return {
    name: spec.name,
    verbs,
    coordinatorVerbs: spec.coordinatorVerbs ?? [],
    commands: (spec.commands ?? []).map((c) => ({ ...c, run: (turn: Turn, argument: string) => c.run(withPorts(turn), argument) })),
    ...(files ? { files: { accepts: (turn) => files.accepts(turn), receive: (turn, text) => files.receive(withPorts(turn), text) } } : {}),
    ...(meeting
      ? {
          meeting: {
            started: (turn) => meeting.started(ports, turn),
            ended: (turn) => meeting.ended(ports, turn),
            participants: (turn, change) => meeting.participants(ports, turn, change),
          },
        }
      : {}),
    ...(people
      ? {
          people: {
            newcomer: (turn, id) => people.newcomer(ports, turn, id),
            stale: (person, now) => people.stale(person, now),
            learn: (turn, id) => people.learn(ports, turn, id),
          },
        }
      : {}),
  };
}
