// The report cards as a person would read them: tables, charts with a fallback, paging, and
// users' text (activity titles, names) shown as text, never as markdown.
import { describe, expect, it } from '@jest/globals';
import { buildDemo } from '../../../src/demo/build';
import { answer } from '../../../src/reports/answer';
import { EVIL_TITLE, markdownExposures, nodesOfType, type Json } from '../fixtures';
import { askCard, COORDINATOR, demoWith, MANAGER_ANGE, memoryDeps } from './cardCases';

const demo = memoryDeps();
const texts = (card: Json) => nodesOfType(card, 'TextBlock').map((n) => String(n.text)).concat(nodesOfType(card, 'TextRun').map((n) => String(n.text)));
const facts = (card: Json) => Object.fromEntries((nodesOfType(card, 'FactSet')[0]?.facts as { title: string; value: string }[] | undefined ?? []).map((f) => [f.title, f.value]));

describe('who attended', () => {
  it('RUN-konferens: 40 present of 60 registered, people in a Table, a bar chart per municipality with a text fallback', async () => {
    const card = await askCard(demo, 'sv', 'vilka deltog i RUN-konferens');
    expect(facts(card)).toMatchObject({ Närvarande: '40', Anmälda: '60' });
    expect(nodesOfType(card, 'Table').length).toBeGreaterThanOrEqual(2);
    const bar = nodesOfType(card, 'Chart.VerticalBar')[0];
    expect(bar?.data).toEqual(expect.arrayContaining([expect.objectContaining({ x: expect.stringContaining('kommun'), y: expect.any(Number) })]));
    expect(bar?.fallback).toMatchObject({ type: 'TextBlock', text: expect.stringContaining('kommun') });
  });

  it('a series: the drop from the first to the last session (28 registered, 26 → 12) and a line chart per session', async () => {
    const card = await askCard(demo, 'en', 'who attended Att leda en likvärdig skola', { activityId: 'demo-leda-likvardig-vt21' });
    expect(facts(card)).toMatchObject({ Registered: '28', 'First → last session': '26 → 12' });
    const line = nodesOfType(card, 'Chart.Line')[0];
    expect((line?.data as { legend: string; values: { y: number }[] }[]).map((s) => [s.legend, s.values.map((v) => v.y)])).toEqual([
      ['Registered', [28, 28, 28, 28]],
      ['Present', [26, 21, 17, 12]],
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
    const orgs = nodesOfType(card, 'Chart.VerticalBar')[0]?.data as { x: string }[];
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
    const bar = nodesOfType(card, 'Chart.VerticalBar')[0]?.data as { x: string; y: number }[];
    expect(bar).toEqual([{ x: 'vt21', y: 53 }, { x: 'vt22', y: 52 }]);
  });

  it('the annual report has every figure of the network’s report', async () => {
    const card = await askCard(demo, 'sv', 'årsrapport 2020-2022');
    const headings = nodesOfType(card, 'Container').map((c) => String((c.items as Json[])[0]?.text));
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
    ['annual report', 'årsrapport 2020-2022', {}],
    ['choice card', `vilka deltog i ${EVIL_TITLE}`, {}],
  ])('%s: titles and names are TextRuns, verbatim, never markdown', async (_name, text, opts) => {
    for (const lang of ['sv', 'en'] as const) {
      const card = await askCard(evil, lang, text, opts);
      expect(nodesOfType(card, 'TextRun').map((r) => r.text)).toContain(EVIL_TITLE);
      expect(markdownExposures(card)).toEqual([]);
    }
  });
});

describe('a network from src/networks', () => {
  const data = buildDemo();
  const withNetwork = { ...data, activities: data.activities.map((a) => (a.series === 'ikt-natverket' ? { ...a, networkId: 'ikt12345' } : a)) };
  const roster = ['berg', 'bracke', 'harjedalen', 'kramfors', 'krokom', 'nordanstig', 'stromsund', 'sundsvall', 'timra', 'are', 'ornskoldsvik', 'ostersund', 'miun'];
  const deps = { ...memoryDeps(withNetwork), networks: { list: async () => [{ networkId: 'ikt12345', name: 'IKT-nätverket' }], memberOrganizations: async () => roster } };

  it('"statistik IKT-nätverket": its meetings, municipalities counted against its own roster (12, not the region’s 19)', async () => {
    const card = await askCard(deps, 'sv', 'statistik ikt-natverket');
    expect(facts(card)).toMatchObject({ Omgångar: '2', 'Kommuner representerade': '12 av 12 kommuner' });
    const rows = nodesOfType(card, 'Container').map((c) => String((c.items as Json[])[0]?.text));
    expect(rows).toContain('Representerade kommuner per nätverksträff');
  });

  it('a name that is no network falls back to activity titles and series', async () => {
    const card = await askCard(deps, 'sv', 'statistik RUN-riksdag 2018');
    expect(facts(card)).toMatchObject({ 'Kommuner representerade': '17 av 19 kommuner' });
  });
});
