import type { Activity } from '../../kernel/activity';
import type { Person } from '../../kernel/people';
import { formatDate } from '../../kernel/time';
import type { Lang, MessageKey } from '../i18n';
import { translator } from '../i18n';
import type { Job } from '../../platform/outbox/jobs';
import { plain } from '../../kernel/wellFormed';

// `ej nådda`: the messages that did not get through, said as a coordinator would say them —
// what kind of message, about which activity, when, to whom and why — grouped by activity,
// never a job name, an id or an HTTP code.

type UnreachableReason = 'never' | 'blocked' | 'indoubt' | 'refused' | 'down' | 'notSent';

/** Why a failed or in-doubt job did not arrive, from its status, its last error and the person. */
function reasonOf(job: Pick<Job, 'status' | 'lastError'>, person: Person | undefined): UnreachableReason {
  if (job.status === 'indoubt') return 'indoubt';
  const err = job.lastError ?? '';
  if (err.startsWith('not sent')) return 'notSent';
  const status = Number(/^http (\d+)$/.exec(err)?.[1] ?? NaN);
  if (status === 403 || status === 404) return person?.mri && person.serviceUrl ? 'blocked' : 'never';
  if (status === 0 || status >= 500 || Number.isNaN(status)) return 'down';
  return 'refused';
}

function kindKey(job: Pick<Job, 'kind' | 'payload'>): MessageKey {
  if (job.kind === 'survey') return job.payload.surveyKind === 'followUp' ? 'unr_kind_followUp' : 'unr_kind_evaluation';
  if (job.kind === 'nudge') return 'unr_kind_nudge';
  if (job.kind === 'reminder') return 'unr_kind_reminder';
  if (job.kind === 'lowRegistration') return 'unr_kind_lowRegistration';
  return 'unr_kind_notice';
}

const MAX_ACTIVITIES = 8;
const MAX_NAMES = 5;

/**
 * The card's lines: a summary, then per activity (newest trouble first) its title and date,
 * and one line per kind of message and reason, with the dates and the people.
 */
export function unreachableLines(input: { jobs: readonly Job[]; people: ReadonlyMap<string, Person>; activities: ReadonlyMap<string, Activity>; lang: Lang }): string[] {
  const t = translator(input.lang);
  const { jobs, people, activities, lang } = input;
  if (jobs.length === 0) return [];
  const date = (iso: string) => formatDate(new Date(iso), lang);
  const byActivity = new Map<string, Job[]>();
  for (const j of jobs) byActivity.set(j.activityId ?? '', [...(byActivity.get(j.activityId ?? '') ?? []), j]);
  const latest = (js: readonly Job[]) => js.reduce((m, j) => (j.dueAt > m ? j.dueAt : m), '');
  const groups = [...byActivity].sort((a, b) => latest(b[1]).localeCompare(latest(a[1])));
  const recipients = new Set(jobs.map((j) => j.toUserId));
  const lines = [t('unr_summary', { n: jobs.length, p: recipients.size })];
  const nameOf = (id: string) => plain(people.get(id)?.name || t('unr_someone'));
  for (const [activityId, js] of groups.slice(0, MAX_ACTIVITIES)) {
    const activity = activities.get(activityId);
    const first = activity?.sessions[0]?.start;
    lines.push(activity ? t('unr_activity', { title: plain(activity.title), when: first ? date(first) : '' }) : t('unr_noActivity'));
    const rows = new Map<string, { kind: MessageKey; reason: UnreachableReason; jobs: Job[] }>();
    for (const j of js) {
      const kind = kindKey(j);
      const reason = reasonOf(j, people.get(j.toUserId));
      const key = `${kind}|${reason}`;
      const row = rows.get(key) ?? { kind, reason, jobs: [] };
      row.jobs.push(j);
      rows.set(key, row);
    }
    for (const row of rows.values()) {
      const days = [...new Set(row.jobs.map((j) => j.dueAt.slice(0, 10)))].sort();
      const firstDay = row.jobs.reduce((m, j) => (j.dueAt < m ? j.dueAt : m), row.jobs[0]?.dueAt ?? '');
      const lastDay = latest(row.jobs);
      const when = days.length <= 1 ? date(firstDay) : t('unr_between', { from: date(firstDay), to: date(lastDay) });
      const ids = [...new Set(row.jobs.map((j) => j.toUserId))];
      const names = ids.slice(0, MAX_NAMES).map(nameOf).join(', ') + (ids.length > MAX_NAMES ? ` ${t('unr_andMore', { n: ids.length - MAX_NAMES })}` : '');
      lines.push(t('unr_line', { kind: t(row.kind), when, reason: t(`unr_reason_${row.reason}`), n: ids.length, names }));
    }
  }
  if (groups.length > MAX_ACTIVITIES) lines.push(t('unr_moreActivities', { n: groups.length - MAX_ACTIVITIES }));
  return lines;
}
