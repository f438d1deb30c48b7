// The report templates expanded through the real answer pipeline on the demo data (in memory),
// for test/platform/cards/templates.test.ts (spread into its CASES) and this folder's card tests.
import type { Attachment } from 'botbuilder';
import type { TemplateName } from '../../../src/platform/cards/render';
import { buildDemo, type DemoData } from '../../../src/features/demo/build';
import { translator, type Lang } from '../../../src/features/i18n';
import { answer, type ReportDeps } from '../../../src/features/reports/answer';
import { reportExportCard, reportPickCard } from '../../../src/features/reports/cards';
import { presentReport } from '../../../src/features/reports/present';
import type { FigureId } from '../../../src/features/reports/report';
import type { Viewer } from '../../../src/features/roles/viewer';
import { defaultOrganizations } from '../../../src/features/people/seed';
import type { Json } from '../../unit/fixtures';

export const COORDINATOR: Viewer = { aadObjectId: 'c0ffee00-0000-4000-8000-000000000001', coordinator: true, managerOf: null };
export const MANAGER_ANGE: Viewer = { aadObjectId: 'c0ffee00-0000-4000-8000-000000000002', coordinator: false, managerOf: 'ange' };

/** The answer pipeline over documents in memory: what the store would return, partition by partition. */
export function memoryDeps(data: DemoData = buildDemo()): ReportDeps {
  const people = new Map(data.people.map((p) => [p.aadObjectId, p]));
  return {
    activities: { list: async () => data.activities },
    organizations: async () => defaultOrganizations(),
    access: {
      store: {
        presence: async (id) =>
          data.attendance
            .filter((x) => x.activityId === id)
            .map((x) => ({
              sessionId: x.sessionId,
              personKey: x.personKey,
              aadObjectId: x.person.aadObjectId,
              name: x.person.name,
              organizationId: x.person.organizationId,
              minutes: x.minutes,
              present: x.present,
            })),
        seats: async (id) => data.seats.filter((s) => s.activityId === id),
      },
      people: async (ids) =>
        new Map(
          ids.flatMap((id) => {
            const p = people.get(id);
            return p ? [[id, p] as const] : [];
          }),
        ),
      onAccess: () => undefined,
    },
    now: () => new Date('2023-01-15T10:00:00Z'),
  };
}

const content = (a: Attachment): Json => a.content as Json;

/** A question's card as the chat command gives it (a report card, or a choice card). */
export async function askCard(deps: ReportDeps, lang: Lang, text: string, opts: { viewer?: Viewer; activityId?: string; series?: string; figure?: FigureId; page?: number } = {}): Promise<Json> {
  const a = await answer(deps, opts.viewer ?? COORDINATOR, { text, activityId: opts.activityId, series: opts.series, lang });
  if (a.kind === 'message') throw new Error(`expected a card, got: ${a.text}`);
  if (a.kind === 'pick') return content(reportPickCard(a.view));
  return content(presentReport({ report: a.report, t: translator(lang), lang, base: a.base, figure: opts.figure, page: opts.page ?? 0 }));
}

/** Demo data with hostile or very long text where users' text goes (titles, names). */
export function demoWith(text: (i: number) => string): DemoData {
  const d = buildDemo();
  return {
    ...d,
    activities: d.activities.map((a, i) => ({ ...a, title: text(i) })),
    people: d.people.map((p, i) => ({ ...p, name: text(i) })),
    attendance: d.attendance.map((x, i) => ({ ...x, person: { ...x.person, name: text(i) } })),
  };
}

const long = (n: number, seed: string) => seed.repeat(Math.ceil(n / seed.length)).slice(0, n);

interface Case {
  template: TemplateName;
  name: string;
  big?: boolean;
  card: (lang: Lang) => Promise<Json> | Json;
}

const demo = memoryDeps();
const longDemo = memoryDeps(demoWith((i) => long(200, `Åsa Öberg-Ängström från Örnsköldsvik ${i} `)));

export const REPORT_CARD_CASES: Case[] = [
  { template: 'report-answer', name: 'who attended one session', card: (lang) => askCard(demo, lang, 'vilka deltog i RUN-konferens') },
  {
    template: 'report-answer',
    name: 'who attended, every session, with the drop',
    card: (lang) => askCard(demo, lang, 'vilka deltog i Att leda en likvärdig skola', { activityId: 'demo-leda-likvardig-vt21' }),
  },
  {
    template: 'report-answer',
    name: 'who registered, in order, some by their principal',
    card: (lang) => askCard(demo, lang, 'vilka är anmälda till Framgångsrikt kollegialt lärande', { activityId: 'demo-kollegialt-2021' }),
  },
  { template: 'report-answer', name: 'statistics of a series (runs, per organisation)', card: (lang) => askCard(demo, lang, 'statistik Att leda lärande och utveckling') },
  { template: 'report-answer', name: 'statistics of a network meeting, manager of Ånge', card: (lang) => askCard(demo, lang, 'statistik RUN-riksdag 2018', { viewer: MANAGER_ANGE }) },
  { template: 'report-answer', name: 'annual report 2020–2022', big: true, card: (lang) => askCard(demo, lang, 'årsrapport 2020-2022') },
  { template: 'report-answer', name: 'annual report, one figure, page 3', big: true, card: (lang) => askCard(demo, lang, 'årsrapport 2020-2022', { figure: 'perActivityOrganization', page: 2 }) },
  { template: 'report-answer', name: 'who attended, 200-character titles and names', big: true, card: (lang) => askCard(longDemo, lang, 'vilka deltog i x', { activityId: 'demo-leda-larande-vt21' }) },
  { template: 'report-pick', name: 'several runs of one activity', card: (lang) => askCard(demo, lang, 'vilka deltog i Att leda lärande och utveckling') },
  { template: 'report-pick', name: 'no match: suggestions', card: (lang) => askCard(demo, lang, 'vilka deltog i Fritidshemseminariet ute') },
  {
    template: 'report-pick',
    name: '10 choices with 200-character titles',
    big: true,
    card: (lang) => askCard(memoryDeps(demoWith((i) => long(200, `Läslyftet ${i % 12} i Härnösand och Sundsvall `))), lang, 'vilka deltog i Läslyftet'),
  },
  {
    template: 'report-export',
    name: 'links to XLSX and CSV',
    card: (lang) => {
      const t = translator(lang);
      return content(
        reportExportCard({
          heading: t('rep_exportHeading'),
          title: 'Att leda en likvärdig skola',
          lines: [t('rep_exportLinks')],
          links: [
            { title: t('rep_exportXlsx'), url: 'https://traffpunkt.miun.se/reports/export.xlsx?t=eyJ2IjoxfQ.abc' },
            { title: t('rep_exportCsv'), url: 'https://traffpunkt.miun.se/reports/export.csv?t=eyJ2IjoxfQ.abc' },
          ],
        }),
      );
    },
  },
  {
    template: 'report-export',
    name: '200-character title, a 2,000-character token',
    big: true,
    card: (lang) => {
      const t = translator(lang);
      const token = long(2000, 'eyJ2IjoxLCJ1Ijoi');
      return content(
        reportExportCard({
          heading: t('rep_exportHeading'),
          title: long(200, 'Att leda lärande och utveckling i Härnösand '),
          lines: [t('rep_exportLinks')],
          links: [
            { title: t('rep_exportXlsx'), url: `https://traffpunkt.miun.se/reports/export.xlsx?t=${token}` },
            { title: t('rep_exportCsv'), url: `https://traffpunkt.miun.se/reports/export.csv?t=${token}` },
          ],
        }),
      );
    },
  },
];
