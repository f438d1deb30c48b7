import { personKey } from '../../attendance';
import { cancelBlocker, type Activity } from '../../../kernel/activity';
import { waitPosition, type Seats } from '../../../kernel/seats';
import { icsPath } from '../../activities';
import type { TabPorts } from './ports';
import { sign } from '../../../kernel/signedLink';
import type { MyPage, MyRegistrationView, MySession, PendingSurvey } from './contract';

// "Mina anmälningar": the caller's own places (upcoming and past), what they attended, and
// the surveys sent to them that they have not answered. Only the caller's own rows are read.

async function attendedSessions(ports: TabPorts, activityId: string, userId: string): Promise<Set<string>> {
  const key = personKey({ aadObjectId: userId });
  const presence = await ports.reports.store.presence(activityId);
  return new Set(presence.filter((p) => p.present && p.personKey === key).map((p) => p.sessionId));
}

function view(ports: TabPorts, activity: Activity, seats: Seats, userId: string, attended: ReadonlySet<string>): MyRegistrationView | null {
  const entry = seats.entries.find((e) => e.userId === userId);
  if (!entry) return null;
  const now = ports.now();
  const sessions = (seats.scope === 'series' ? activity.sessions : activity.sessions.filter((s) => s.id === seats.scope)).slice().sort((a, b) => a.start.localeCompare(b.start));
  if (sessions.length === 0) return null;
  const activityCancelled = activity.status === 'cancelled';
  const live = sessions.filter((s) => s.status !== 'cancelled' && !activityCancelled);
  const last = live[live.length - 1];
  const past = !last || Date.parse(last.end) < now.getTime();
  const rows: MySession[] = sessions.map((s) => {
    const path = icsPath(activity.id, s.id);
    const cancelled = activityCancelled || s.status === 'cancelled';
    const ahead = Date.parse(s.end) >= now.getTime();
    return {
      sessionId: s.id,
      start: s.start,
      end: s.end,
      cancelled,
      attended: attended.has(s.id),
      joinUrl: entry.status === 'registered' && !cancelled && ahead && s.meetingUrl ? s.meetingUrl : null,
      icsPath: `${path}?sig=${sign(ports.linkSecret, path)}`,
    };
  });
  return {
    activityId: activity.id,
    title: activity.title,
    kind: activity.kind,
    scope: seats.scope,
    status: entry.status,
    position: entry.status === 'waitlisted' ? waitPosition(seats, userId) : 0,
    sessions: rows,
    canCancel: !past && !activityCancelled && cancelBlocker(activity, seats.scope, now) === null,
    past,
  };
}

async function pendingSurveys(ports: TabPorts, userId: string, titles: Map<string, string>): Promise<PendingSurvey[]> {
  const sent = (await ports.scheduler.jobs.list({ toUserId: userId, statuses: ['sent'] })).filter((j) => j.kind === 'survey' && j.activityId);
  const out: PendingSurvey[] = [];
  for (const job of sent) {
    const activityId = job.activityId ?? '';
    const kind = job.payload.surveyKind === 'followUp' ? 'followUp' : 'evaluation';
    if (out.some((p) => p.activityId === activityId && p.surveyKind === kind)) continue;
    if (await ports.surveys.answer(activityId, kind, userId)) continue;
    let title = titles.get(activityId);
    if (title === undefined) title = (await ports.activities.get(activityId))?.doc.title ?? '';
    out.push({ activityId, title, surveyKind: kind, sentAt: job.sentAt ?? null });
  }
  return out;
}

export async function myPage(ports: TabPorts, userId: string): Promise<MyPage> {
  const seatLists = await ports.activities.seatsWithUser(userId);
  const ids = [...new Set(seatLists.map((s) => s.activityId))];
  const loaded = await Promise.all(ids.map(async (id) => [id, (await ports.activities.get(id))?.doc, await attendedSessions(ports, id, userId)] as const));
  const byId = new Map(loaded.map(([id, a, att]) => [id, { activity: a, attended: att }]));
  const views = seatLists.flatMap((seats) => {
    const found = byId.get(seats.activityId);
    if (!found?.activity || found.activity.status === 'draft') return [];
    const v = view(ports, found.activity, seats, userId, found.attended);
    return v ? [v] : [];
  });
  const first = (v: MyRegistrationView) => v.sessions[0]?.start ?? '';
  const titles = new Map(loaded.flatMap(([id, a]) => (a ? [[id, a.title] as const] : [])));
  return {
    upcoming: views.filter((v) => !v.past).sort((a, b) => first(a).localeCompare(first(b))),
    past: views.filter((v) => v.past).sort((a, b) => first(b).localeCompare(first(a))),
    pendingSurveys: await pendingSurveys(ports, userId, titles),
  };
}
