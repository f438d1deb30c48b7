import { describe, expect, it } from '@jest/globals';
import { placeConflicts } from '../../../src/features/staff-teams/check';
import { distinctPeople, emailUserId, type ResolvedPerson } from '../../../src/features/staff-teams/people';
import { fromOtherOrganization, memberDiff, parseTypedPeople, pickerIds, plainName, teamSizeProblem, type TypedParse } from '../../../src/features/staff-teams/rules';
import { entry, seatsFixture } from '../../unit/fixtures';

describe('parseTypedPeople', () => {
  it.each<[string, string, TypedParse]>([
    ['name and e-mail in angle brackets', 'Åsa Öberg <Asa.Oberg@Ange.se>', { ok: true, people: [{ name: 'Åsa Öberg', email: 'asa.oberg@ange.se' }] }],
    ['an e-mail alone', 'bjorn@solleftea.se', { ok: true, people: [{ name: '', email: 'bjorn@solleftea.se' }] }],
    ['name, comma, e-mail', 'Märta Sjöström, marta@harnosand.se', { ok: true, people: [{ name: 'Märta Sjöström', email: 'marta@harnosand.se' }] }],
    ['quoted name', '"Ylva Åkesson" <ylva@are.se>', { ok: true, people: [{ name: 'Ylva Åkesson', email: 'ylva@are.se' }] }],
    ['empty lines skipped, the same e-mail twice kept once', '\nA <a@ange.se>\n\n  a@ange.se  \n', { ok: true, people: [{ name: 'A', email: 'a@ange.se' }] }],
    ['nothing', '', { ok: true, people: [] }],
    ['a line without an e-mail (line 2)', 'A <a@ange.se>\nBjörn Ängström', { ok: false, badLine: 2 }],
    ['a broken e-mail', 'Örjan <orjan@@ange>', { ok: false, badLine: 1 }],
    ['markup instead of an e-mail', '<b>x</b>', { ok: false, badLine: 1 }],
  ])('%s', (_name, text, expected) => {
    expect(parseTypedPeople(text)).toEqual(expected);
  });

  it('refuses more lines than allowed', () => {
    const text = Array.from({ length: 4 }, (_, i) => `p${i}@ange.se`).join('\n');
    expect(parseTypedPeople(text, 3)).toEqual({ ok: false, tooMany: 3 });
  });
});

describe('pickerIds', () => {
  it.each<[string, string[] | null]>([
    ['', []],
    ['0b0b-1, 0b0b-2,0b0b-1', ['0b0b-1', '0b0b-2']],
    ['0b0b-1,<script>', null],
    ['a b', null],
  ])('%p → %p', (value, expected) => {
    expect(pickerIds(value)).toEqual(expected);
  });
});

describe('teamSizeProblem', () => {
  const settings = { minSize: 5, maxSize: 12 };
  it.each<[number, string | null]>([
    [4, 'team_errTooFew'],
    [5, null],
    [12, null],
    [13, 'team_errTooMany'],
  ])('%i members → %p', (n, key) => {
    expect(teamSizeProblem(n, settings)?.key ?? null).toBe(key);
  });
});

describe('memberDiff, fromOtherOrganization, plainName', () => {
  it('lists who was added and removed', () => {
    expect(memberDiff(['a', 'b', 'c'], ['b', 'd'])).toEqual({ added: ['d'], removed: ['a', 'c'] });
  });

  it('flags only people whose stored organisation is known and different', () => {
    expect(fromOtherOrganization([{ userId: 'a', organizationId: 'ange' }, { userId: 'b', organizationId: 'sundsvall' }, { userId: 'c' }, { userId: 'd', organizationId: '' }], 'ange')).toEqual(['b']);
  });

  it.each<[string, string]>([
    ['Åsa Öberg', 'Åsa Öberg'],
    ['**fet** [länk](https://evil.example) <b>x</b>', 'fet länkhttps://evil.example bx/b'],
  ])('plainName(%p) → %p', (name, plain) => {
    expect(plainName(name)).toBe(plain);
  });
});

describe('distinctPeople', () => {
  const p = (userId: string, email?: string): ResolvedPerson => ({ userId, name: userId, ...(email ? { email } : {}) });
  it.each<[string, ResolvedPerson[], string[]]>([
    ['the same Teams user picked twice', [p('aad-1'), p('aad-1')], ['aad-1']],
    ['a typed e-mail that is a picked user’s', [p('aad-1', 'asa@ange.se'), p(emailUserId('asa@ange.se'), 'asa@ange.se')], ['aad-1']],
    ['the same e-mail typed with other case resolves to one id', [p(emailUserId('Asa@Ange.se'), 'asa@ange.se'), p(emailUserId('asa@ange.se'), 'asa@ange.se')], [emailUserId('asa@ange.se')]],
    ['different people stay', [p('aad-1', 'a@ange.se'), p('aad-2', 'b@ange.se')], ['aad-1', 'aad-2']],
  ])('%s', (_name, people, ids) => {
    expect(distinctPeople(people).map((x) => x.userId)).toEqual(ids);
  });

  it('e-mail ids are stable, case-insensitive and do not contain the e-mail', () => {
    expect(emailUserId(' Asa@Ange.SE ')).toBe(emailUserId('asa@ange.se'));
    expect(emailUserId('asa@ange.se')).toMatch(/^email-[0-9a-f]{40}$/);
  });
});

describe('placeConflicts', () => {
  it('counts people in other teams and people on their own; the own team is fine', () => {
    const seats = seatsFixture('series', 5, []);
    seats.entries = [entry('a', 'registered', { teamId: 'T1' }), entry('b', 'registered', { teamId: 'T2' }), entry('c', 'waitlisted')];
    expect(placeConflicts([seats], ['a', 'b', 'c', 'd'], 'T1')).toEqual({ inOtherTeam: 1, onTheirOwn: 1 });
  });
});
