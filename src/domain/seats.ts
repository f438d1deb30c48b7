import { z } from 'zod';

export const SeatEntrySchema = z.object({
  userId: z.string(),
  mri: z.string().optional(),
  status: z.enum(['registered', 'waitlisted']),
  at: z.iso.datetime(),
  byUserId: z.string().optional(),
});
export type SeatEntry = z.infer<typeof SeatEntrySchema>;

/** Who holds a place and who waits, in order, for one session (or a whole series): one document. */
export const SeatsSchema = z.object({
  id: z.string(),
  activityId: z.string(),
  type: z.literal('seats'),
  scope: z.string(),
  capacity: z.number().int().positive(),
  entries: z.array(SeatEntrySchema),
  cancelled: z.array(z.object({ userId: z.string(), at: z.iso.datetime() })),
  // Flat copy of entries' user ids so "my registrations" is an ARRAY_CONTAINS query.
  userIds: z.array(z.string()),
});
export type Seats = z.infer<typeof SeatsSchema>;

export type SeatOp =
  | { kind: 'register'; userId: string; mri?: string; byUserId?: string }
  | { kind: 'cancel'; userId: string };

export type SeatResult =
  | { kind: 'registered'; already: boolean }
  | { kind: 'waitlisted'; position: number; already: boolean }
  | { kind: 'cancelled'; promoted: SeatEntry[] }
  | { kind: 'notRegistered' };

export function seatsId(scope: string): string {
  return `seats-${scope}`;
}

export function emptySeats(activityId: string, scope: string, capacity: number): Seats {
  return { id: seatsId(scope), activityId, type: 'seats', scope, capacity, entries: [], cancelled: [], userIds: [] };
}

export function registeredCount(s: Seats): number {
  return s.entries.filter((e) => e.status === 'registered').length;
}

export function waitlist(s: Seats): SeatEntry[] {
  return s.entries.filter((e) => e.status === 'waitlisted');
}

export function placesLeft(s: Seats): number {
  return Math.max(0, s.capacity - registeredCount(s));
}

export function waitPosition(s: Seats, userId: string): number {
  return waitlist(s).findIndex((e) => e.userId === userId) + 1;
}

/** Fills free places from the head of the waitlist; returns the promoted entries. */
function promote(entries: SeatEntry[], capacity: number): SeatEntry[] {
  const promoted: SeatEntry[] = [];
  let free = capacity - entries.filter((e) => e.status === 'registered').length;
  for (let i = 0; i < entries.length && free > 0; i++) {
    const e = entries[i];
    if (e && e.status === 'waitlisted') {
      entries[i] = { ...e, status: 'registered' };
      promoted.push(entries[i] as SeatEntry);
      free--;
    }
  }
  return promoted;
}

/**
 * Applies ops in order to a copy of the seat state. Registering twice is idempotent;
 * cancelling frees the place and promotes from the waitlist.
 */
export function applySeatOps(
  state: Seats,
  ops: readonly SeatOp[],
  now: Date,
): { state: Seats; results: SeatResult[]; promotedByCapacity: SeatEntry[] } {
  const entries = state.entries.map((e) => ({ ...e }));
  const cancelled = [...state.cancelled];
  const results: SeatResult[] = [];
  const at = now.toISOString();
  // A raised capacity fills from the waitlist first, so nobody new jumps the queue.
  const promotedByCapacity = promote(entries, state.capacity);
  for (const op of ops) {
    const idx = entries.findIndex((e) => e.userId === op.userId);
    if (op.kind === 'register') {
      const existing = entries[idx];
      if (existing) {
        results.push(
          existing.status === 'registered'
            ? { kind: 'registered', already: true }
            : { kind: 'waitlisted', position: entries.filter((e) => e.status === 'waitlisted').indexOf(existing) + 1, already: true },
        );
        continue;
      }
      const full = entries.filter((e) => e.status === 'registered').length >= state.capacity;
      const entry: SeatEntry = {
        userId: op.userId,
        status: full ? 'waitlisted' : 'registered',
        at,
        ...(op.mri ? { mri: op.mri } : {}),
        ...(op.byUserId ? { byUserId: op.byUserId } : {}),
      };
      entries.push(entry);
      results.push(
        full
          ? { kind: 'waitlisted', position: entries.filter((e) => e.status === 'waitlisted').length, already: false }
          : { kind: 'registered', already: false },
      );
    } else {
      if (idx < 0) {
        results.push({ kind: 'notRegistered' });
        continue;
      }
      entries.splice(idx, 1);
      cancelled.push({ userId: op.userId, at });
      results.push({ kind: 'cancelled', promoted: promote(entries, state.capacity) });
    }
  }
  return {
    state: { ...state, entries, cancelled, userIds: entries.map((e) => e.userId) },
    results,
    promotedByCapacity,
  };
}
