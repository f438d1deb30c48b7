// Who sees which rows: the one function every report reads records through.
import { describe, expect, it } from '@jest/globals';
import { personKey } from '../../../src/features/attendance/match';
import { readRecords, scopeOf, type AccessEvent } from '../../../src/features/reports/access';
import { Refusal } from '../../../src/features/refusal';
import type { Viewer } from '../../../src/features/roles/viewer';
import { A, A_PRESENCE, A_SEATS, P, PEOPLE } from './fixtures';

function deps() {
  const events: AccessEvent[] = [];
  return {
    events,
    d: {
      store: { presence: async (id: string) => (id === A.id ? A_PRESENCE : []), seats: async (id: string) => (id === A.id ? A_SEATS : []) },
      people: async (ids: readonly string[]) => new Map(ids.flatMap((id) => (PEOPLE.has(id) ? [[id, PEOPLE.get(id)!] as const] : []))),
      onAccess: (e: AccessEvent) => events.push(e),
    },
  };
}

const coordinator: Viewer = { aadObjectId: 'c0ffee00-0000-4000-8000-000000000001', coordinator: true, managerOf: null };
const managerAnge: Viewer = { aadObjectId: P.q1, coordinator: false, managerOf: 'ange' };
const managerBerg: Viewer = { aadObjectId: P.q2, coordinator: false, managerOf: 'berg' };
const memberP3: Viewer = { aadObjectId: P.p3, coordinator: false, managerOf: null };
const outsider: Viewer = { aadObjectId: 'c0ffee00-0000-4000-8000-000000000009', coordinator: false, managerOf: null };

describe('authorization matrix: rows of activity A (people from Ånge, Härnösand, Sundsvall, other)', () => {
  it.each([
    ['coordinator: everyone', coordinator, [P.p1, P.p2, P.p3, P.p6], [P.p1, P.p2, P.p3, P.p5, P.p6, P.p4]],
    ['manager of Ånge: Ånge’s people only', managerAnge, [P.p1, P.p2], [P.p1, P.p2]],
    ['manager of Berg asking about an activity with nobody from Berg: nothing', managerBerg, [], []],
    ['member: their own rows only', memberP3, [P.p3], [P.p3]],
    ['someone with no records: nothing', outsider, [], []],
  ] as const)('%s', async (_name, viewer, present, registered) => {
    const { d } = deps();
    const { records } = await readRecords(d, viewer, { purpose: 'attended', export: false, activities: [A] });
    const rec = records[0]!;
    expect([...new Set(rec.presence.filter((r) => r.present).map((r) => r.personKey))].sort()).toEqual(present.map((id) => personKey({ aadObjectId: id })).sort());
    expect(rec.registrations.map((r) => r.aadObjectId).sort()).toEqual([...registered].sort());
    // What was recorded for the session stays known, so a manager's counts keep the attendance basis.
    expect(rec.recordedSessions).toEqual(['s1', 's2', 's3']);
  });

  it.each([
    ['a member asking for statistics', memberP3, 'stats'],
    ['a member asking for the annual report', memberP3, 'annual'],
  ] as const)('refuses %s, before reading anything', async (_name, viewer, purpose) => {
    const { d, events } = deps();
    await expect(readRecords(d, viewer, { purpose, export: false, activities: [A] })).rejects.toEqual(new Refusal('rep_err_statsNotForMembers'));
    expect(events).toEqual([]);
  });

  it('managers and coordinators may ask for statistics', async () => {
    const { d } = deps();
    await expect(readRecords(d, managerAnge, { purpose: 'stats', export: false, activities: [A] })).resolves.toMatchObject({ scope: { kind: 'organization', organizationId: 'ange' } });
    await expect(readRecords(d, coordinator, { purpose: 'annual', export: true, activities: [A] })).resolves.toMatchObject({ scope: { kind: 'all' } });
  });
});

describe('the access log hook', () => {
  it('hears of every read: viewer, purpose, scope, activities and row count, by ids only (no names)', async () => {
    const { d, events } = deps();
    await readRecords(d, managerAnge, { purpose: 'registered', export: true, activities: [A] });
    expect(events).toEqual([{ viewerId: P.q1, purpose: 'registered', export: true, scope: 'organization', organizationId: 'ange', activityIds: ['act-a'], rows: 4 + 2 }]); // p1 at three sessions and p2 at one; p1 and p2 registered
    const json = JSON.stringify(events);
    for (const p of PEOPLE.values()) expect(json).not.toContain(p.name ?? '??');
  });
});

describe('scopeOf', () => {
  it('coordinator beats manager; a manager without a grant is a member', () => {
    expect(scopeOf({ aadObjectId: 'x', coordinator: true, managerOf: 'ange' })).toEqual({ kind: 'all' });
    expect(scopeOf({ aadObjectId: 'x', coordinator: false, managerOf: 'ange' })).toEqual({ kind: 'organization', organizationId: 'ange' });
    expect(scopeOf({ aadObjectId: 'x', coordinator: false, managerOf: null })).toEqual({ kind: 'self', aadObjectId: 'x' });
  });
});
