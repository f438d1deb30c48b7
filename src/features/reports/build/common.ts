import type { Session } from '../../../kernel/activity';
import type { Lang, Translate } from '../../i18n';
import type { Scope } from '../access';
import { dateOf, sessionNumber } from '../periods';
import { barLabel, type Chart, type Figure } from '../report';
import { countByOrganization, type Basis, type SessionFigure } from '../stats';

/** What every builder needs besides the records. */
export interface BuildContext {
  t: Translate;
  lang: Lang;
  scope: Scope;
  orgName(id: string | null): string;
  /** The municipalities' organisation ids, for "17 av 19 kommuner". */
  municipalities: readonly string[];
}

/** Notes every answer carries: whose rows the viewer sees, and what the counts rest on. */
export function scopeNotes(ctx: BuildContext, basis?: Basis): string[] {
  const notes: string[] = [];
  if (ctx.scope.kind === 'organization') notes.push(ctx.t('rep_scopeOrganization', { org: ctx.orgName(ctx.scope.organizationId) }));
  if (ctx.scope.kind === 'self') notes.push(ctx.t('rep_scopeSelf'));
  if (basis === 'registrations') notes.push(ctx.t('rep_basisRegistrations'));
  return notes;
}

export function sessionLabel(ctx: BuildContext, s: Pick<Session, 'id' | 'start'>): string {
  return ctx.t('rep_sessionLabel', { n: sessionNumber(s), date: dateOf(s.start) });
}

export function perOrganizationFigure(ctx: BuildContext, people: Iterable<{ organizationId: string | null }>, title: string): Figure {
  // Most first; ties in the reader's alphabetical order of names rather than by id.
  const counts = countByOrganization(people).sort((a, b) => b.count - a.count || ctx.orgName(a.key).localeCompare(ctx.orgName(b.key), 'sv'));
  return {
    id: 'perOrganization',
    title,
    columns: [
      { label: ctx.t('rep_colOrganization'), kind: 'text', width: 3 },
      { label: ctx.t('rep_colParticipants'), kind: 'number', width: 1 },
    ],
    rows: counts.map((c) => [ctx.orgName(c.key), c.count]),
    ...(counts.length > 0 ? { chart: { kind: 'bar' as const, title, points: counts.slice(0, 25).map((c) => ({ x: barLabel(ctx.orgName(c.key)), y: c.count })) } } : {}),
    empty: ctx.t('rep_noParticipants'),
  };
}

export function perSessionFigure(ctx: BuildContext, sessions: readonly SessionFigure[]): Figure {
  const title = ctx.t('rep_figPerSession');
  const withPresence = sessions.filter((s) => s.present !== null);
  return {
    id: 'perSession',
    title,
    columns: [
      { label: ctx.t('rep_colSession'), kind: 'text', width: 2 },
      { label: ctx.t('rep_colDate'), kind: 'date', width: 2 },
      { label: ctx.t('rep_colRegistered'), kind: 'number', width: 1 },
      { label: ctx.t('rep_colPresent'), kind: 'number', width: 1 },
    ],
    rows: sessions.map((s) => [ctx.t('rep_sessionShort', { n: s.number }), dateOf(s.start), s.registered, s.present]),
    // One bar per session: who was there, or who had registered where no attendance was kept.
    ...(sessions.length > 1 ? { chart: sessionChart(ctx, sessions, withPresence.length > 0) } : {}),
  };
}

function sessionChart(ctx: BuildContext, sessions: readonly SessionFigure[], present: boolean): Chart {
  const shown = present ? sessions.filter((s) => s.present !== null) : sessions;
  return {
    kind: 'bar',
    title: present ? ctx.t('rep_colPresent') : ctx.t('rep_colRegistered'),
    points: shown.map((s) => ({ x: ctx.t('rep_sessionShort', { n: s.number }), y: present ? (s.present ?? 0) : s.registered })),
  };
}

export const jobRoleText = (ctx: BuildContext, role: string | undefined): string => {
  switch (role) {
    case 'teacher':
    case 'preschoolTeacher':
    case 'specialEducator':
    case 'principal':
    case 'schoolLeader':
    case 'developer':
    case 'researcher':
    case 'other':
      return ctx.t(`role_${role}`);
    default:
      return '';
  }
};

/** A period as people say it: "2022", "2020–2022", or "2022-01-01 – 2022-06-30". */
export function periodText(p: { from: string; to: string }): string {
  const y1 = p.from.slice(0, 4);
  const y2 = p.to.slice(0, 4);
  if (p.from.endsWith('-01-01') && p.to.endsWith('-12-31')) return y1 === y2 ? y1 : `${y1}–${y2}`;
  return `${p.from} – ${p.to}`;
}
