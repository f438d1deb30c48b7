import type { Activity } from '../../../kernel/activity';
import type { Organization } from '../../../kernel/people';
import { SURVEY_KINDS, summarize } from '../../../kernel/surveys';
import type { Viewer } from '../../roles';
import type { TabPorts } from './ports';
import { countByOrganization, parsePeriod, participationOf, perSession, readRecords, reportDeps, termLabel, touchesPeriod, type ActivityRecords, type Period, type Scope } from '../../reports';
import type { Lang, OverviewActivity, Overview, ResponseRate, WaitRow } from './contract';

// "Översikt": a term's activities for coordinators (everyone) and managers (their own
// organisation's rows). Records are read through reports/access.ts like every other read of
// others' data, and the figures come from reports/stats.ts.

/** "ht26" → the autumn term 2026; anything else → null. */
function termPeriod(term: string): Period | null {
  const p = /^(vt|ht)\d{2}$/.test(term) ? parsePeriod(term) : null;
  return p && p !== 'notAPeriod' ? p : null;
}

function orgNamer(orgs: readonly Organization[], lang: Lang): (id: string | null) => string {
  const names = new Map(orgs.map((o) => [o.id, o.name]));
  return (id) => (id === null ? (lang === 'sv' ? 'Okänd organisation' : 'Unknown organisation') : (names.get(id) ?? (lang === 'sv' ? 'Annan organisation' : 'Other organisation')));
}

function waitlist(rec: ActivityRecords, orgName: (id: string | null) => string): WaitRow[] {
  const waiting = rec.registrations.filter((r) => r.status === 'waitlisted').sort((a, b) => a.scope.localeCompare(b.scope) || a.order - b.order);
  const counter = new Map<string, number>();
  return waiting.map((r) => {
    const n = (counter.get(r.scope) ?? 0) + 1;
    counter.set(r.scope, n);
    return { position: n, name: r.name, organization: orgName(r.organizationId), scope: r.scope };
  });
}

async function responses(ports: TabPorts, activity: Activity, scope: Scope): Promise<ResponseRate[]> {
  const [jobs, answers] = await Promise.all([ports.scheduler.jobs.list({ activityId: activity.id, statuses: ['sent'] }), ports.surveys.answersOf(activity.id)]);
  const surveyJobs = jobs.filter((j) => j.kind === 'survey');
  let inScope = (_id: string) => true;
  if (scope.kind === 'organization') {
    const people = await ports.directory.people([...new Set(surveyJobs.map((j) => j.toUserId))]);
    inScope = (id) => people.get(id)?.organizationId === scope.organizationId;
  }
  return SURVEY_KINDS.map((kind) => {
    const sentTo = surveyJobs.filter((j) => j.payload.surveyKind === kind && inScope(j.toUserId)).map((j) => j.toUserId);
    const s = summarize(kind, sentTo, answers);
    return { surveyKind: kind, sent: s.sent, answered: s.answered };
  });
}

const SWEDISH = new Intl.Collator('sv');

/** "vt26" → 2026·2, "ht26" → 2026·2+1: terms in time order. */
const termOrder = (term: string) => Number(term.slice(2)) * 2 + (term.startsWith('ht') ? 1 : 0);

/** The current term when it has activities; else the next one that has, else the latest past one. */
export function defaultTerm(current: string, withActivities: ReadonlySet<string>): string {
  if (withActivities.has(current)) return current;
  const sorted = [...withActivities].sort((a, b) => termOrder(a) - termOrder(b));
  return sorted.find((t) => termOrder(t) > termOrder(current)) ?? sorted.filter((t) => termOrder(t) < termOrder(current)).pop() ?? current;
}

/** What the places mean: a team's people share a place (the team setting, or a series with more people than places). */
function places(rec: ActivityRecords): { teamPlaces: boolean; registeredPeople: number } {
  const registeredPeople = new Set(rec.registrations.filter((r) => r.status === 'registered').map((r) => r.aadObjectId)).size;
  return { teamPlaces: !!rec.activity.team || (rec.activity.registrationMode === 'series' && registeredPeople > rec.activity.capacity), registeredPeople };
}

export async function overview(ports: TabPorts, viewer: Viewer, input: { term?: string | undefined; lang: Lang }): Promise<Overview> {
  const now = ports.now();
  const current = termLabel(now.toISOString(), 'sv');
  const all = (await ports.activities.list()).filter((a) => a.status !== 'draft');
  const withActivities = new Set(all.flatMap((a) => a.sessions.map((s) => termLabel(s.start, 'sv'))));
  const terms = [...new Set([current, ...withActivities])].sort((a, b) => termOrder(b) - termOrder(a));
  const term = input.term && termPeriod(input.term) ? input.term : defaultTerm(current, withActivities);
  const period = termPeriod(term) as Period;
  const activities = all.filter((a) => touchesPeriod(a, period)).sort((a, b) => (a.sessions[0]?.start ?? '').localeCompare(b.sessions[0]?.start ?? ''));
  const deps = reportDeps(ports);
  const { scope, records } = await readRecords(deps.access, viewer, { purpose: 'stats', export: false, activities });
  const orgs = await ports.directory.organizations();
  const orgName = orgNamer(orgs, input.lang);
  const rows: OverviewActivity[] = [];
  for (const rec of records) {
    const participation = participationOf(rec);
    const held = new Map(perSession(rec).map((s) => [s.sessionId, s]));
    rows.push({
      activityId: rec.activity.id,
      title: rec.activity.title,
      kind: rec.activity.kind,
      status: rec.activity.status,
      capacity: rec.activity.capacity,
      ...places(rec),
      sessions: [...rec.activity.sessions]
        .sort((a, b) => a.start.localeCompare(b.start))
        .map((s) => {
          const f = held.get(s.id);
          return { sessionId: s.id, number: Number(s.id.slice(1)), start: s.start, registered: f?.registered ?? 0, present: f?.present ?? null, cancelled: s.status === 'cancelled' };
        }),
      // Most first; equal counts in Swedish alphabetical order (Å, Ä, Ö after Z), unknown last.
      perOrganization: countByOrganization(participation.participants)
        .map((c) => ({ label: orgName(c.key), value: c.count, unknown: c.key === null }))
        .sort((a, b) => b.value - a.value || Number(a.unknown) - Number(b.unknown) || SWEDISH.compare(a.label, b.label))
        .map(({ label, value }) => ({ label, value })),
      basis: participation.basis,
      waitlist: waitlist(rec, orgName),
      responses: await responses(ports, rec.activity, scope),
    });
  }
  return {
    term,
    terms,
    scope: scope.kind === 'organization' ? 'organization' : 'all',
    organization: scope.kind === 'organization' ? orgName(scope.organizationId) : null,
    activities: rows,
  };
}
