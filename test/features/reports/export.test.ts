import { describe, expect, it } from '@jest/globals';
import ExcelJS from 'exceljs';
import { createHmac } from 'node:crypto';
import { csvSafeText, sheetName, toCsv, toXlsx } from '../../../src/features/reports/exportFiles';
import { EXPORT_TTL_MS, mintExportToken, tokenUseId, verifyExportToken } from '../../../src/features/reports/exportToken';
import { linkPageHtml, linkPageParts } from '../../../src/features/reports/linkPage';
import type { Report } from '../../../src/features/reports/report';

const SECRET = 'unit-test-secret-unit-test-secret-1234';
const NOW = new Date('2026-11-20T10:00:00Z');
const ASA = '00000000-0000-4000-8000-000000000001';
const BJORN = '00000000-0000-4000-8000-000000000002';

const mint = (over: Partial<{ u: string; q: string }> = {}) => mintExportToken(SECRET, { u: ASA, q: 'vilka deltog i Läslyftet', l: 'sv', ...over }, NOW);
const later = (ms: number) => new Date(NOW.getTime() + ms);

function reencode(token: string, change: (claims: Record<string, unknown>) => void): string {
  const [payload, sig] = token.split('.');
  const claims = JSON.parse(Buffer.from(payload ?? '', 'base64url').toString('utf8')) as Record<string, unknown>;
  change(claims);
  return `${Buffer.from(JSON.stringify(claims)).toString('base64url')}.${sig}`;
}

describe('export link tokens', () => {
  it('a fresh token names its user and question', () => {
    const r = verifyExportToken(SECRET, mint(), later(1000));
    expect(r).toEqual({ ok: true, claims: expect.objectContaining({ u: ASA, q: 'vilka deltog i Läslyftet', l: 'sv', e: NOW.getTime() + EXPORT_TTL_MS }) });
  });

  it('works until 15 minutes have passed, and not after', () => {
    expect(verifyExportToken(SECRET, mint(), later(EXPORT_TTL_MS)).ok).toBe(true);
    expect(verifyExportToken(SECRET, mint(), later(EXPORT_TTL_MS + 1))).toEqual({ ok: false, reason: 'expired', lang: 'sv' });
  });

  it.each<[string, () => string, string]>([
    ['someone else’s: the user changed to another person', () => reencode(mint(), (c) => (c.u = BJORN)), 'badSignature'],
    ['the question changed', () => reencode(mint(), (c) => (c.q = 'årsrapport 2022')), 'badSignature'],
    ['the expiry moved', () => reencode(mint(), (c) => (c.e = Number(c.e) + 3_600_000)), 'badSignature'],
    ['signed with another secret', () => mintExportToken('another-secret-another-secret-123456', { u: ASA, q: 'x', l: 'sv' }, NOW), 'badSignature'],
    ['signature cut short', () => mint().slice(0, -1), 'malformed'],
    ['no signature', () => mint().split('.')[0] ?? '', 'malformed'],
    ['garbage', () => 'not a token', 'malformed'],
    ['an ICS link signature', () => `${Buffer.from('/ics/a/s1.ics').toString('base64url')}.${'A'.repeat(43)}`, 'badSignature'],
  ])('refuses a token: %s', (_name, token, reason) => {
    expect(verifyExportToken(SECRET, token(), later(1000))).toMatchObject({ ok: false, reason });
  });

  it('two links for the same question are two links: different nonces, different use records', () => {
    const [x, y] = [verifyExportToken(SECRET, mint(), later(1000)), verifyExportToken(SECRET, mint(), later(1000))];
    if (!x.ok || !y.ok) throw new Error('expected valid tokens');
    expect(x.claims.n).not.toBe(y.claims.n);
    expect(tokenUseId(x.claims)).not.toBe(tokenUseId(y.claims));
    expect(tokenUseId(x.claims)).toBe(tokenUseId({ n: x.claims.n }));
    expect(tokenUseId(x.claims)).not.toContain(x.claims.n);
  });

  it.each<[string, (c: Record<string, unknown>) => void]>([
    ['the nonce changed (a fresh use)', (c) => (c.n = 'A'.repeat(22))],
    ['the format changed', (c) => (c.f = 'xlsx')],
  ])('refuses a token: %s', (_name, change) => {
    const token = mintExportToken(SECRET, { u: ASA, q: 'x', l: 'sv', f: 'csv' }, NOW);
    expect(verifyExportToken(SECRET, reencode(token, change), later(1000))).toMatchObject({ ok: false, reason: 'badSignature' });
  });

  it('refuses a token of the earlier, reusable kind (v1) even with a valid signature', () => {
    const payload = Buffer.from(JSON.stringify({ v: 1, u: ASA, q: 'x', l: 'sv', e: NOW.getTime() + 60_000 })).toString('base64url');
    const sig = createHmac('sha256', SECRET).update(`traffpunkt.report-export.v1.${payload}`).digest('base64url');
    expect(verifyExportToken(SECRET, `${payload}.${sig}`, later(1000))).toMatchObject({ ok: false });
  });

  it('refuses well-signed claims of the wrong shape', () => {
    // Signed correctly by us but with a user id that is not an object id: still refused.
    const bad = mintExportToken(SECRET, { u: '../../x', q: 'x', l: 'sv' }, NOW);
    expect(verifyExportToken(SECRET, bad, later(1000))).toEqual({ ok: false, reason: 'malformed' });
  });
});

const REPORT: Report = {
  heading: 'Vilka deltog',
  title: 'Läslyftet; "kick-off"',
  subtitle: 'tisdag 5 oktober 2022',
  facts: [
    { label: 'Närvarande', value: '3', numbers: [3] },
    { label: 'Kommuner representerade', value: '12 av 19 kommuner', numbers: [12, 19] },
    { label: 'Status', value: 'Inställd' },
  ],
  notes: [],
  figures: [
    {
      id: 'people',
      title: 'Deltagare',
      columns: [
        { label: 'Namn', kind: 'text', user: true },
        { label: 'Organisation', kind: 'text' },
        { label: 'Datum', kind: 'date' },
        { label: 'Minuter', kind: 'number' },
      ],
      rows: [
        ['Åsa Öberg', 'Ånge kommun', '2022-10-05', 118],
        ['=HYPERLINK("http://evil.example")', 'Härnösands kommun', '2022-10-05', 90.5],
        ['Björn\nÄngström', null, '2022-10-05', null],
      ],
    },
    {
      id: 'perOrganization',
      title: 'Deltagare per kommun/organisation',
      columns: [
        { label: 'Organisation', kind: 'text' },
        { label: 'Deltagare', kind: 'number' },
      ],
      rows: [['Ånge kommun', 1]],
    },
  ],
  fileStem: 'deltog-laslyftet',
};

describe('CSV for Swedish Excel', () => {
  const csv = toCsv(REPORT);
  const text = csv.toString('utf8');

  it('starts with a UTF-8 byte order mark and keeps å, ä, ö', () => {
    expect([...csv.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(text).toContain('Åsa Öberg;Ånge kommun;2022-10-05;118\r\n');
  });

  it('separates with semicolons, ends lines with CRLF, writes ISO dates and a decimal comma', () => {
    expect(text).toContain('Namn;Organisation;Datum;Minuter\r\n');
    expect(text).toContain(';2022-10-05;90,5\r\n');
  });

  it('quotes fields with ; " or line breaks, and defuses formulas in user text', () => {
    expect(text).toContain('"Läslyftet; ""kick-off"""');
    expect(text).toContain(`"'=HYPERLINK(""http://evil.example"")"`);
    expect(text).toContain('"Björn\nÄngström";;2022-10-05;\r\n');
  });

  it.each([
    ['=1+1', "'=1+1"],
    ['+46 70', "'+46 70"],
    ['-3', "'-3"],
    ['@SUM(A1)', "'@SUM(A1)"],
    ['Åsa', 'Åsa'],
  ])('csvSafeText(%p) = %p', (input, out) => {
    expect(csvSafeText(input)).toBe(out);
  });
});

describe('XLSX', () => {
  it('one sheet per figure after a summary sheet, dates as dates, numbers as numbers, formulas as text', async () => {
    const buf = await toXlsx(REPORT, NOW);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(new Uint8Array(buf).buffer);
    // Each figure's sheet has a short name written for the tab, never a title cut at 31 characters.
    expect(wb.worksheets.map((w) => w.name)).toEqual(['Sammanfattning', 'Deltagare', 'Per kommun och organisation']);
    expect(wb.worksheets.every((w) => w.name.length <= 31)).toBe(true);
    // Headline numbers are numbers: "3", and "12 av 19 kommuner" as 12 and 19; a text stays text.
    const summary = wb.getWorksheet('Sammanfattning');
    const rowOf = (label: string) => summary?.getRows(1, summary.rowCount)?.find((r) => r.getCell(1).value === label);
    expect(rowOf('Närvarande')?.getCell(2).value).toBe(3);
    expect([rowOf('Kommuner representerade')?.getCell(2).value, rowOf('Kommuner representerade')?.getCell(3).value]).toEqual([12, 19]);
    expect(rowOf('Status')?.getCell(2).value).toBe('Inställd');
    const people = wb.getWorksheet('Deltagare');
    expect(people?.getRow(1).values).toEqual([undefined, 'Namn', 'Organisation', 'Datum', 'Minuter']);
    expect(people?.getCell('A2').value).toBe('Åsa Öberg');
    expect(people?.getCell('C2').value).toEqual(new Date('2022-10-05T00:00:00Z'));
    expect(people?.getCell('D3').value).toBe(90.5);
    expect(people?.getCell('A3').value).toBe('=HYPERLINK("http://evil.example")');
    expect(people?.getCell('A3').type).toBe(ExcelJS.ValueType.String);
  });

  it('sheet names: at most 31 characters, no []:*?/\\, unique', () => {
    const taken = new Set<string>();
    expect(sheetName('Deltagare per kommun/organisation under perioden', taken)).toBe('Deltagare per kommun organisati');
    expect(sheetName('Deltagare per kommun/organisation under perioden', taken)).toBe('Deltagare per kommun organisa 2');
    expect(sheetName('[a]:*?', taken)).toBe('a');
    expect(sheetName('', taken)).toBe('Blad');
  });
});

describe('the page a refused link shows', () => {
  it('is Swedish first, English below, with the reason in each', () => {
    const page = linkPageHtml(linkPageParts('rep_link_used'));
    expect(page.indexOf('lang="sv"')).toBeLessThan(page.indexOf('lang="en"'));
    expect(page.indexOf('Länken har redan använts')).toBeLessThan(page.indexOf('The link has already been used'));
    expect(page).toContain('Länken fungerar inte');
    expect(page).toContain('The link does not work');
  });

  it('shows a text as text, never as markup', () => {
    const page = linkPageHtml([{ lang: 'sv', text: '<script>alert("x")</script> & co' }]);
    expect(page).not.toContain('<script>');
    expect(page).toContain('&#60;script&#62;');
  });
});
