import { refused } from '../refusal';
import type { Card } from '../../platform/cards/render';
import type { z } from 'zod';
import type { Activity } from '../../kernel/activity';
import { hasSource } from '../../kernel/attendance';
import type { Lang } from '../i18n';
import type { Actor } from '../../kernel/actor';
import type { AttendancePorts } from './ports';
import { isPreconditionFailed } from '../../platform/cosmos/errors';
import { markAttachment } from './cards';
import { PERSON_KEY, type MarkSaveSchema } from './schemas';
import { attendanceRepo, contextOf, loadSession, markHeld, recomputeSession, recordFor, registrantsOf, type SessionCtx } from './session';

export async function markCard(
  ports: AttendancePorts,
  ctx: SessionCtx,
  lang: Lang,
  options: { page?: number; notice?: { text: string; style: 'good' | 'attention' | 'default' } } = {},
): Promise<Card> {
  const [registrants, docs, orgs] = await Promise.all([
    registrantsOf(ports, ctx.activity, ctx.session.id),
    attendanceRepo(ports).ofSession(ctx.activity.id, ctx.session.id),
    ports.directory.organizations(),
  ]);
  const canFetchGraph = !!ports.attendance.graph && !!(ctx.meeting?.joinUrl ?? ctx.session.meetingUrl);
  return markAttachment({ ctx, registrants, docs, orgs, lang, canFetchGraph, ...options });
}

export type SaveMarksResult = { ok: true; changed: number; ctx: SessionCtx } | { ok: false; error: 'badThreshold' };

/** "1aad-…;0em-…" from the card → per toggle index, whose it is and whether it showed present. */
function readShown(shown: string): { key: string; present: boolean }[] {
  return shown.split(';').flatMap((part) => {
    const m = /^([01])(.+)$/.exec(part);
    return m && PERSON_KEY.test(m[2] ?? '') ? [{ key: m[2] as string, present: m[1] === '1' }] : [];
  });
}

function readThreshold(v: string | number | undefined): number | null | 'bad' {
  if (v === undefined) return null;
  const text = String(v).trim();
  if (text === '') return null;
  const n = Number(text);
  return Number.isInteger(n) && n >= 1 && n <= 1440 ? n : 'bad';
}

async function setThreshold(ports: AttendancePorts, activityId: string, minutes: number): Promise<Activity> {
  for (let attempt = 0; attempt < 10; attempt++) {
    const found = await ports.activities.get(activityId);
    if (!found) throw refused('notFound');
    if (found.doc.attendanceThresholdMinutes === minutes) return found.doc;
    const next: Activity = { ...found.doc, attendanceThresholdMinutes: minutes, updatedAt: ports.now().toISOString() };
    try {
      await ports.activities.replace(next, found.etag);
      return next;
    } catch (err) {
      if (!isPreconditionFailed(err)) throw err;
    }
  }
  throw refused('conflict');
}

/**
 * Saves the marking card. Only toggles the coordinator changed become manual marks (with who
 * and when); a changed threshold is stored on the activity and every session recounted.
 */
export async function saveMarks(ports: AttendancePorts, actor: Actor, input: z.infer<typeof MarkSaveSchema>): Promise<SaveMarksResult> {
  let ctx = await loadSession(ports, input.activityId, input.sessionId);
  const threshold = readThreshold(input.threshold);
  if (threshold === 'bad') return { ok: false, error: 'badThreshold' };
  let thresholdChanged = false;
  const currentMinutes = Math.round(ctx.derive.thresholdSeconds / 60);
  if (threshold !== null && threshold !== currentMinutes) {
    const activity = await setThreshold(ports, ctx.activity.id, threshold);
    const repo = attendanceRepo(ports);
    const sessions = new Set((await repo.ofActivity(activity.id)).map((d) => d.sessionId));
    for (const s of activity.sessions.filter((x) => sessions.has(x.id))) {
      await recomputeSession(ports, contextOf(activity, s, await repo.meeting(activity.id, s.id)));
    }
    ctx = contextOf(activity, ctx.session, ctx.meeting);
    thresholdChanged = true;
    ports.log.info({ activityId: activity.id, threshold }, 'attendance threshold set');
  }

  const shown = readShown(input.shown);
  const registrants = await registrantsOf(ports, ctx.activity, ctx.session.id);
  const docs = new Map((await attendanceRepo(ports).ofSession(ctx.activity.id, ctx.session.id)).filter(hasSource).map((d) => [d.personKey, d]));
  const byKey = new Map(registrants.map((r) => [r.key, r]));
  const now = ports.now().toISOString();
  let marks = 0;
  for (const [i, shownAs] of shown.entries()) {
    const key = shownAs.key;
    if (!byKey.has(key) && !docs.has(key)) continue;
    const raw = input[`p${i}`];
    const value = raw === true || raw === 'true' ? true : raw === false || raw === 'false' ? false : null;
    if (value === null || value === shownAs.present) continue;
    const r = byKey.get(key);
    const res = await recordFor(ports, ctx, {
      key,
      person: r ? { aadObjectId: r.aadObjectId, mri: r.mri, name: r.name || undefined, organizationId: r.organizationId, organizationOther: r.organizationOther } : {},
      change: (doc) => (doc.manual?.present === value ? doc : { ...doc, manual: { present: value, by: actor.aadObjectId, at: now } }),
    });
    if (res.changed) marks++;
  }
  if (marks > 0) await markHeld(ports, ctx.activity.id, ctx.session.id);
  ports.log.info({ activityId: ctx.activity.id, sessionId: ctx.session.id, marks }, 'attendance marked');
  return { ok: true, changed: marks + (thresholdChanged ? 1 : 0), ctx };
}
