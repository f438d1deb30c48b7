import type { Actor } from './actor';
import type { Activity } from './activity';
import type { SeatEntry } from './seats';

/**
 * What happened, told to whoever listens: a use case emits (`seatsChanged` after a commit), and
 * the parts that follow from it subscribe in compose.ts (the posted invitation cards are updated,
 * a team's history and a registrar's notice follow a cancel). The emitter knows none of them.
 * Listeners run after the emitter's own work and must not throw into it: a failing listener is
 * reported to `onError` and the others still run.
 */
export interface AppEvents {
  /** A seat list of the activity changed (a registration, a cancel, a team, an erasure, a new session count). */
  seatsChanged: { activityId: string };
  /** Someone gave up their place, wherever they pressed (chat, card, tab, a manager's notice). */
  registrationCancelled: { actor: Actor; activity: Activity; scope: string; entry: SeatEntry | undefined };
}

type Listener<T> = (event: T) => void | Promise<void>;

export class Events<M extends object = AppEvents> {
  private readonly listeners = new Map<keyof M, Listener<never>[]>();

  constructor(private readonly onError: (name: keyof M, err: unknown) => void = () => undefined) {}

  on<K extends keyof M>(name: K, listener: Listener<M[K]>): void {
    this.listeners.set(name, [...(this.listeners.get(name) ?? []), listener]);
  }

  /** Tells the listeners and goes on; what they do later is theirs (a failure goes to onError). */
  emit<K extends keyof M>(name: K, event: M[K]): void {
    void this.settle(name, event);
  }

  /**
   * Tells the listeners and waits until they are done, for what must have happened before the
   * use case answers (a cancel's notice queued). Never throws: failures go to onError.
   */
  async settle<K extends keyof M>(name: K, event: M[K]): Promise<void> {
    const runs = (this.listeners.get(name) ?? []).map(async (listener) => {
      try {
        await (listener as Listener<M[K]>)(event);
      } catch (err) {
        this.onError(name, err);
      }
    });
    await Promise.all(runs);
  }
}
