import { dateOf, heldSessions, runLabel, touchesPeriod, yearOf } from '../periods';
import type { Period } from '../question';
import type { ActivityRecords } from '../records';
import { fact, slug, type Figure, type Point, type Report } from '../report';
import { countByOrganization, participationOf, perOrganizationPerYear, perSession, representation, runOf, runsBySeries, teamsOf, type RunFigure } from '../stats';
import { representationFigure, teamsFigure } from './activity';
import { perOrganizationFigure, periodText, scopeNotes, type BuildContext } from './common';

// Statistics over several activities: the runs of a series, a network's meetings, and the
// annual report's figures for every activity of a period.

/** One bar per run label ("vt21", "vt21–ht21"), participants summed over the runs that share it, in time order. */
function participantsPerRun(runs: readonly RunFigure[], label: (r: RunFigure) => string): Point[] {
  const sums = new Map<string, number>();
  for (const r of [...runs].sort((a, b) => a.firstStart.localeCompare(b.firstStart))) sums.set(label(r), (sums.get(label(r)) ?? 0) + r.participants);
  return [...sums].map(([x, y]) => ({ x, y }));
}

function runsFigure(ctx: BuildContext, runs: readonly RunFigure[], records: readonly ActivityRecords[]): Figure {
  const { t } = ctx;
  const title = t('rep_figRuns');
  const labels = new Map(records.map((r) => [r.activity.id, runLabel(r.activity, ctx.lang)]));
  const label = (r: RunFigure) => labels.get(r.activityId) ?? '';
  const points = participantsPerRun(runs, label);
  return {
    id: 'runs',
    title,
    columns: [
      { label: t('rep_colActivity'), kind: 'text', user: true, width: 3 },
      { label: t('rep_colRun'), kind: 'text', width: 2 },
      { label: t('rep_colStatus'), kind: 'text', width: 2 },
      { label: t('rep_colRegistered'), kind: 'number', width: 1 },
      { label: t('rep_colParticipants'), kind: 'number', width: 1 },
      { label: t('rep_colTeams'), kind: 'number', width: 1 },
    ],
    rows: runs.map((r) => [r.title, label(r), r.status === 'cancelled' ? t('rep_cancelled') : t('rep_held'), r.registered, r.participants, r.teams]),
    ...(points.length > 1 ? { chart: { kind: 'bar' as const, title: t('rep_chartParticipantsPerRun'), points } } : {}),
  };
}

function meetingRows(ctx: BuildContext, records: readonly ActivityRecords[], period?: Period) {
  const of = ctx.municipalities.length;
  return records
    .filter((r) => r.activity.kind === 'networkMeeting')
    .flatMap((rec) =>
      heldSessions(rec.activity, period).map((s) => ({
        activity: rec.activity.title,
        start: s.start,
        represented: representation(
          rec.presence.filter((p) => p.sessionId === s.id && p.present),
          ctx.municipalities,
        ).represented.length,
        of,
      })),
    )
    .sort((a, b) => a.start.localeCompare(b.start));
}

/** Several activities one question named: runs of one activity, or a network's meetings. */
export function groupStatsReport(ctx: BuildContext, records: readonly ActivityRecords[], period?: Period, name?: string): Report {
  const { t } = ctx;
  const runs = records.map((r) => runOf(r, period)).sort((a, b) => a.firstStart.localeCompare(b.firstStart));
  const everyone = ctx.scope.kind === 'all';
  const people = records.flatMap((r) => participationOf(r, period).participants);
  const meetings = everyone ? meetingRows(ctx, records, period) : [];
  const first = records[0]?.activity;
  const rep = representation(people, ctx.municipalities);
  return {
    heading: t('rep_statsHeading'),
    // A network by its name as people write it; a series by its first run's title (never the series key).
    title: name ?? first?.title ?? '',
    subtitle: [t('rep_runsCount', { n: runs.length }), ...(period ? [periodText(period)] : [])].join(' · '),
    facts: [
      fact(t('rep_factParticipations'), people.length, ctx.lang),
      fact(t('rep_factRuns'), runs.length, ctx.lang),
      ...(everyone ? [{ label: t('rep_factMunicipalities'), value: t('rep_ofMunicipalities', { n: rep.represented.length, of: rep.of }), numbers: [rep.represented.length, rep.of] }] : []),
    ],
    // A cancelled run has no attendance, but says nothing about what the held runs' counts rest on.
    notes: scopeNotes(ctx, runs.some((r) => r.sessions > 0 && r.basis === 'registrations') ? 'registrations' : 'attendance'),
    figures: [runsFigure(ctx, runs, records), perOrganizationFigure(ctx, people, t('rep_figPerOrganization')), ...(meetings.length > 0 ? [representationFigure(ctx, meetings, true)] : [])],
    fileStem: `statistik-${slug(first?.series ?? first?.title ?? 'serie')}`,
  };
}

function perActivityOrganizationFigure(ctx: BuildContext, records: readonly ActivityRecords[], period: Period): Figure {
  const { t } = ctx;
  return {
    id: 'perActivityOrganization',
    title: t('rep_figPerActivityOrganization'),
    columns: [
      { label: t('rep_colActivity'), kind: 'text', user: true, width: 3 },
      { label: t('rep_colRun'), kind: 'text', width: 1 },
      { label: t('rep_colOrganization'), kind: 'text', width: 3 },
      { label: t('rep_colParticipants'), kind: 'number', width: 1 },
    ],
    rows: records.flatMap((rec) => {
      const term = runLabel(rec.activity, ctx.lang);
      return countByOrganization(participationOf(rec, period).participants).map((c) => [rec.activity.title, term, ctx.orgName(c.key), c.count]);
    }),
  };
}

function perOrganizationYearFigure(ctx: BuildContext, records: readonly ActivityRecords[], period: Period): Figure {
  const { t } = ctx;
  const counts = perOrganizationPerYear(records, period);
  const years: number[] = [];
  for (let y = Number(period.from.slice(0, 4)); y <= Number(period.to.slice(0, 4)); y++) years.push(y);
  const orgs = [...new Set(counts.map((c) => c.organizationId))].sort((a, b) => ctx.orgName(a).localeCompare(ctx.orgName(b), 'sv'));
  return {
    id: 'perOrganizationYear',
    title: t('rep_figPerOrganizationYear'),
    columns: [
      { label: t('rep_colOrganization'), kind: 'text', width: 3 },
      ...years.map((y) => ({ label: String(y), kind: 'number' as const, width: 1 })),
      { label: t('rep_colTotal'), kind: 'number', width: 1 },
    ],
    rows: orgs.map((o) => {
      const per = years.map((y) => counts.find((c) => c.organizationId === o && c.year === y)?.count ?? 0);
      return [ctx.orgName(o), ...per, per.reduce((a, b) => a + b, 0)];
    }),
  };
}

function seminarSessionsFigure(ctx: BuildContext, records: readonly ActivityRecords[], period: Period): Figure {
  const { t } = ctx;
  const rows = records
    .filter((r) => r.activity.kind === 'seminar' || r.activity.kind === 'webinar' || r.activity.kind === 'conference')
    .flatMap((rec) => perSession(rec, period).map((s) => ({ title: rec.activity.title, s })))
    .sort((a, b) => a.s.start.localeCompare(b.s.start));
  return {
    id: 'seminarSessions',
    title: t('rep_figSeminarSessions'),
    columns: [
      { label: t('rep_colActivity'), kind: 'text', user: true, width: 3 },
      { label: t('rep_colDate'), kind: 'date', width: 2 },
      { label: t('rep_colRegistered'), kind: 'number', width: 1 },
      { label: t('rep_colPresent'), kind: 'number', width: 1 },
    ],
    rows: rows.map(({ title, s }) => [title, dateOf(s.start), s.registered, s.present]),
  };
}

/** The annual report: every activity with a session in the period. */
export function annualReport(ctx: BuildContext, all: readonly ActivityRecords[], period: Period): Report {
  const { t } = ctx;
  const records = all
    .filter((r) => touchesPeriod(r.activity, period))
    .sort((a, b) => (heldSessions(a.activity)[0]?.start ?? a.activity.sessions[0]?.start ?? '').localeCompare(heldSessions(b.activity)[0]?.start ?? b.activity.sessions[0]?.start ?? ''));
  const runs = records.map((r) => runOf(r, period));
  const everyone = ctx.scope.kind === 'all';
  const people = records.flatMap((r) => participationOf(r, period).participants);
  // Teams of activities that took place; a cancelled run's teams show in the runs table only.
  const teams = records.filter((r) => r.activity.status !== 'cancelled').flatMap((rec) => teamsOf(rec, participationOf(rec, period)).map((tm) => ({ ...tm, activity: rec.activity.title })));
  const teamOrganizers = new Set(teams.map((tm) => tm.organizationId).filter((o) => o !== null)).size;
  const rep = representation(people, ctx.municipalities);
  const grouped = runsBySeries(runs).flat();
  const years = new Set(records.flatMap((r) => heldSessions(r.activity, period).map((s) => yearOf(s.start))));
  return {
    heading: t('rep_annualHeading'),
    title: periodText(period),
    subtitle: t('rep_annualSubtitle', { n: records.length, years: years.size }),
    facts: [
      fact(t('rep_factActivities'), records.length, ctx.lang),
      fact(t('rep_factCancelled'), records.filter((r) => r.activity.status === 'cancelled').length, ctx.lang),
      fact(t('rep_factParticipations'), people.length, ctx.lang),
      fact(t('rep_factTeams'), teams.length, ctx.lang),
      fact(t('rep_factTeamOrganizers'), teamOrganizers, ctx.lang),
      ...(everyone ? [{ label: t('rep_factMunicipalities'), value: t('rep_ofMunicipalities', { n: rep.represented.length, of: rep.of }), numbers: [rep.represented.length, rep.of] }] : []),
    ],
    notes: [...scopeNotes(ctx), t('rep_annualRules')],
    figures: [
      perOrganizationFigure(ctx, people, t('rep_figPerOrganizationPeriod')),
      perActivityOrganizationFigure(ctx, records, period),
      teamsFigure(ctx, teams, true),
      perOrganizationYearFigure(ctx, records, period),
      runsFigure(ctx, grouped, records),
      seminarSessionsFigure(ctx, records, period),
      ...(everyone ? [representationFigure(ctx, meetingRows(ctx, records, period), true)] : []),
    ],
    layout: 'summary',
    fileStem: `arsrapport-${period.from.slice(0, 4)}${period.to.slice(0, 4) !== period.from.slice(0, 4) ? `-${period.to.slice(0, 4)}` : ''}`,
  };
}
