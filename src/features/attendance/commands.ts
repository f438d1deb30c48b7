import { answer } from '../../platform/teams/router';
import { translator } from '../i18n';
import type { ActionEnv, Reply } from '../../platform/teams/actionTypes';
import type { CommandSpec } from '../../platform/teams/actionTypes';
import { sessionsAttachment } from './cards';
import { postCheckInCard } from './checkIn';
import { linkHere } from './handlers';
import { linkForThread, sessionOfLink } from './link';
import { markCard } from './marking';
import { loadSession } from './session';
import { findByArgument, findByTime, parseSessionArgument, recentSessions, type TargetResult } from './target';

const inPersonalChat = (env: ActionEnv) => env.context.activity.conversation?.conversationType === 'personal';

/** What a failed lookup says, or a card to choose from. */
function notFound(env: ActionEnv, found: Exclude<TargetResult, { ok: true }>, verb: 'attendance.mark.show' | 'attendance.link'): Reply {
  const t = translator(env.actor.lang);
  if (found.reason === 'chooseSession' || (found.reason === 'manyActivities' && found.choices.length > 0)) {
    return { card: sessionsAttachment({ targets: found.choices, lang: env.actor.lang, verb, heading: verb === 'attendance.link' ? t('att_linkHeading') : t('att_chooseHeading') }) };
  }
  return { message: t(`att_err_${found.reason}`, { name: found.name ?? '' }) };
}

/** "närvaro [aktivitet] [tillfälle]": the marking card, in a 1:1 chat only (it lists names). */
async function attendance(env: ActionEnv, argument: string): Promise<void> {
  const t = translator(env.actor.lang);
  if (!inPersonalChat(env)) return answer(env, { message: t('att_err_personalOnly') });
  const now = env.svc.now().getTime();
  if (!argument.trim()) {
    const recent = await recentSessions(env.svc, now);
    return answer(env, { card: sessionsAttachment({ targets: recent, lang: env.actor.lang, verb: 'attendance.mark.show', heading: t('att_chooseHeading') }) });
  }
  const found = await findByArgument(env.svc, parseSessionArgument(argument), now);
  if (!found.ok) return answer(env, notFound(env, found, 'attendance.mark.show'));
  const ctx = await loadSession(env.svc, found.target.activity.id, found.target.session.id);
  return answer(env, { card: await markCard(env.svc, ctx, env.actor.lang) });
}

/** "koppla [aktivitet] [tillfälle]" in a meeting chat. */
async function link(env: ActionEnv, argument: string): Promise<void> {
  const t = translator(env.actor.lang);
  if (inPersonalChat(env)) return answer(env, { message: t('att_err_notMeetingChat') });
  const now = env.svc.now().getTime();
  if (!argument.trim()) {
    const around = await findByTime(env.svc, now - 3600_000, now + 3600_000);
    const targets = around.length > 0 ? around : await recentSessions(env.svc, now + 24 * 3600_000);
    return answer(env, { card: sessionsAttachment({ targets, lang: env.actor.lang, verb: 'attendance.link', heading: t('att_linkHeading') }) });
  }
  const found = await findByArgument(env.svc, parseSessionArgument(argument), now);
  if (!found.ok) return answer(env, notFound(env, found, 'attendance.link'));
  return answer(env, await linkHere(env, found.target.activity.id, found.target.session.id));
}

/** "incheckning" in a meeting chat: posts the check-in card for the session the meeting serves. */
async function checkInCommand(env: ActionEnv): Promise<void> {
  const t = translator(env.actor.lang);
  const conv = env.context.activity.conversation;
  if (!conv?.id || inPersonalChat(env)) return answer(env, { message: t('att_err_notMeetingChat') });
  const link = await linkForThread(env.svc, conv.id);
  const found = link ? await sessionOfLink(env.svc, link, env.svc.now().getTime()) : null;
  if (!found) return answer(env, { message: t('att_err_notLinked') });
  await postCheckInCard(env.context, { activity: found.activity, session: found.session, lang: env.actor.lang });
}

export const attendanceCommands: CommandSpec[] = [
  { name: 'attendance', words: ['närvaro', 'attendance', 'markera närvaro', 'mark attendance'], takesArgument: true, coordinatorOnly: true, run: attendance },
  { name: 'linkMeeting', words: ['koppla', 'link'], takesArgument: true, coordinatorOnly: true, run: link },
  { name: 'checkIn', words: ['incheckning', 'check-in', 'checka in', 'check in'], coordinatorOnly: true, run: (env) => checkInCommand(env) },
];
