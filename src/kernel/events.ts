/**
 * What happened, told to whoever listens: a use case emits (`seatsChanged` after a commit), and
 * the parts that follow from it subscribe in compose.ts (the posted invitation cards are updated).
 * The emitter knows none of them. Listeners run after the emitter's own work and must not throw
 * into it: a failing listener is reported to `onError` and the others still run.
 */
export interface AppEvents {
  /** A seat list of the activity changed (a registration, a cancel, a team, an erasure, a new session count). */
  seatsChanged: { activityId: string };
}

type Listener<T> = (event: T) => void;

export class Events<M extends object = AppEvents> {
  private readonly listeners = new Map<keyof M, Listener<never>[]>();

  constructor(private readonly onError: (name: keyof M, err: unknown) => void = () => undefined) {}

  on<K extends keyof M>(name: K, listener: Listener<M[K]>): void {
    this.listeners.set(name, [...(this.listeners.get(name) ?? []), listener]);
  }

  emit<K extends keyof M>(name: K, event: M[K]): void {
    for (const listener of this.listeners.get(name) ?? []) {
      try {
        (listener as Listener<M[K]>)(event);
      } catch (err) {
        this.onError(name, err);
      }
    }
  }
}
