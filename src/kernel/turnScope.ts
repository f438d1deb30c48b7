import { AsyncLocalStorage } from 'node:async_hooks';
import { randomUUID } from 'node:crypto';

/**
 * What every piece of work started by one turn can know about it: its correlation id (for
 * logs, also of a rejection nobody handled) and until when the store may be waited on, so
 * the user gets an answer inside Teams' invoke window even when the store hangs.
 */
export interface TurnScope {
  correlationId: string;
  /** Epoch ms after which store calls made for this turn give up. */
  storeDeadline: number;
  /** Set false when the turn has answered: work it left behind is background work, unbounded by its deadline. */
  active: boolean;
}

const storage = new AsyncLocalStorage<TurnScope>();

function newCorrelationId(): string {
  return randomUUID().slice(0, 8);
}

/** Runs one turn inside its scope; the scope ends (becomes inactive) when `fn` settles. */
export async function inTurnScope<T>(budgetMs: number, fn: (scope: TurnScope) => Promise<T>): Promise<T> {
  const scope: TurnScope = { correlationId: newCorrelationId(), storeDeadline: Date.now() + budgetMs, active: true };
  try {
    return await storage.run(scope, () => fn(scope));
  } finally {
    scope.active = false;
  }
}

/** The scope of the turn this code runs for, if any and still answering. */
export function activeTurn(): TurnScope | undefined {
  const s = storage.getStore();
  return s?.active ? s : undefined;
}

/** The correlation id of the turn this code was started by, even after the turn has answered. */
export function correlationIdHere(): string | undefined {
  return storage.getStore()?.correlationId;
}

/** Work that must not inherit the turn's deadline (loops, timers that outlive it). */
export function outsideTurn<T>(fn: () => T): T {
  return storage.exit(fn);
}

/** Where a turn's correlation id is kept in botbuilder's turn state, for onTurnError. */
export const CORRELATION_ID_KEY = 'traffpunkt.correlationId';

/**
 * Runs shared work (one group commit for several turns) under the given store deadline, or
 * with none: it must not inherit the deadline of whichever turn happened to start it.
 */
export function withStoreDeadline<T>(deadline: number | undefined, fn: () => T): T {
  if (deadline === undefined) return storage.exit(fn);
  return storage.run({ correlationId: storage.getStore()?.correlationId ?? newCorrelationId(), storeDeadline: deadline, active: true }, fn);
}
