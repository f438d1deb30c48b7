// The report cards as a person would read them: tables, charts with a fallback, paging, and
// users' text (activity titles, names) shown as text, never as markdown.
import { describe, expect, it } from '@jest/globals';
import { buildDemo } from '../../../src/features/demo/build';
import { answer } from '../../../src/features/reports/answer';
import { EVIL_TITLE, markdownExposures, nodesOfType, type Json } from '../../unit/fixtures';
import { askCard, COORDINATOR, demoWith, MANAGER_ANGE, memoryDeps } from './cardCases';

const demo = memoryDeps();
const texts = (card: Json) =>
  nodesOfType(card, 'TextBlock')
    .map((n) => String(n.text))
    .concat(nodesOfType(card, 'TextRun').map((n) => String(n.text)));
const facts = (card: Json) => Object.fromEntries(((nodesOfType(card, 'FactSet')[0]?.facts as { title: string; value: string }[] | undefined) ?? []).map((f) => [f.title, f.value]));

describe('who attended', () => {
  it('RUN-konferens: 40 present of 60 registered, people in a Table, a bar chart per municipality with a text fallback', async () => {
    const card = await askCard(demo, 'sv', 'vilka deltog i RUN-konferens');
    expect(facts(card)).toMatchObject({ Närvarande: '40', Anmälda: '60' });
    expect(nodesOfType(card, 'Table').length).toBeGreaterThanOrEqual(2);
    const bar = nodesOfType(card, 'Chart.HorizontalBar')[0];
    expect(bar?.data).toEqual(expect.arrayContaining([expect.objectContaining({ x: expect.stringContaining('kommun'), y: expect.any(Number) })]));
    expect(bar?.fallback).toMatchObject({ type: 'TextBlock', text: expect.stringContaining('kommun') });
    // No value axis (Teams would tick it 0, 0.5, 1.5 …): each bar says its whole count.
    expect(bar?.displayMode).toBe('AbsoluteNoAxis');
    expect((bar?.data as { y: number }[]).every((p) => Number.isInteger(p.y))).toBe(true);
    expect(nodesOfType(card, 'Chart.VerticalBar').concat(nodesOfType(card, 'Chart.Line'))).toEqual([]);
  });

  it('a series: the drop from the first to the last session (28 registered, 26 → 12) and a bar per session of who was there', async () => {
    const card = await askCard(demo, 'en', 'who attended Att leda en likvärdig skola', { activityId: 'demo-leda-likvardig-vt21' });
    expect(facts(card)).toMatchObject({ Registered: '28', 'First → last session': '26 → 12' });
    const bars = nodesOfType(card, 'Chart.HorizontalBar').find((c) => c.title === 'Present');
    expect(bars?.data).toEqual([
      { x: 'Session 1', y: 26 },
      { x: 'Session 2', y: 21 },
      { x: 'Session 3', y: 17 },
      { x: 'Session 4', y: 12 },
    ]);
  });

  it('a long table is paged: "show all" opens the figure 20 rows at a time', async () => {
    const overview = await askCard(demo, 'sv', 'vilka deltog i Att leda lärande och utveckling', { activityId: 'demo-leda-larande-vt21' });
    const showAll = nodesOfType(overview, 'Action.Execute').find((a) => String(a.title).startsWith('Visa alla'));
    expect(showAll).toMatchObject({ verb: 'report.page', data: { q: 'vilka deltog i Att leda lärande och utveckling', activityId: 'demo-leda-larande-vt21', figure: 'people', page: 0 } });
    const page2 = await askCard(demo, 'sv', 'vilka deltog i Att leda lärande och utveckling', { activityId: 'demo-leda-larande-vt21', figure: 'people', page: 1 });
    expect(texts(page2)).toContain('Rad 21–40 av 53');
    expect(nodesOfType(page2, 'Action.Execute').map((a) => a.title)).toEqual(['Föregående', 'Nästa', 'Till översikten', 'Exportera (Excel, CSV)']);
  });

  it('a manager of Ånge sees Ånge’s people only, and is told so', async () => {
    const card = await askCard(demo, 'sv', 'vilka deltog i RUN-konferens', { viewer: MANAGER_ANGE });
    expect(texts(card)).toContain('Du ser bara personer från Ånge kommun.');
    const orgs = nodesOfType(card, 'Chart.HorizontalBar')[0]?.data as { x: string }[];
    expect(orgs.map((o) => o.x)).toEqual(['Ånge kommun']);
  });
});

describe('statistics and the annual report', () => {
  it('RUN-riksdag 2018: "17 av 19 kommuner"', async () => {
    const card = await askCard(demo, 'sv', 'statistik RUN-riksdag 2018');
    expect(facts(card)).toMatchObject({ 'Kommuner representerade': '17 av 19 kommuner', Deltagare: '116' });
  });

  it('runs of a series: 53 and 52 participants', async () => {
    const card = await askCard(demo, 'sv', 'statistik Att leda lärande och utveckling');
    const bar = nodesOfType(card, 'Chart.HorizontalBar')[0]?.data as { x: string; y: number }[];
    expect(bar).toEqual([
      { x: 'vt21', y: 53 },
      { x: 'vt22', y: 52 },
    ]);
  });

  it('the annual runs chart has one bar per run label, summed, and the same labels as its table', async () => {
    const card = await askCard(demo, 'sv', 'årsrapport 2020-2022', { figure: 'runs' });
    const bars = nodesOfType(card, 'Chart.HorizontalBar')[0]?.data as { x: string; y: number }[];
    const labels = bars.map((b) => b.x);
    expect(new Set(labels).size).toBe(labels.length);
    const table = nodesOfType(card, 'TableRow')
      .slice(1)
      .map((r) => nodesOfType(r, 'TextBlock').map((b) => String(b.text)));
    for (const row of table) expect(labels).toContain(row[0]);
    expect(bars.find((b) => b.x === 'vt22')?.y).toBeGreaterThan(0);
  });

  it('the annual report leads with its figures and a list of its seven tables, each opened on its own', async () => {
    const card = await askCard(demo, 'sv', 'årsrapport 2020-2022');
    expect(nodesOfType(card, 'Table')).toEqual([]);
    expect(Object.keys(facts(card))).toContain('Team');
    const show = nodesOfType(card, 'Action.Execute').filter((a) => a.title === 'Visa');
    expect(show.map((a) => (a.data as Json).figure)).toEqual(['perOrganization', 'perActivityOrganization', 'teams', 'perOrganizationYear', 'runs', 'seminarSessions', 'networkMeetings']);
    const headings = nodesOfType(card, 'ColumnSet').map((c) => String(nodesOfType(c, 'TextBlock')[0]?.text));
    expect(headings).toEqual([
      'Deltagare per kommun/organisation under perioden',
      'Deltagare per aktivitet och kommun',
      'Team och deltagare per team',
      'Deltagare per huvudman och år',
      'Team och deltagare per omgång',
      'Deltagare per seminarietillfälle',
      'Representerade kommuner per nätverksträff',
    ]);
  });

  it('the annual report counts a cancelled run the same in its facts and its runs table (the export writes both)', async () => {
    const a = await answer(demo, COORDINATOR, { text: 'årsrapport 2020-2022', lang: 'sv' });
    if (a.kind !== 'report') throw new Error('expected a report');
    const runs = a.report.figures.find((f) => f.id === 'runs');
    const col = (label: string) => runs?.columns.findIndex((c) => c.label === label) ?? -1;
    const rows = runs?.rows ?? [];
    expect(rows.some((r) => r[col('Status')] === 'Inställd')).toBe(true);
    const sum = (label: string) => rows.reduce<number>((n, r) => n + Number(r[col(label)] ?? 0), 0);
    const factOf = (label: string) => a.report.facts.find((f) => f.label === label)?.numbers?.[0];
    expect(sum('Team (antal)')).toBe(factOf('Team'));
    expect(sum('Deltagare')).toBe(factOf('Deltagare (per aktivitet)'));
    for (const r of rows.filter((x) => x[col('Status')] === 'Inställd')) expect([r[col('Deltagare')], r[col('Team (antal)')]]).toEqual([0, 0]);
  });

  it('members are told statistics are for coordinators and managers', async () => {
    const a = await answer(demo, { aadObjectId: 'x', coordinator: false, managerOf: null }, { text: 'statistik RUN-riksdag', lang: 'sv' });
    expect(a).toEqual({ kind: 'message', text: expect.stringContaining('samordnare och chefer') });
  });
});

describe('answers that are not reports', () => {
  it.each([
    ['vilka deltog i', 'Vilken aktivitet menar du?'],
    ['vilka deltog i RUN-konferens tillfälle 7', 'Aktiviteten har inget sådant tillfälle. Tillfällen: 1 (2022-11-02).'],
    ['statistik RUN-riksdag 2040', 'Jag hittar ingen aktivitet som heter "RUN-riksdag".'],
    ['vilka deltog i Matematiklyftet', 'Jag hittar ingen aktivitet som heter "Matematiklyftet".'],
    ['årsrapport nästa år', 'Perioden förstod jag inte.'],
  ])('%p → a sentence saying why', async (text, start) => {
    const a = await answer(demo, COORDINATOR, { text, lang: 'sv' });
    expect(a.kind).toBe('message');
    if (a.kind === 'message') expect(a.text.startsWith(start)).toBe(true);
  });
});

describe('users’ text stays text', () => {
  const evil = memoryDeps(demoWith(() => EVIL_TITLE));
  it.each([
    ['who attended', 'vilka deltog i x', { activityId: 'demo-leda-larande-vt21' }],
    ['who registered', 'vilka är anmälda till x', { activityId: 'demo-kollegialt-2021' }],
    ['statistics of a series', 'statistik x', { series: 'series:leda-larande' }],
    ['annual report', 'årsrapport 2020-2022', { figure: 'runs' as const }],
    ['choice card', `vilka deltog i ${EVIL_TITLE}`, {}],
  ])('%s: titles and names are TextRuns, verbatim, never markdown', async (_name, text, opts) => {
    for (const lang of ['sv', 'en'] as const) {
      const card = await askCard(evil, lang, text, opts);
      expect(nodesOfType(card, 'TextRun').map((r) => r.text)).toContain(EVIL_TITLE);
      expect(markdownExposures(card)).toEqual([]);
    }
  });
});

describe('a network from src/features/networks', () => {
  const data = buildDemo();
  const withNetwork = { ...data, activities: data.activities.map((a) => (a.series === 'ikt-natverket' ? { ...a, networkId: 'ikt12345' } : a)) };
  const roster = ['berg', 'bracke', 'harjedalen', 'kramfors', 'krokom', 'nordanstig', 'stromsund', 'sundsvall', 'timra', 'are', 'ornskoldsvik', 'ostersund', 'miun'];
  const deps = { ...memoryDeps(withNetwork), networks: { list: async () => [{ networkId: 'ikt12345', name: 'IKT-nätverket' }], memberOrganizations: async () => roster } };

  it('"statistik IKT-nätverket": its meetings, municipalities counted against its own roster (12, not the region’s 19)', async () => {
    const card = await askCard(deps, 'sv', 'statistik ikt-natverket');
    expect(facts(card)).toMatchObject({ Omgångar: '2', 'Kommuner representerade': '12 av 12 kommuner' });
    // Headed by the network's name, never its key "ikt-natverket".
    expect(nodesOfType(card, 'TextRun').map((r) => r.text)).toContain('IKT-nätverket');
    expect((nodesOfType(card, 'RichTextBlock')[0]?.inlines as Json[])[0]?.text).toBe('IKT-nätverket');
    const rows = nodesOfType(card, 'Container').map((c) => String((c.items as Json[])[0]?.text));
    expect(rows).toContain('Representerade kommuner per nätverksträff');
  });

  it('a name that is no network falls back to activity titles and series', async () => {
    const card = await askCard(deps, 'sv', 'statistik RUN-riksdag 2018');
    expect(facts(card)).toMatchObject({ 'Kommuner representerade': '17 av 19 kommuner' });
  });
});
