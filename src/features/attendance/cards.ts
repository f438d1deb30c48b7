import type { Card } from '../../platform/cards/render';
import { attendanceMarkCard, attendanceSessionsCard, attendanceSummaryCard, checkInCard, type AttendanceSessionsView, type SummarySection } from './views';
import type { Activity, Session } from '../../kernel/activity';
import { hasSource, type Attendance } from '../../kernel/attendance';
import { formatSpan } from '../../kernel/time';
import { translator, type Lang, type Translate } from '../i18n';
import type { Organization } from '../../kernel/people';
import type { ImportSummary } from './importReport';
import type { PlannedPerson } from './apply';
import type { Registrant, SessionCtx } from './session';
import type { Target } from './target';

const LIST_MAX = 25;
export const MARK_MAX = 50;

export function sessionLabel(session: Session, lang: Lang): string {
  return translator(lang)('att_sessionLabel', { n: session.id.replace(/^s/, ''), when: formatSpan(new Date(session.start), new Date(session.end), lang) });
}

export function checkInAttachment(input: { activity: Activity; session: Session; lang: Lang; notice?: { text: string; style: 'good' | 'attention' | 'default' }; canCheckIn: boolean }): Card {
  const t = translator(input.lang);
  return checkInCard({
    t: { title: t('att_checkInTitle'), button: t('att_checkInButton') },
    activityId: input.activity.id,
    sessionId: input.session.id,
    heading: input.activity.title,
    when: sessionLabel(input.session, input.lang),
    notice: input.notice?.text ?? (input.canCheckIn ? t('att_checkInIntro') : ''),
    noticeStyle: input.notice?.style ?? 'default',
    canCheckIn: input.canCheckIn,
  });
}

function orgName(orgs: readonly Organization[], id: string | undefined, other: string | undefined): string {
  if (!id) return '';
  return id === 'other' ? (other ?? '') : (orgs.find((o) => o.id === id)?.name ?? '');
}

/** "anmäld · 54 min · incheckad · markerad närvarande av samordnare" */
function describe(t: Translate, input: { registered: boolean; doc?: Attendance | undefined; role?: string | undefined; external?: boolean; org?: string; threshold?: number }): string {
  const parts: string[] = [input.registered ? t('att_d_registered') : t('att_d_walkIn')];
  if (input.org) parts.push(input.org);
  const role = input.role ?? input.doc?.report?.role ?? input.doc?.graph?.role ?? input.doc?.meeting?.role;
  if (role === 'organizer') parts.push(t('att_d_organizer'));
  if (role === 'presenter') parts.push(t('att_d_presenter'));
  if (input.external) parts.push(t('att_d_external'));
  const d = input.doc;
  if (d && d.seconds > 0) parts.push(t('att_d_minutes', { minutes: d.minutes }));
  if (d?.checkIn) parts.push(t('att_d_checkedIn'));
  if (d?.manual) parts.push(d.manual.present ? t('att_d_manualPresent') : t('att_d_manualAbsent'));
  else if (d && !d.present && d.seconds > 0) parts.push(t('att_d_belowThreshold'));
  if (!d || !hasSource(d)) parts.push(t('att_d_notSeen'));
  return parts.join(' · ');
}

function section(t: Translate, title: string, rows: SummarySection['rows']): SummarySection {
  return { title, rows: rows.slice(0, LIST_MAX), more: rows.length > LIST_MAX ? t('att_more', { n: rows.length - LIST_MAX }) : '' };
}

export function summaryAttachment(s: ImportSummary, lang: Lang, orgs: readonly Organization[]): Card {
  const t = translator(lang);
  const docs = new Map(s.docs.map((d) => [d.personKey, d]));
  const matched = s.plan.people.filter((p) => p.registered);
  const walkIns = s.plan.people.filter((p) => !p.registered);
  const absent = s.plan.registrants.filter((r) => !docs.get(r.key)?.present);
  const presentRegistered = s.plan.registrants.filter((r) => docs.get(r.key)?.present).length;
  const row = (p: PlannedPerson) => {
    const d = docs.get(p.key);
    const detail = [
      p.by === 'new' && p.ambiguousName ? t('att_d_ambiguous') : '',
      describe(t, {
        registered: p.registered,
        doc: d,
        role: p.role,
        external: p.rows.some((r) => r.external),
        org: orgName(orgs, p.person.organizationId ?? d?.person.organizationId, p.person.organizationOther ?? d?.person.organizationOther),
      }),
    ].filter((x) => x !== '');
    return { name: p.person.name ?? p.rows[0]?.name ?? '', detail: ` – ${detail.join(' · ')}` };
  };
  const byName = (a: { name: string }, b: { name: string }) => a.name.localeCompare(b.name, 'sv');
  const absentRow = (r: Registrant) => ({ name: r.name || '?', detail: ` – ${describe(t, { registered: true, doc: docs.get(r.key), org: orgName(orgs, r.organizationId, r.organizationOther) })}` });
  const threshold = Math.round(s.ctx.derive.thresholdSeconds / 60);
  return attendanceSummaryCard({
    t: { title: t('att_summaryTitle'), show: t('att_summaryShow') },
    activityId: s.ctx.activity.id,
    sessionId: s.ctx.session.id,
    heading: s.ctx.activity.title,
    when: sessionLabel(s.ctx.session, lang),
    notice: s.already ? t('att_summaryAlready') : '',
    noticeStyle: s.already ? 'default' : 'good',
    facts: [
      { title: t('att_factRows'), value: String(s.report.dataRows) },
      { title: t('att_factMatched'), value: t('att_of', { n: matched.length, total: s.plan.registrants.length }) },
      { title: t('att_factPresent'), value: t('att_of', { n: presentRegistered, total: s.plan.registrants.length }) },
      { title: t('att_factWalkIns'), value: String(walkIns.length) },
      { title: t('att_factAbsent'), value: String(absent.length) },
      { title: t('att_factUnreadable'), value: String(s.report.unreadable.length) },
      { title: t('att_factThreshold'), value: t('att_minutesValue', { minutes: threshold }) },
    ],
    sections: [
      section(t, t('att_secMatched', { n: matched.length }), matched.map(row).sort(byName)),
      section(t, t('att_secWalkIns', { n: walkIns.length }), walkIns.map(row).sort(byName)),
      section(t, t('att_secAbsent', { n: absent.length }), absent.map(absentRow).sort(byName)),
      section(
        t,
        t('att_secUnreadable', { n: s.report.unreadable.length }),
        s.report.unreadable.map((u) => ({ name: `${t('att_line', { line: u.line })}: ${t(`att_reason_${u.reason}`)}`, detail: '' })),
      ),
    ].filter((sec) => sec.rows.length > 0),
  });
}

export interface MarkInput {
  ctx: SessionCtx;
  registrants: readonly Registrant[];
  docs: readonly Attendance[];
  orgs: readonly Organization[];
  lang: Lang;
  canFetchGraph: boolean;
  page?: number;
  notice?: { text: string; style: 'good' | 'attention' | 'default' };
}

/** The coordinator's marking card: registrants first, then anyone else recorded, a page at a time. */
export function markAttachment(input: MarkInput): Card {
  const t = translator(input.lang);
  const docs = new Map(input.docs.filter(hasSource).map((d) => [d.personKey, d]));
  const registeredKeys = new Set(input.registrants.map((r) => r.key));
  const rows: { key: string; name: string; detail: string; present: boolean; group: number }[] = [];
  for (const r of input.registrants) {
    const d = docs.get(r.key);
    const detail = describe(t, { registered: true, doc: d, org: orgName(input.orgs, r.organizationId, r.organizationOther) });
    rows.push({ key: r.key, group: 0, name: r.name || d?.person.name || '?', detail, present: !!d?.present });
  }
  for (const d of docs.values()) {
    if (registeredKeys.has(d.personKey)) continue;
    const detail = describe(t, { registered: false, doc: d, org: orgName(input.orgs, d.person.organizationId, d.person.organizationOther) });
    rows.push({ key: d.personKey, group: 1, name: d.person.name || d.person.email || '?', detail, present: d.present });
  }
  rows.sort((a, b) => a.group - b.group || a.name.localeCompare(b.name, 'sv'));
  const pages = Math.max(1, Math.ceil(rows.length / MARK_MAX));
  const page = Math.min(Math.max(0, input.page ?? 0), pages - 1);
  const shown = rows.slice(page * MARK_MAX, (page + 1) * MARK_MAX);
  const presentRegistered = input.registrants.filter((r) => docs.get(r.key)?.present).length;
  const walkIns = [...docs.values()].filter((d) => !registeredKeys.has(d.personKey) && d.present).length;
  return attendanceMarkCard({
    t: {
      title: t('att_markTitle'),
      present: t('att_markPresent'),
      save: t('att_markSave'),
      threshold: t('att_markThreshold'),
      thresholdHelp: t('att_markThresholdHelp'),
      fetchGraph: t('att_markFetchGraph'),
      empty: t('att_markEmpty'),
      previous: t('att_markPrevious'),
      next: t('att_markNext'),
    },
    activityId: input.ctx.activity.id,
    sessionId: input.ctx.session.id,
    heading: input.ctx.activity.title,
    when: sessionLabel(input.ctx.session, input.lang),
    counts: t('att_markCounts', { present: presentRegistered, registered: input.registrants.length, walkIns }),
    notice: input.notice?.text ?? '',
    noticeStyle: input.notice?.style ?? 'default',
    people: shown.map((r, i) => ({ id: `p${i}`, name: r.name.slice(0, 200), detail: ` · ${r.detail}`, value: r.present ? 'true' : 'false' })),
    more: pages > 1 ? t('att_markMore', { from: page * MARK_MAX + 1, to: page * MARK_MAX + shown.length, total: rows.length }) : '',
    shown: shown.map((r) => `${r.present ? 1 : 0}${r.key}`).join(';'),
    page,
    hasPrevious: page > 0,
    previousPage: Math.max(0, page - 1),
    hasNext: page < pages - 1,
    nextPage: Math.min(pages - 1, page + 1),
    threshold: Math.max(1, Math.round(input.ctx.derive.thresholdSeconds / 60)),
    canFetchGraph: input.canFetchGraph,
  });
}

export function sessionsAttachment(input: { targets: readonly Target[]; lang: Lang; verb: AttendanceSessionsView['verb']; heading: string; intro?: string }): Card {
  const t = translator(input.lang);
  return attendanceSessionsCard({
    heading: input.heading,
    intro: input.intro ?? '',
    empty: t('att_chooseEmpty'),
    buttonTitle: input.verb === 'attendance.link' ? t('att_linkButton') : t('att_choose'),
    verb: input.verb,
    items: input.targets.slice(0, 20).map((x) => ({ activityId: x.activity.id, sessionId: x.session.id, title: x.activity.title, detail: sessionLabel(x.session, input.lang) })),
  });
}
