import type { Activity } from '../../kernel/activity';
import type { MessageKey } from '../i18n';
import { langOfPerson } from '../i18n';
import type { NewJob } from '../../platform/outbox/jobs';
import type { StaffTeamPorts } from './ports';
import type { Verb } from '../../platform/teams/verbs';
import { isEmailUser } from './people';

export interface NoticeButton {
  verb: Verb;
  key: MessageKey;
  confirm?: string;
}

/** First start and last end of a seat list's sessions (one session, or the whole series). */
export function scopeSpan(activity: Activity, scope: string): { start: string; end: string } | null {
  const sessions = activity.sessions.filter((s) => s.status !== 'cancelled' && (scope === 'series' || scope === '' || s.id === scope));
  const first = sessions[0];
  const last = sessions[sessions.length - 1];
  return first && last ? { start: first.start, end: last.end } : null;
}

/**
 * A 1:1 notice through the scheduler (durable, paced, retried). The renderer formats the time
 * in the recipient's language and adds the buttons. Returns false for people the bot cannot
 * reach yet (known only by e-mail, or never met in Teams): their notice is held and goes out
 * when they first turn up (heldNotices.ts), if it is still true then.
 */
export async function sendNotice(
  ports: StaffTeamPorts,
  input: {
    id: string;
    toUserId: string;
    activity: Activity;
    textKey: MessageKey;
    headingKey?: MessageKey;
    params?: Record<string, string | number>;
    scope?: string;
    buttons?: NoticeButton[];
  },
): Promise<boolean> {
  const person = isEmailUser(input.toUserId) ? null : await ports.directory.person(input.toUserId);
  const reachable = !!person?.doc.mri;
  const span = scopeSpan(input.activity, input.scope ?? '');
  const job: NewJob = {
    id: input.id,
    kind: 'notice',
    toUserId: input.toUserId,
    activityId: input.activity.id,
    lang: langOfPerson(person?.doc, ports.config.DEFAULT_LOCALE),
    payload: {
      ...input.params,
      textKey: input.textKey,
      ...(input.headingKey ? { headingKey: input.headingKey } : {}),
      title: input.activity.title,
      activityId: input.activity.id,
      sessionId: input.scope ?? '',
      ...(span ? { whenStart: span.start, whenEnd: span.end } : {}),
      ...(input.buttons?.length ? { buttons: input.buttons.map((b) => `${b.verb}:${b.key}:${b.confirm ?? ''}`).join('|') } : {}),
    },
    dueAt: ports.now(),
  };
  if (reachable) await ports.scheduler.enqueue(job);
  else await ports.scheduler.jobs.create(job, 'held');
  return reachable;
}
