// Teams in the seat list: a team holds one place for all its members, waits as one, moves up as one.
import { describe, expect, it } from '@jest/globals';
import { applySeatOps, emptySeats, placesLeft, registeredCount, registeredUnits, teamEntries, waitPosition, type SeatOp, type SeatResult, type Seats } from '../../../src/kernel/seats';

const NOW = new Date('2026-11-20T10:00:00.000Z');
const team = (teamId: string, ids: string[], peopleCapacity?: number): SeatOp => ({
  kind: 'registerTeam',
  teamId,
  members: ids.map((userId) => ({ userId })),
  byUserId: 'manager',
  ...(peopleCapacity ? { peopleCapacity } : {}),
});
const reg = (userId: string): SeatOp => ({ kind: 'register', userId });
const cancel = (userId: string): SeatOp => ({ kind: 'cancel', userId });
const cancelTeam = (teamId: string): SeatOp => ({ kind: 'cancelTeam', teamId });
const change = (teamId: string, add: string[], remove: string[]): SeatOp => ({ kind: 'changeTeam', teamId, add: add.map((userId) => ({ userId })), remove, byUserId: 'manager' });
const merge = (fromUserId: string, toUserId: string): SeatOp => ({ kind: 'merge', fromUserId, toUserId, mri: `29:${toUserId}` });

function run(ops: SeatOp[], capacity = 2, start?: Seats): { state: Seats; results: SeatResult[] } {
  return applySeatOps(start ?? emptySeats('a1', 'series', capacity), ops, NOW);
}

/** "A:r" per unit in list order: a team by its id, a person by theirs. */
const units = (s: Seats) => [...new Set(s.entries.map((e) => `${e.teamId ?? e.userId}:${e.status === 'registered' ? 'r' : 'w'}`))];

describe('applySeatOps with teams', () => {
  it.each<[string, SeatOp[], number, string[], SeatResult[]]>([
    [
      'two teams fill two places',
      [team('A', ['a1', 'a2', 'a3']), team('B', ['b1', 'b2'])],
      2,
      ['A:r', 'B:r'],
      [
        { kind: 'registered', already: false },
        { kind: 'registered', already: false },
      ],
    ],
    [
      'a third team waits as one, at place 1',
      [team('A', ['a1']), team('B', ['b1']), team('C', ['c1', 'c2', 'c3'])],
      2,
      ['A:r', 'B:r', 'C:w'],
      [
        { kind: 'registered', already: false },
        { kind: 'registered', already: false },
        { kind: 'waitlisted', position: 1, already: false },
      ],
    ],
    [
      'registering the same team again changes nothing',
      [team('A', ['a1', 'a2']), team('A', ['a1', 'a2'])],
      2,
      ['A:r'],
      [
        { kind: 'registered', already: false },
        { kind: 'registered', already: true },
      ],
    ],
    [
      'a member already in another team: refused, nothing written',
      [team('A', ['a1', 'x']), team('B', ['b1', 'x'])],
      2,
      ['A:r'],
      [
        { kind: 'registered', already: false },
        { kind: 'taken', userIds: ['x'] },
      ],
    ],
    [
      'a member registered on their own: refused',
      [reg('x'), team('B', ['b1', 'x'])],
      2,
      ['x:r'],
      [
        { kind: 'registered', already: false },
        { kind: 'taken', userIds: ['x'] },
      ],
    ],
    [
      'a team and a person each take one place',
      [team('A', ['a1', 'a2', 'a3']), reg('p'), reg('q')],
      2,
      ['A:r', 'p:r', 'q:w'],
      [
        { kind: 'registered', already: false },
        { kind: 'registered', already: false },
        { kind: 'waitlisted', position: 1, already: false },
      ],
    ],
    ['the same person twice in one team counts once', [team('A', ['a1', 'a1', 'a2'])], 2, ['A:r'], [{ kind: 'registered', already: false }]],
  ])('%s', (_name, ops, capacity, expectedUnits, expectedResults) => {
    const { state, results } = run(ops, capacity);
    expect(results).toEqual(expectedResults);
    expect(units(state)).toEqual(expectedUnits);
    expect(state.userIds).toEqual(state.entries.map((e) => e.userId));
  });

  it('counts places in units and people in entries', () => {
    const { state } = run([team('A', ['a1', 'a2', 'a3']), reg('p')], 5);
    expect({ units: registeredUnits(state), people: registeredCount(state), left: placesLeft(state) }).toEqual({ units: 2, people: 4, left: 3 });
  });

  it('every member of a waiting team has the team’s waitlist position', () => {
    const { state } = run([team('A', ['a1']), reg('p'), team('B', ['b1', 'b2', 'b3'])], 1);
    expect(['p', 'b1', 'b2', 'b3'].map((u) => waitPosition(state, u))).toEqual([1, 2, 2, 2]);
  });

  it('cancelling a team frees its place and moves the first waiting team up whole', () => {
    const { state, results } = run([team('A', ['a1', 'a2']), team('B', ['b1', 'b2', 'b3']), cancelTeam('A')], 1);
    expect(results[2]).toMatchObject({ kind: 'cancelled', promoted: [{ userId: 'b1' }, { userId: 'b2' }, { userId: 'b3' }] });
    expect(units(state)).toEqual(['B:r']);
    expect(state.cancelled.map((c) => c.userId)).toEqual(['a1', 'a2']);
  });

  it('one member leaving keeps the team’s place; the last one leaving frees it', () => {
    const first = run([team('A', ['a1', 'a2']), reg('p'), cancel('a1')], 1);
    expect(first.results[2]).toEqual({ kind: 'cancelled', promoted: [], removed: expect.objectContaining({ userId: 'a1', teamId: 'A' }) });
    expect(units(first.state)).toEqual(['A:r', 'p:w']);
    const last = applySeatOps(first.state, [cancel('a2')], NOW);
    expect(last.results[0]).toMatchObject({ kind: 'cancelled', promoted: [{ userId: 'p' }] });
  });

  it('changing members keeps the team’s status and place, and the change is refused if someone is taken', () => {
    const { state, results } = run([team('A', ['a1', 'a2']), team('B', ['b1']), change('A', ['a3'], ['a1']), change('A', ['b1'], [])], 1);
    expect(results[2]).toEqual({ kind: 'teamChanged', promoted: [] });
    expect(results[3]).toEqual({ kind: 'taken', userIds: ['b1'] });
    expect(teamEntries(state, 'A').map((e) => `${e.userId}:${e.status}`)).toEqual(['a2:registered', 'a3:registered']);
    expect(units(state)).toEqual(['A:r', 'B:w']);
  });

  it.each<[string, SeatOp[], string[], SeatResult]>([
    ['a team larger than the people capacity is refused', [team('A', ['a1', 'a2', 'a3', 'a4'], 3)], [], { kind: 'tooManyPeople' }],
    ['a team that does not fit among the people left waits', [team('A', ['a1', 'a2'], 3), team('B', ['b1', 'b2'])], ['A:r', 'B:w'], { kind: 'waitlisted', position: 1, already: false }],
    ['a team that fits is registered', [team('A', ['a1', 'a2'], 5), team('B', ['b1', 'b2', 'b3'])], ['A:r', 'B:r'], { kind: 'registered', already: false }],
  ])('people capacity: %s', (_name, ops, expectedUnits, lastResult) => {
    const { state, results } = run(ops, 5);
    expect(results[results.length - 1]).toEqual(lastResult);
    expect(units(state)).toEqual(expectedUnits);
  });

  it('people capacity: adding members to a registered team beyond it is refused; a waiting team is not overtaken', () => {
    const { state, results } = run([team('A', ['a1', 'a2'], 3), team('B', ['b1', 'b2']), reg('p'), change('A', ['a3', 'a4'], [])], 5);
    expect(units(state)).toEqual(['A:r', 'B:w', 'p:w']);
    expect(results[2]).toEqual({ kind: 'waitlisted', position: 2, already: false });
    expect(results[3]).toEqual({ kind: 'tooManyPeople' });
  });

  it.each<[string, Seats | null, SeatOp[], string[]]>([
    ['renames an e-mail person’s entry to their Teams id, keeping their place', null, [team('A', ['email-1', 'a2']), merge('email-1', 'aad-1')], ['aad-1', 'a2']],
    ['drops the duplicate when the Teams id is already there', null, [reg('aad-1'), reg('email-1'), merge('email-1', 'aad-1')], ['aad-1']],
    ['changes nothing for someone not in the list', null, [reg('p'), merge('email-9', 'aad-9')], ['p']],
  ])('merge %s', (_name, start, ops, ids) => {
    const { state } = run(ops, 5, start ?? undefined);
    expect(state.userIds).toEqual(ids);
    expect(state.entries.find((e) => e.userId === 'aad-1')?.mri ?? '29:aad-1').toBe('29:aad-1');
  });

  it('does not mutate its input and keeps the people capacity on the document', () => {
    const start = run([team('A', ['a1'], 10)], 2).state;
    const before = JSON.stringify(start);
    const { state } = applySeatOps(start, [team('B', ['b1']), cancelTeam('A')], NOW);
    expect(JSON.stringify(start)).toBe(before);
    expect(state.peopleCapacity).toBe(10);
  });
});
