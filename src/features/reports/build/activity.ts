import { seatScope, type Activity, type Session } from '../../../kernel/activity';
import { formatDate, formatSpan } from '../../../kernel/time';
import { dateOf, heldSessions, runLabel } from '../periods';
import type { Period } from '../question';
import type { ActivityRecords } from '../records';
import { fact, slug, type Figure, type Report } from '../report';
import { dropOf, participationOf, perSession, representation, teamsOf, type TeamFigure } from '../stats';
import { jobRoleText, perOrganizationFigure, perSessionFigure, periodText, scopeNotes, sessionLabel, type BuildContext } from './common';

// "Who attended", "who registered" and the statistics of one activity.

const byOrgThenName = (ctx: BuildContext) => (a: { organizationId: string | null; name: string }, b: { organizationId: string | null; name: string }) =>
  ctx.orgName(a.organizationId).localeCompare(ctx.orgName(b.organizationId), 'sv') || a.name.localeCompare(b.name, 'sv');

function subtitleOf(ctx: BuildContext, activity: Activity, session?: Session): string {
  if (session) return formatSpan(new Date(session.start), new Date(session.end), ctx.lang);
  return `${ctx.t(`kind_${activity.kind}`)} · ${runLabel(activity, ctx.lang)}`;
}

function registeredCount(rec: ActivityRecords, scopes?: ReadonlySet<string>): number {
  return new Set(rec.registrations.filter((r) => r.status === 'registered' && (!scopes || scopes.has(r.scope))).map((r) => r.personKey)).size;
}

export function attendedReport(ctx: BuildContext, rec: ActivityRecords, session?: Session): Report {
  const { t, activity } = { t: ctx.t, activity: rec.activity };
  const base = { heading: t('rep_attendedHeading'), title: activity.title, subtitle: subtitleOf(ctx, activity, session), fileStem: `deltog-${slug(activity.title)}${session ? `-${session.id}` : ''}` };
  const peopleColumns = (last: 'minutes' | 'sessions'): Figure['columns'] => [
    { label: t('rep_colName'), kind: 'text', user: true, width: 3 },
    { label: t('rep_colOrganization'), kind: 'text', width: 3 },
    { label: t('rep_colRole'), kind: 'text', width: 2 },
    // "1 av 4" as two numbers: sessions attended, sessions held.
    ...(last === 'sessions'
      ? [
          { label: t('rep_colSessionsAttended'), kind: 'number' as const, width: 1 },
          { label: t('rep_colSessionsHeld'), kind: 'number' as const, width: 1 },
        ]
      : []),
    { label: t('rep_colMinutes'), kind: 'number', width: 1 },
  ];
  if (session) {
    const present = rec.presence.filter((r) => r.sessionId === session.id && r.present).sort(byOrgThenName(ctx));
    const recorded = rec.recordedSessions.includes(session.id);
    return {
      ...base,
      facts: [
        fact(t('rep_factPresent'), present.length, ctx.lang),
        fact(t('rep_factRegistered'), registeredCount(rec, new Set([seatScope(activity, session.id)])), ctx.lang),
        fact(t('rep_factOrganizations'), new Set(present.map((p) => p.organizationId)).size, ctx.lang),
      ],
      notes: [...scopeNotes(ctx), ...(recorded ? [] : [t('rep_noAttendanceSession')])],
      figures: [
        {
          id: 'people',
          title: t('rep_figPeople'),
          columns: peopleColumns('minutes'),
          rows: present.map((p) => [p.name, ctx.orgName(p.organizationId), jobRoleText(ctx, p.jobRole), p.minutes]),
          empty: t('rep_noParticipants'),
        },
        perOrganizationFigure(ctx, present, t('rep_figPerOrganization')),
      ],
    };
  }
  const held = heldSessions(activity);
  const participation = participationOf(rec);
  const people = participation.basis === 'attendance' ? [...participation.participants].sort(byOrgThenName(ctx)) : [];
  const sessions = perSession(rec);
  const drop = dropOf(sessions);
  return {
    ...base,
    facts: [
      fact(t('rep_factParticipants'), people.length, ctx.lang),
      fact(t('rep_factRegistered'), registeredCount(rec), ctx.lang),
      fact(t('rep_factOrganizations'), new Set(people.map((p) => p.organizationId)).size, ctx.lang),
      ...(drop ? [{ label: t('rep_factDrop'), value: t('rep_dropValue', { first: drop.first, last: drop.last }), numbers: [drop.first, drop.last] }] : []),
    ],
    notes: [...scopeNotes(ctx), ...(participation.basis === 'registrations' ? [t('rep_noAttendance')] : [])],
    figures: [
      {
        id: 'people',
        title: t('rep_figPeople'),
        columns: peopleColumns('sessions'),
        rows: people.map((p) => [p.name, ctx.orgName(p.organizationId), jobRoleText(ctx, p.jobRole), p.sessions.length, held.length, p.minutes]),
        empty: t('rep_noParticipants'),
      },
      perOrganizationFigure(ctx, people, t('rep_figPerOrganization')),
      perSessionFigure(ctx, sessions),
    ],
  };
}

export function registeredReport(ctx: BuildContext, rec: ActivityRecords, session?: Session): Report {
  const { t } = ctx;
  const activity = rec.activity;
  const scopes = session ? new Set([seatScope(activity, session.id)]) : undefined;
  const startOf = new Map(activity.sessions.map((s) => [s.id, s.start]));
  const rows = rec.registrations.filter((r) => !scopes || scopes.has(r.scope)).sort((a, b) => (startOf.get(a.scope) ?? '').localeCompare(startOf.get(b.scope) ?? '') || a.order - b.order);
  const manyLists = new Set(rows.map((r) => r.scope)).size > 1;
  const waiting = rows.filter((r) => r.status === 'waitlisted').length;
  const scopeText = (scope: string) => {
    const s = activity.sessions.find((x) => x.id === scope);
    return s ? sessionLabel(ctx, s) : t('rep_wholeSeries');
  };
  let position = 0;
  let lastScope = '';
  return {
    heading: t('rep_registeredHeading'),
    title: activity.title,
    subtitle: subtitleOf(ctx, activity, session),
    facts: [
      { label: t('rep_factRegistered'), value: t('rep_ofPlaces', { n: rows.length - waiting, capacity: activity.capacity }), numbers: [rows.length - waiting, activity.capacity] },
      fact(t('rep_factWaitlisted'), waiting, ctx.lang),
    ],
    notes: scopeNotes(ctx),
    figures: [
      {
        id: 'registrations',
        title: t('rep_figRegistrations'),
        columns: [
          ...(manyLists ? [{ label: t('rep_colSession'), kind: 'text' as const, width: 2 }] : []),
          { label: t('rep_colNumber'), kind: 'number', width: 1 },
          { label: t('rep_colName'), kind: 'text', user: true, width: 3 },
          { label: t('rep_colOrganization'), kind: 'text', width: 3 },
          { label: t('rep_colRole'), kind: 'text', width: 2 },
          { label: t('rep_colStatus'), kind: 'text', width: 2 },
          { label: t('rep_colRegisteredAt'), kind: 'date', width: 2 },
        ],
        rows: rows.map((r) => {
          if (r.scope !== lastScope) {
            lastScope = r.scope;
            position = 0;
          }
          position++;
          const status = r.status === 'registered' ? t('rep_statusRegistered') : t('rep_statusWaitlisted');
          return [...(manyLists ? [scopeText(r.scope)] : []), position, r.name, ctx.orgName(r.organizationId), jobRoleText(ctx, r.jobRole), status, dateOf(r.at)];
        }),
        empty: t('rep_noRegistrations'),
      },
    ],
    fileStem: `anmalda-${slug(activity.title)}${session ? `-${session.id}` : ''}`,
  };
}

export function teamsFigure(ctx: BuildContext, teams: readonly (TeamFigure & { activity?: string })[], withActivity: boolean): Figure {
  const { t } = ctx;
  const seen = new Map<string, number>();
  return {
    id: 'teams',
    title: t('rep_figTeams'),
    columns: [
      ...(withActivity ? [{ label: t('rep_colActivity'), kind: 'text' as const, user: true, width: 3 }] : []),
      { label: t('rep_colTeam'), kind: 'text', width: 3 },
      { label: t('rep_colRegistered'), kind: 'number', width: 1 },
      { label: t('rep_colParticipants'), kind: 'number', width: 1 },
    ],
    rows: teams.map((tm) => {
      const name = ctx.orgName(tm.organizationId);
      const key = `${tm.activity ?? ''}|${name}`;
      const n = (seen.get(key) ?? 0) + 1;
      seen.set(key, n);
      return [...(withActivity ? [tm.activity ?? ''] : []), n > 1 ? `${name} (${n})` : name, tm.registered, tm.participants];
    }),
    empty: t('rep_noTeams'),
  };
}

/** Two bars with the same label ("2 mars 2022", two networks met) become "2 mars 2022 (2)". */
function distinctLabels(points: readonly { x: string; y: number }[]): { x: string; y: number }[] {
  const seen = new Map<string, number>();
  return points.map((p) => {
    const n = (seen.get(p.x) ?? 0) + 1;
    seen.set(p.x, n);
    return n > 1 ? { ...p, x: `${p.x} (${n})` } : p;
  });
}

export function representationFigure(ctx: BuildContext, rows: readonly { activity: string; start: string; represented: number; of: number }[], withActivity: boolean): Figure {
  const { t } = ctx;
  return {
    id: 'networkMeetings',
    title: t('rep_figRepresentation'),
    columns: [
      ...(withActivity ? [{ label: t('rep_colActivity'), kind: 'text' as const, user: true, width: 3 }] : []),
      { label: t('rep_colDate'), kind: 'date', width: 2 },
      // "12 av 19" as two numbers, so the export can sum and compare them.
      { label: t('rep_colRepresented'), kind: 'number', width: 1 },
      { label: t('rep_colMunicipalitiesOf'), kind: 'number', width: 1 },
    ],
    rows: rows.map((r) => [...(withActivity ? [r.activity] : []), dateOf(r.start), r.represented, r.of]),
    ...(rows.length > 1
      ? { chart: { kind: 'bar' as const, title: t('rep_colRepresented'), points: distinctLabels(rows.map((r) => ({ x: formatDate(new Date(r.start), ctx.lang), y: r.represented }))) } }
      : {}),
  };
}

export function activityStatsReport(ctx: BuildContext, rec: ActivityRecords, period?: Period): Report {
  const { t } = ctx;
  const activity = rec.activity;
  const participation = participationOf(rec, period);
  const sessions = perSession(rec, period);
  const drop = dropOf(sessions);
  const teams = teamsOf(rec, participation);
  const everyone = ctx.scope.kind === 'all';
  const rep = representation(participation.participants, ctx.municipalities);
  const meetings =
    activity.kind === 'networkMeeting' && everyone
      ? heldSessions(activity, period).map((s) => ({
          activity: activity.title,
          start: s.start,
          represented: representation(
            rec.presence.filter((r) => r.sessionId === s.id && r.present),
            ctx.municipalities,
          ).represented.length,
          of: rep.of,
        }))
      : [];
  return {
    heading: t('rep_statsHeading'),
    title: activity.title,
    subtitle: [subtitleOf(ctx, activity), ...(period ? [periodText(period)] : [])].join(' · '),
    facts: [
      fact(t('rep_factRegistered'), registeredCount(rec), ctx.lang),
      fact(t('rep_factParticipants'), participation.participants.length, ctx.lang),
      fact(t('rep_factOrganizations'), new Set(participation.participants.map((p) => p.organizationId)).size, ctx.lang),
      ...(everyone ? [{ label: t('rep_factMunicipalities'), value: t('rep_ofMunicipalities', { n: rep.represented.length, of: rep.of }), numbers: [rep.represented.length, rep.of] }] : []),
      ...(drop ? [{ label: t('rep_factDrop'), value: t('rep_dropValue', { first: drop.first, last: drop.last }), numbers: [drop.first, drop.last] }] : []),
      ...(teams.length > 0 ? [fact(t('rep_factTeams'), teams.length, ctx.lang)] : []),
      ...(activity.status === 'cancelled' ? [{ label: t('rep_factStatus'), value: t('rep_cancelled') }] : []),
    ],
    notes: scopeNotes(ctx, participation.basis),
    figures: [
      perOrganizationFigure(ctx, participation.participants, t('rep_figPerOrganization')),
      perSessionFigure(ctx, sessions),
      ...(teams.length > 0 ? [teamsFigure(ctx, teams, false)] : []),
      ...(meetings.length > 0 ? [representationFigure(ctx, meetings, false)] : []),
    ],
    fileStem: `statistik-${slug(activity.title)}`,
  };
}
