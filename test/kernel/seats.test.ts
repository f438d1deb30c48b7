import { describe, expect, it } from '@jest/globals';
import { applySeatOps, emptySeats, placesLeft, registeredCount, waitlist, waitPosition, type SeatOp, type SeatResult, type Seats } from '../../src/kernel/seats';
import { seatsFixture } from '../unit/fixtures';
import { seededRandom } from '../support/random';

const NOW = new Date('2026-11-20T10:00:00.000Z');
const reg = (userId: string, extra: { mri?: string; byUserId?: string } = {}): SeatOp => ({ kind: 'register', userId, ...extra });
const cancel = (userId: string): SeatOp => ({ kind: 'cancel', userId });

function apply(state: Seats, ops: SeatOp[]): { state: Seats; results: SeatResult[] } {
  return applySeatOps(state, ops, NOW);
}

function deepFreeze<T>(o: T): T {
  if (o && typeof o === 'object') {
    Object.values(o as object).forEach(deepFreeze);
    Object.freeze(o);
  }
  return o;
}

/** "u1:r" for registered, "u4:w" for waitlisted, in list order. */
const shape = (s: Seats) => s.entries.map((e) => `${e.userId}:${e.status === 'registered' ? 'r' : 'w'}`);

describe('applySeatOps: registering', () => {
  it('fills the places and then waitlists with increasing positions (capacity 2, five people)', () => {
    const { state, results } = apply(
      emptySeats('a1', 's1', 2),
      ['u1', 'u2', 'u3', 'u4', 'u5'].map((u) => reg(u)),
    );
    expect(results).toEqual([
      { kind: 'registered', already: false },
      { kind: 'registered', already: false },
      { kind: 'waitlisted', position: 1, already: false },
      { kind: 'waitlisted', position: 2, already: false },
      { kind: 'waitlisted', position: 3, already: false },
    ]);
    expect(shape(state)).toEqual(['u1:r', 'u2:r', 'u3:w', 'u4:w', 'u5:w']);
    expect(registeredCount(state)).toBe(2);
    expect(placesLeft(state)).toBe(0);
    expect(waitPosition(state, 'u5')).toBe(3);
  });

  it.each<[string, Seats, string, SeatResult]>([
    ['a registered person', seatsFixture('s1', 2, ['u1', 'u2'], ['u3', 'u4']), 'u1', { kind: 'registered', already: true }],
    ['the first on the waitlist', seatsFixture('s1', 2, ['u1', 'u2'], ['u3', 'u4']), 'u3', { kind: 'waitlisted', position: 1, already: true }],
    ['the second on the waitlist', seatsFixture('s1', 2, ['u1', 'u2'], ['u3', 'u4']), 'u4', { kind: 'waitlisted', position: 2, already: true }],
  ])('registering %s again keeps status and position and says already: true', (_name, start, userId, expected) => {
    const { state, results } = apply(start, [reg(userId)]);
    expect(results).toEqual([expected]);
    expect(shape(state)).toEqual(shape(start));
  });

  it('registering twice in the same batch gives the same answer with already: true and one entry', () => {
    const { state, results } = apply(seatsFixture('s1', 1, ['u1']), [reg('u2'), reg('u2')]);
    expect(results).toEqual([
      { kind: 'waitlisted', position: 1, already: false },
      { kind: 'waitlisted', position: 1, already: true },
    ]);
    expect(state.entries.filter((e) => e.userId === 'u2')).toHaveLength(1);
  });

  it('stores mri and byUserId on the entry, and the time of the batch', () => {
    const { state } = apply(emptySeats('a1', 's1', 5), [reg('u1', { mri: '29:abc', byUserId: 'coord' }), reg('u2')]);
    expect(state.entries[0]).toEqual({ userId: 'u1', mri: '29:abc', byUserId: 'coord', status: 'registered', at: NOW.toISOString() });
    expect(state.entries[1]).toEqual({ userId: 'u2', status: 'registered', at: NOW.toISOString() });
  });
});

describe('applySeatOps: cancelling', () => {
  it('cancelling a registered person promotes the head of the waitlist, then the next, in order', () => {
    const start = seatsFixture('s1', 2, ['u1', 'u2'], ['u3', 'u4', 'u5']);
    const { state, results } = apply(start, [cancel('u1'), cancel('u2')]);
    expect(results.map((r) => (r.kind === 'cancelled' ? r.promoted.map((p) => p.userId) : r.kind))).toEqual([['u3'], ['u4']]);
    expect(results[0]).toMatchObject({ kind: 'cancelled', promoted: [{ userId: 'u3', status: 'registered' }] });
    expect(shape(state)).toEqual(['u3:r', 'u4:r', 'u5:w']);
    expect(waitPosition(state, 'u5')).toBe(1);
    expect(state.cancelled).toEqual([
      { userId: 'u1', at: NOW.toISOString() },
      { userId: 'u2', at: NOW.toISOString() },
    ]);
  });

  it('cancelling a registered person with an empty waitlist promotes nobody and frees a place', () => {
    const { state, results } = apply(seatsFixture('s1', 3, ['u1', 'u2']), [cancel('u1')]);
    expect(results).toEqual([{ kind: 'cancelled', promoted: [], removed: expect.objectContaining({ userId: 'u1', status: 'registered' }) }]);
    expect(placesLeft(state)).toBe(2);
  });

  it('cancelling a waitlisted person promotes nobody and moves those behind one position up', () => {
    const start = seatsFixture('s1', 2, ['u1', 'u2'], ['u3', 'u4', 'u5']);
    const { state, results } = apply(start, [cancel('u3')]);
    expect(results).toEqual([{ kind: 'cancelled', promoted: [], removed: expect.objectContaining({ userId: 'u3', status: 'waitlisted' }) }]);
    expect(waitlist(state).map((e) => [e.userId, waitPosition(state, e.userId)])).toEqual([
      ['u4', 1],
      ['u5', 2],
    ]);
    expect(registeredCount(state)).toBe(2);
  });

  it.each<[string, Seats, string[]]>([
    ['an empty list', emptySeats('a1', 's1', 2), []],
    ['a list where the person never registered', seatsFixture('s1', 2, ['u1'], []), ['u1:r']],
  ])('cancelling someone not on %s gives notRegistered and changes nothing', (_name, start, expected) => {
    const { state, results } = apply(start, [cancel('ghost')]);
    expect(results).toEqual([{ kind: 'notRegistered' }]);
    expect(shape(state)).toEqual(expected);
    expect(state.cancelled).toEqual([]);
  });

  it('cancelling twice: the second cancel gives notRegistered', () => {
    const { results } = apply(seatsFixture('s1', 2, ['u1']), [cancel('u1'), cancel('u1')]);
    expect(results.map((r) => r.kind)).toEqual(['cancelled', 'notRegistered']);
  });

  it('a person who cancelled and registers again goes to the back of the queue', () => {
    const { state, results } = apply(seatsFixture('s1', 2, ['u1', 'u2'], ['u3']), [cancel('u1'), reg('u1')]);
    expect(results[1]).toEqual({ kind: 'waitlisted', position: 1, already: false });
    expect(shape(state)).toEqual(['u2:r', 'u3:r', 'u1:w']);
  });
});

describe('applySeatOps: capacity changes (state.capacity)', () => {
  // A raised capacity fills from the head of the waitlist on the next change, and says whom.
  it('raising the capacity promotes from the head of the waitlist and reports who moved up', () => {
    const raised = { ...seatsFixture('s1', 2, ['u1', 'u2'], ['u3', 'u4', 'u5']), capacity: 4 };
    const { state, results, promotedByCapacity } = applySeatOps(raised, [], NOW);
    expect(results).toEqual([]);
    expect(promotedByCapacity.map((e) => e.userId)).toEqual(['u3', 'u4']);
    expect(shape(state)).toEqual(['u1:r', 'u2:r', 'u3:r', 'u4:r', 'u5:w']);
    expect(placesLeft(state)).toBe(0);
  });

  it('after raising the capacity, a cancel fills the freed place after the raised ones, in order', () => {
    const raised = { ...seatsFixture('s1', 2, ['u1', 'u2'], ['u3', 'u4', 'u5', 'u6']), capacity: 4 };
    const { state, results, promotedByCapacity } = applySeatOps(raised, [cancel('u1')], NOW);
    expect(promotedByCapacity.map((e) => e.userId)).toEqual(['u3', 'u4']);
    expect(results[0]).toMatchObject({ kind: 'cancelled', promoted: [{ userId: 'u5' }] });
    expect(shape(state)).toEqual(['u2:r', 'u3:r', 'u4:r', 'u5:r', 'u6:w']);
  });

  it('lowering the capacity demotes nobody; a cancel then promotes nobody while over capacity', () => {
    const lowered = { ...seatsFixture('s1', 3, ['u1', 'u2', 'u3'], ['u4']), capacity: 1 };
    const { state, results } = apply(lowered, [cancel('u1')]);
    expect(results).toEqual([{ kind: 'cancelled', promoted: [], removed: expect.objectContaining({ userId: 'u1' }) }]);
    expect(shape(state)).toEqual(['u2:r', 'u3:r', 'u4:w']);
  });

  it('after raising the capacity, a newcomer does not get a place ahead of people already on the waitlist', () => {
    const raised = { ...seatsFixture('s1', 2, ['u1', 'u2'], ['u3']), capacity: 3 };
    const { state } = apply(raised, [reg('newcomer')]);
    const status = (u: string) => state.entries.find((e) => e.userId === u)?.status;
    expect({ waiting: status('u3'), newcomer: status('newcomer') }).toEqual({ waiting: 'registered', newcomer: 'waitlisted' });
  });
});

describe('applySeatOps: the document', () => {
  it('userIds mirrors entries (same ids, same order) after registrations and cancellations', () => {
    const { state } = apply(seatsFixture('s1', 2, ['u1', 'u2'], ['u3']), [reg('u4'), cancel('u2'), reg('u5'), cancel('u3')]);
    expect(state.userIds).toEqual(state.entries.map((e) => e.userId));
    expect(state.userIds).toEqual(['u1', 'u4', 'u5']);
  });

  it('does not mutate the input state (deep-frozen input, unchanged after the call)', () => {
    const start = deepFreeze(seatsFixture('s1', 2, ['u1', 'u2'], ['u3', 'u4']));
    const before = JSON.stringify(start);
    const { state } = apply(start, [cancel('u1'), reg('u5'), cancel('u3'), reg('u2')]);
    expect(JSON.stringify(start)).toBe(before);
    expect(state).not.toBe(start);
    expect(state.entries).not.toBe(start.entries);
    expect(state.cancelled).not.toBe(start.cancelled);
  });

  it('keeps id, activityId, scope and capacity', () => {
    const start = seatsFixture('series', 7, ['u1'], [], 'act-x');
    const { state } = apply(start, [reg('u2')]);
    expect(state).toMatchObject({ id: 'seats-series', activityId: 'act-x', type: 'seats', scope: 'series', capacity: 7 });
  });
});

describe('applySeatOps: random sequences (property)', () => {
  const SEEDS = Array.from({ length: 10 }, (_, i) => i + 1);

  it.each(SEEDS)('seed %i: 500 ops over 60 users, capacity 10: invariants hold after every op', (seed) => {
    const next = seededRandom(seed);
    const CAPACITY = 10;
    let state = emptySeats('a1', 's1', CAPACITY);
    // Model: who should be registered / waiting, in order, computed independently.
    let modelRegistered: string[] = [];
    let modelWaiting: string[] = [];
    let longestWaitlist = 0;
    let promotions = 0;
    for (let step = 0; step < 500; step++) {
      const userId = `u${Math.floor(next() * 60)}`;
      const op: SeatOp = next() < 0.6 ? reg(userId) : cancel(userId);
      const { state: after, results } = applySeatOps(state, [op], new Date(NOW.getTime() + step * 1000));
      const result = results[0];
      state = after;

      if (op.kind === 'register') {
        if (!modelRegistered.includes(userId) && !modelWaiting.includes(userId)) {
          if (modelRegistered.length < CAPACITY) modelRegistered.push(userId);
          else modelWaiting.push(userId);
        }
      } else if (modelRegistered.includes(userId) || modelWaiting.includes(userId)) {
        modelRegistered = modelRegistered.filter((u) => u !== userId);
        modelWaiting = modelWaiting.filter((u) => u !== userId);
        while (modelRegistered.length < CAPACITY && modelWaiting.length > 0) modelRegistered.push(modelWaiting.shift() as string);
      }

      const registered = state.entries.filter((e) => e.status === 'registered');
      const waiting = waitlist(state);
      const ids = state.entries.map((e) => e.userId);
      const ctx = `seed ${seed} step ${step} ${op.kind} ${userId}`;
      expect({ ctx, over: registered.length > CAPACITY }).toEqual({ ctx, over: false });
      expect({ ctx, dupes: ids.length - new Set(ids).size }).toEqual({ ctx, dupes: 0 });
      expect({ ctx, waitingWhileFree: waiting.length > 0 && registered.length < CAPACITY }).toEqual({ ctx, waitingWhileFree: false });
      expect({ ctx, userIds: state.userIds }).toEqual({ ctx, userIds: ids });
      // Order of the waitlist and the set of registered people follow the first-come model.
      expect({ ctx, waiting: waiting.map((e) => e.userId) }).toEqual({ ctx, waiting: modelWaiting });
      expect({ ctx, registered: registered.map((e) => e.userId).sort() }).toEqual({ ctx, registered: [...modelRegistered].sort() });
      longestWaitlist = Math.max(longestWaitlist, waiting.length);
      if (result?.kind === 'cancelled') promotions += result.promoted.length;
      if (result?.kind === 'waitlisted') expect({ ctx, position: result.position }).toEqual({ ctx, position: waitPosition(state, userId) });
    }
    // The sequence really exercised the waitlist and promotion (otherwise the invariants are trivial).
    expect(longestWaitlist).toBeGreaterThan(5);
    expect(promotions).toBeGreaterThan(5);
  });

  it.each(SEEDS.slice(0, 5))('seed %i: one batch of 500 ops gives the same state as 500 single-op batches', (seed) => {
    const next = seededRandom(seed);
    const ops: SeatOp[] = Array.from({ length: 500 }, () => {
      const userId = `u${Math.floor(next() * 60)}`;
      return next() < 0.6 ? reg(userId) : cancel(userId);
    });
    const batched = applySeatOps(emptySeats('a1', 's1', 10), ops, NOW);
    let single = emptySeats('a1', 's1', 10);
    const singleResults: SeatResult[] = [];
    for (const op of ops) {
      const r = applySeatOps(single, [op], NOW);
      single = r.state;
      singleResults.push(...r.results);
    }
    expect(batched.state).toEqual(single);
    expect(batched.results).toEqual(singleResults);
  });
});
