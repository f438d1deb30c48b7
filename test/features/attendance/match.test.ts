import { describe, expect, it } from '@jest/globals';
import { rowsFromRecords } from '../../../src/features/attendance/graph/fetcher';
import { matchIdentities, normalName, personKey, type Candidate, type Identity } from '../../../src/features/attendance/match';
import { allowedDownloadUrl } from '../../../src/features/attendance/download';
import { parseSessionArgument, reportFitsSession } from '../../../src/features/attendance/target';

const ASA = 'aaaaaaaa-0000-4000-8000-000000000001';
const BJORN = 'aaaaaaaa-0000-4000-8000-000000000002';
const ANNA1 = 'aaaaaaaa-0000-4000-8000-000000000003';
const ANNA2 = 'aaaaaaaa-0000-4000-8000-000000000004';

const candidates: Candidate[] = [
  { key: `aad-${ASA}`, aadObjectId: ASA, emails: ['asa.oberg@ostersund.se'], names: ['Åsa Öberg'], registered: true },
  { key: `aad-${BJORN}`, aadObjectId: BJORN, emails: [], names: ['Björn Ängström'], registered: true },
  { key: `aad-${ANNA1}`, aadObjectId: ANNA1, emails: [], names: ['Anna Berg'], registered: true },
  { key: `aad-${ANNA2}`, aadObjectId: ANNA2, emails: [], names: ['Anna Berg'], registered: true },
  { key: 'em-walkin', emails: ['pekka.virtanen@gmail.com'], names: ['Pekka Virtanen'], registered: false },
];

describe('matching rows to the people of a session', () => {
  it.each<[string, Identity, string, string, boolean]>([
    ['Teams user id first', { aadObjectId: ASA.toUpperCase(), name: 'Someone Else' }, `aad-${ASA}`, 'id', false],
    ['then e-mail, any case', { email: 'Asa.Oberg@Ostersund.se', name: 'Å. Öberg' }, `aad-${ASA}`, 'email', false],
    ['or UPN', { upn: 'asa.oberg@ostersund.se', name: '' }, `aad-${ASA}`, 'email', false],
    ['then the name, without diacritics or case', { name: 'bjorn angstrom' }, `aad-${BJORN}`, 'name', false],
    ['"Last, First" as Excel exports write it', { name: 'Ängström, Björn' }, `aad-${BJORN}`, 'name', false],
    ['a guest marker is not part of the name', { name: 'Pekka Virtanen (External)' }, 'em-walkin', 'name', false],
    ['an already recorded walk-in by e-mail', { email: 'pekka.virtanen@gmail.com', name: 'P V' }, 'em-walkin', 'email', false],
    ['a name two registrants share is not guessed', { name: 'Anna Berg' }, personKey({ name: 'Anna Berg' }), 'new', true],
    ['a name match is not trusted against another e-mail', { name: 'Åsa Öberg', email: 'asa@privat.se' }, personKey({ email: 'asa@privat.se' }), 'new', false],
    ['a name match is not trusted against another Teams id', { name: 'Björn Ängström', aadObjectId: ANNA1.replace('3', '9') }, `aad-${ANNA1.replace('3', '9')}`, 'new', false],
    ['nobody: a walk-in keyed by e-mail', { name: 'Lars Nyström', email: 'lars.nystrom@ostersund.se' }, personKey({ email: 'lars.nystrom@ostersund.se' }), 'new', false],
  ])('%s', (_name, row, key, by, ambiguous) => {
    const [m] = matchIdentities([row], candidates);
    expect({ key: m?.key, by: m?.by }).toEqual({ key, by });
    expect(m?.ambiguousName ?? false).toBe(ambiguous);
  });

  it('gives the same person the same key from every source', () => {
    expect(personKey({ aadObjectId: ASA.toUpperCase(), email: 'x@y.se' })).toBe(`aad-${ASA}`);
    expect(personKey({ email: 'Lars.Nystrom@Ostersund.se' })).toBe(personKey({ upn: 'lars.nystrom@ostersund.se' }));
    expect(personKey({ name: 'Pekka Virtanen (Guest)' })).toBe(personKey({ name: 'pekka  virtanen' }));
    expect(personKey({ name: 'Pekka Virtanen' })).toMatch(/^nm-[0-9a-f]{24}$/);
  });

  it.each<[string, string]>([
    ['Åsa Öberg', 'asa oberg'],
    ['Öberg, Åsa', 'asa oberg'],
    ['  ÅSA   ÖBERG (Extern) ', 'asa oberg'],
    ['Anna-Karin  -  Berg', 'anna-karin-berg'],
    ['Dr. Per O’Brien', 'dr per obrien'],
  ])('normalName(%p) = %p', (input, expected) => {
    expect(normalName(input)).toBe(expected);
  });
});

describe('Graph attendance records → rows', () => {
  it('joins one person’s records from several reports and keeps guests without an id', () => {
    const rows = rowsFromRecords([
      {
        identity: { id: ASA, displayName: 'Åsa Öberg' },
        emailAddress: 'Asa.Oberg@ostersund.se',
        role: 'Attendee',
        totalAttendanceInSeconds: 600,
        attendanceIntervals: [{ joinDateTime: '2026-12-08T08:00:00Z', leaveDateTime: '2026-12-08T08:10:00Z' }],
      },
      {
        identity: { id: ASA, displayName: 'Åsa Öberg' },
        emailAddress: null,
        role: 'Attendee',
        totalAttendanceInSeconds: 300,
        attendanceIntervals: [{ joinDateTime: '2026-12-08T08:20:00Z', leaveDateTime: '2026-12-08T08:25:00Z' }],
      },
      {
        identity: { id: null, displayName: 'Pekka Virtanen' },
        emailAddress: 'pekka.virtanen@gmail.com',
        role: 'Presenter',
        totalAttendanceInSeconds: 60,
        attendanceIntervals: [{ joinDateTime: 'not a time', leaveDateTime: null }],
      },
      { identity: null, emailAddress: null, role: null, totalAttendanceInSeconds: null, attendanceIntervals: null },
    ]);
    expect(rows).toEqual([
      {
        name: 'Åsa Öberg',
        aadObjectId: ASA,
        email: 'asa.oberg@ostersund.se',
        role: 'attendee',
        seconds: 900,
        spans: [
          { start: Date.parse('2026-12-08T08:00:00Z'), end: Date.parse('2026-12-08T08:10:00Z') },
          { start: Date.parse('2026-12-08T08:20:00Z'), end: Date.parse('2026-12-08T08:25:00Z') },
        ],
      },
      { name: 'Pekka Virtanen', aadObjectId: undefined, email: 'pekka.virtanen@gmail.com', role: 'presenter', seconds: 60, spans: [] },
    ]);
  });
});

describe('which session a coordinator means', () => {
  it.each<[string, ReturnType<typeof parseSessionArgument>]>([
    ['Läslyftet', { name: 'Läslyftet' }],
    ['Läslyftet 2', { name: 'Läslyftet', number: 2 }],
    ['Läslyftet tillfälle 3', { name: 'Läslyftet', number: 3 }],
    ['Läslyftet #4', { name: 'Läslyftet', number: 4 }],
    ['Läslyftet 2026-12-08', { name: 'Läslyftet', date: '2026-12-08' }],
    ['IKT-nätverket 2026', { name: 'IKT-nätverket 2026' }],
    ['  ', { name: '' }],
  ])('%p', (input, expected) => {
    expect(parseSessionArgument(input)).toEqual(expected);
  });

  const session = { id: 's1', start: '2026-12-08T08:00:00Z', end: '2026-12-08T10:00:00Z', status: 'scheduled' as const };
  it.each<[string, number | undefined, boolean]>([
    ['the same morning', Date.parse('2026-12-08T07:58:00Z'), true],
    ['no time in the file', undefined, true],
    ['the day before', Date.parse('2026-12-07T08:00:00Z'), false],
    ['another year', Date.parse('2022-11-15T08:00:00Z'), false],
  ])('a report from %s fits: %s', (_name, start, fits) => {
    expect(reportFitsSession(session, start, start === undefined ? undefined : start + 7200_000)).toBe(fits);
  });
});

describe('where the bot downloads files from', () => {
  it.each<[string, boolean, boolean]>([
    ['https://contoso-my.sharepoint.com/personal/karin/_layouts/15/download.aspx?UniqueId=1&tempauth=x', false, true],
    ['https://contoso.sharepoint.us/sites/x/file.csv', false, true],
    ['http://contoso-my.sharepoint.com/x.csv', false, false],
    ['https://sharepoint.com.evil.example/x.csv', false, false],
    ['https://user:pw@contoso.sharepoint.com/x.csv', false, false],
    ['http://169.254.169.254/metadata', true, false],
    ['http://127.0.0.1:4711/files/x.csv', false, false],
    ['http://127.0.0.1:4711/files/x.csv', true, true],
    ['not a url', true, false],
  ])('%s (loopback allowed: %s) → %s', (url, loopback, allowed) => {
    expect(allowedDownloadUrl(url, loopback)).toBe(allowed);
  });
});
