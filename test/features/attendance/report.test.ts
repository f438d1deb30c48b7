import { describe, expect, it } from '@jest/globals';
import { decodeReport } from '../../../src/features/attendance/report/decode';
import { parseReport, type ParsedReport } from '../../../src/features/attendance/report/parse';
import { detectOrder, readAction, readDateTime, readDuration, readName, readRole, toInstant } from '../../../src/features/attendance/report/values';
import { fixture } from '../../fixtures/attendance/support';

const SESSION_START = Date.parse('2026-12-08T08:00:00Z');

describe('cell values', () => {
  it.each<[string, number | null]>([
    ['1h 4m 12s', 3852],
    ['10m 59s', 659],
    ['45s', 45],
    ['2h', 7200],
    ['1 tim 58 min 52 s', 7132],
    ['1 t 5 min', 3900],
    ['01:04:12', 3852],
    ['1,5 h', 5400],
    ['', null],
    ['38 minuter ungefär', null],
    ['2026-12-08 09:00:00', null],
    ['lång tid', null],
  ])('duration %p → %p seconds', (cell, seconds) => {
    expect(readDuration(cell)).toBe(seconds);
  });

  // Stockholm is UTC+1 in December and UTC+2 in June.
  it.each<[string, 'dmy' | 'mdy' | 'ymd', string | null]>([
    ['2022-11-15 09:58:01', 'ymd', '2022-11-15T08:58:01.000Z'],
    ['15/11/22, 09:30:17', 'dmy', '2022-11-15T08:30:17.000Z'],
    ['11/15/22, 9:58:01 AM', 'mdy', '2022-11-15T08:58:01.000Z'],
    ['11/15/2022, 1:05:00 PM', 'mdy', '2022-11-15T12:05:00.000Z'],
    ['6/15/22, 12:00:00 AM', 'mdy', '2022-06-14T22:00:00.000Z'],
    ['6/15/22, 12:30:00\u202fPM', 'mdy', '2022-06-15T10:30:00.000Z'],
    ['08.12.26, 09:01:10', 'dmy', '2026-12-08T08:01:10.000Z'],
    ['2026-12-08T08:01:10Z', 'ymd', '2026-12-08T08:01:10.000Z'],
    ['31/02/22, 09:00:00', 'dmy', null],
    ['2022-11-15 25:00:00', 'ymd', null],
  ])('time %p read %s → %p', (cell, order, expected) => {
    const raw = readDateTime(cell);
    const t = raw ? toInstant(raw, order) : null;
    expect(t === null ? null : new Date(t).toISOString()).toBe(expected);
  });

  it.each<[string, string[], number | undefined, string, boolean]>([
    ['ISO', ['2022-11-15 09:58:01'], undefined, 'ymd', true],
    ['a day above 12', ['01/11/22, 09:00:00', '15/11/22, 09:30:17'], undefined, 'dmy', true],
    ['a month-first day above 12', ['11/01/22, 09:00:00', '11/15/22, 09:30:17'], undefined, 'mdy', true],
    ['AM/PM', ['11/12/22, 9:58:01 AM'], undefined, 'mdy', true],
    ['dots', ['08.12.26, 09:01:10'], undefined, 'dmy', true],
    ['ambiguous, the session decides (8 December)', ['08/12/26, 09:01:10'], SESSION_START, 'dmy', false],
    ['ambiguous, the session decides (12 August)', ['08/12/26, 09:01:10'], Date.parse('2026-08-12T08:00:00Z'), 'mdy', false],
    ['ambiguous, nothing to go by', ['08/12/26, 09:01:10'], undefined, 'dmy', false],
  ])('date order: %s', (_name, cells, hint, order, certain) => {
    const samples = cells.flatMap((c) => {
      const r = readDateTime(c);
      return r ? [r] : [];
    });
    expect(detectOrder(samples, hint)).toEqual({ order, certain });
  });

  it.each<[string, string | null]>([
    ['Organizer', 'organizer'],
    ['Organisatör', 'organizer'],
    ['Presentatör', 'presenter'],
    ['Attendee', 'attendee'],
    ['Deltagare', 'attendee'],
    ['Teilnehmer', null],
  ])('role %p → %p', (cell, role) => {
    expect(readRole(cell)).toBe(role);
  });

  it.each<[string, string | null]>([
    ['Joined', 'join'],
    ['Joined before', 'join'],
    ['Anslöt', 'join'],
    ['Anslöt före', 'join'],
    ['Left', 'leave'],
    ['Lämnade', 'leave'],
    ['Paused', null],
  ])('action %p → %p', (cell, action) => {
    expect(readAction(cell)).toBe(action);
  });

  it.each<[string, { name: string; external: boolean }]>([
    ['Pekka Virtanen (External)', { name: 'Pekka Virtanen', external: true }],
    ['Pekka Virtanen (Gäst)', { name: 'Pekka Virtanen', external: true }],
    ['  Åsa\u00a0Öberg ', { name: 'Åsa Öberg', external: false }],
  ])('name %p', (cell, expected) => {
    expect(readName(cell)).toEqual(expected);
  });
});

describe('decoding uploaded bytes', () => {
  const text = 'Full Name\tUser Action\tTimestamp\r\nÅsa Öberg\tJoined\t2026-12-08 09:00:00\r\n';
  it.each<[string, Buffer, string]>([
    ['UTF-16LE with BOM', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]), 'utf-16le'],
    ['UTF-16LE without BOM', Buffer.from(text, 'utf16le'), 'utf-16le'],
    ['UTF-16BE with BOM', Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from(text, 'utf16le').swap16()]), 'utf-16be'],
    ['UTF-8 with BOM', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text, 'utf8')]), 'utf-8'],
    ['UTF-8 without BOM', Buffer.from(text, 'utf8'), 'utf-8'],
  ])('%s', (_name, bytes, encoding) => {
    expect(decodeReport(bytes)).toEqual({ ok: true, text, encoding });
  });

  it.each<[string, Buffer, string]>([
    ['nothing', Buffer.alloc(0), 'empty'],
    ['only blank lines', Buffer.from('\r\n  \r\n'), 'empty'],
    ['more than the limit', Buffer.alloc(101, 0x41), 'tooLarge'],
    ['an .xlsx', Buffer.from([0x50, 0x4b, 0x03, 0x04, 1, 2, 3]), 'spreadsheet'],
    ['an old .xls', Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1]), 'spreadsheet'],
    ['invalid UTF-8', Buffer.from([0x41, 0xc3, 0x28, 0x80, 0x81]), 'binary'],
    ['control characters', Buffer.from('abc\u0001\u0002\u0003\u0004def'), 'binary'],
  ])('refuses %s', (_name, bytes, reason) => {
    expect(decodeReport(bytes, 100)).toEqual({ ok: false, reason });
  });
});

describe('parsing the report files (test/fixtures/attendance)', () => {
  const read = (file: string, hint?: number): ParsedReport => {
    const r = parseReport(fixture(file), hint === undefined ? {} : { hint });
    if (!r.ok) throw new Error(`${file}: ${r.reason}`);
    return r.report;
  };
  const people = (r: ParsedReport) =>
    Object.fromEntries(r.people.map((p) => [p.name, { minutes: Math.floor(p.seconds / 60), role: p.role, external: p.external, email: p.email ?? null, stays: p.spans.length }]));

  it.each<[string, 'sections' | 'legacy', string, boolean]>([
    ['teams-en-us.csv', 'sections', 'utf-16le', true],
    ['teams-sv.csv', 'sections', 'utf-16le', true],
    ['teams-en-gb-utf8-bom.csv', 'sections', 'utf-8', true],
    ['teams-sv-utf8.csv', 'sections', 'utf-8', true],
    ['teams-de-utf16-nobom.csv', 'sections', 'utf-16le', false],
    ['legacy-en.csv', 'legacy', 'utf-16le', false],
    ['legacy-sv.csv', 'legacy', 'utf-16le', false],
  ])('%s: format %s, %s, everyone with their minutes', (file, format, encoding, roles) => {
    const r = read(file, SESSION_START);
    expect({ format: r.format, encoding: r.encoding }).toEqual({ format, encoding });
    expect(r.start).toBe(Date.parse('2026-12-08T07:58:01Z'));
    expect(r.end).toBe(Date.parse('2026-12-08T10:02:13Z'));
    expect(r.unreadable).toEqual([]);
    const p = people(r);
    expect(Object.keys(p).sort()).toEqual(['Björn Ängström', 'Karin Lindqvist', 'Lars Nyström', 'Märta Sjöström', 'Pekka Virtanen', 'Ylva Åkesson', 'Åsa Öberg']);
    expect(p['Åsa Öberg']?.minutes).toBe(118);
    expect(p['Björn Ängström']).toMatchObject({ minutes: 97, stays: 2 });
    expect(p['Ylva Åkesson']).toMatchObject({ minutes: 117, stays: 1 });
    expect(p['Märta Sjöström']?.minutes).toBe(30);
    expect(p['Pekka Virtanen']).toMatchObject({ minutes: 95, external: true, email: null });
    if (format === 'sections') expect(p['Åsa Öberg']?.email).toBe('asa.oberg@ostersund.se');
    if (roles) {
      expect(p['Karin Lindqvist']?.role).toBe('organizer');
      expect(p['Lars Nyström']?.role).toBe('presenter');
      expect(p['Åsa Öberg']?.role).toBe('attendee');
    }
  });

  it('reads the title and the meeting times from the summary', () => {
    expect(read('teams-sv.csv').title).toBe('Läslyftet – kick-off för rektorer');
    expect(read('teams-en-us.csv').orderGuessed).toBe(false);
    expect(read('teams-en-gb-utf8-bom.csv').orderGuessed).toBe(true);
  });

  it('without the session to go by, an ambiguous day-first file is read day-first', () => {
    expect(read('teams-en-gb-utf8-bom.csv').start).toBe(Date.parse('2026-12-08T07:58:01Z'));
  });

  it('lists the rows it could not read, with line and reason, and uses the rest', () => {
    const r = read('teams-sv-bad-row.csv');
    expect(r.unreadable).toEqual([
      { line: 14, reason: 'badTime' },
      { line: 23, reason: 'badDuration' },
    ]);
    const p = people(r);
    expect(p['Märta Sjöström']?.minutes).toBe(30); // from her stay in section 3
    expect(p['Björn Ängström']).toMatchObject({ minutes: 97, stays: 1 }); // the stated total still counts
  });

  it.each<[string, string, string]>([
    ['a text that is not a report', 'Hej!\nHär är mina anteckningar.\n', 'notAReport'],
    ['a table without times', 'Namn\tE-post\nÅsa Öberg\tasa@x.se\n', 'notAReport'],
    ['a header and no rows', 'Full Name\tUser Action\tTimestamp\n', 'noParticipants'],
    ['mostly unreadable rows', 'Full Name\tUser Action\tTimestamp\nÅsa\tJoined\tigår\nBjörn\tJoined\tsnart\nMärta\tJoined\t2026-12-08 09:00:00\n', 'mostlyUnreadable'],
  ])('refuses %s', (_name, text, reason) => {
    expect(parseReport(Buffer.from(text, 'utf8'))).toEqual({ ok: false, reason });
  });

  it('reads a comma-separated file re-saved by another program, with quoted names', () => {
    const csv = 'Full Name,User Action,Timestamp\r\n"Öberg, Åsa",Joined,2026-12-08 09:00:00\r\n"Öberg, Åsa",Left,2026-12-08 10:00:00\r\n';
    const r = parseReport(Buffer.from(csv, 'utf8'));
    expect(r.ok && r.report.people.map((p) => [p.name, p.seconds])).toEqual([['Öberg, Åsa', 3600]]);
  });
});
