import { refused } from '../refusal';
import type { z } from 'zod';
import { ActivityFormSchema, buildActivity, collectSessionInputs, type Activity } from '../../kernel/activity';
import type { Actor } from '../../kernel/actor';
import type { ActivityPorts } from './ports';
import { noticeMovedSessions } from './cancelSession';
import type { FieldErrors, RawForm } from './formView';

export type SaveResult = { ok: true; activity: Activity } | { ok: false; errors: FieldErrors };

function fieldErrors(error: z.ZodError, rows: readonly number[]): FieldErrors {
  const out: FieldErrors = new Map();
  for (const issue of error.issues) {
    const parts = issue.path.map(String);
    // Session k of the parsed list is form row rows[k] (empty rows were skipped).
    if (parts[0] === 'sessions' && parts[1] !== undefined && rows[Number(parts[1])] !== undefined) parts[1] = String(rows[Number(parts[1])]);
    const path = parts.join('.');
    if (!out.has(path)) out.set(path, issue.message);
  }
  return out;
}

/**
 * Validates the form and saves a draft (new or edited). Published activities keep their
 * seat lists; edits change the texts and times people see on the next card refresh.
 */
export async function saveActivity(ports: ActivityPorts, actor: Actor, input: { activityId?: string; raw: RawForm; sessionCount: number }): Promise<SaveResult> {
  const sessions = collectSessionInputs(input.raw, input.sessionCount);
  const rows = sessions.map((s) => (s && typeof s === 'object' && 'row' in s && typeof s.row === 'number' ? s.row : -1));
  const parsed = ActivityFormSchema.safeParse({ ...input.raw, sessions });
  if (!parsed.success) return { ok: false, errors: fieldErrors(parsed.error, rows) };

  const now = ports.now();
  if (!input.activityId) {
    const activity = buildActivity({ id: ports.newId(), form: parsed.data, createdBy: actor.aadObjectId, now });
    await ports.activities.create(activity);
    ports.log.info({ activityId: activity.id }, 'activity draft created');
    return { ok: true, activity };
  }
  const existing = await ports.activities.get(input.activityId);
  if (!existing) throw refused('notFound');
  const activity = buildActivity({ id: existing.doc.id, form: parsed.data, createdBy: actor.aadObjectId, now, previous: existing.doc });
  try {
    await ports.activities.replace(activity, existing.etag);
  } catch (err) {
    if ((err as { code?: number }).code === 412) throw refused('conflict');
    throw err;
  }
  ports.log.info({ activityId: activity.id }, 'activity updated');
  if (activity.status === 'published') {
    await noticeMovedSessions(ports, existing.doc, activity);
    ports.events.emit('seatsChanged', { activityId: activity.id });
    void ports.scheduler.planNow();
  }
  return { ok: true, activity };
}
