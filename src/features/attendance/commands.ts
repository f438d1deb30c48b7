import { answer } from '../../platform/teams/router';
import { translator } from '../i18n';
import type { Reply } from '../../platform/teams/actionTypes';
import type { AttendanceTurn } from './ports';
import type { CommandSpec } from '../../platform/teams/actionTypes';
import { sessionsAttachment } from './cards';
import { postCheckInCard } from './checkIn';
import { linkHere } from './handlers';
import { linkForThread, sessionOfLink } from './link';
import { markCard } from './marking';
import { loadSession } from './session';
import { findByArgument, findByTime, parseSessionArgument, recentSessions, type TargetResult } from './target';

const inPersonalChat = (turn: AttendanceTurn) => turn.conversation.type === 'personal';

/** What a failed lookup says, or a card to choose from. */
function notFound(turn: AttendanceTurn, found: Exclude<TargetResult, { ok: true }>, verb: 'attendance.mark.show' | 'attendance.link'): Reply {
  const t = translator(turn.actor.lang);
  if (found.reason === 'chooseSession' || (found.reason === 'manyActivities' && found.choices.length > 0)) {
    return { card: sessionsAttachment({ targets: found.choices, lang: turn.actor.lang, verb, heading: verb === 'attendance.link' ? t('att_linkHeading') : t('att_chooseHeading') }) };
  }
  return { message: t(`att_err_${found.reason}`, { name: found.name ?? '' }) };
}

/** "närvaro [aktivitet] [tillfälle]": the marking card, in a 1:1 chat only (it lists names). */
async function attendance(turn: AttendanceTurn, argument: string): Promise<void> {
  const t = translator(turn.actor.lang);
  if (!inPersonalChat(turn)) return answer(turn, { message: t('att_err_personalOnly') });
  const now = turn.ports.now().getTime();
  if (!argument.trim()) {
    const recent = await recentSessions(turn.ports, now);
    return answer(turn, { card: sessionsAttachment({ targets: recent, lang: turn.actor.lang, verb: 'attendance.mark.show', heading: t('att_chooseHeading') }) });
  }
  const found = await findByArgument(turn.ports, parseSessionArgument(argument), now);
  if (!found.ok) return answer(turn, notFound(turn, found, 'attendance.mark.show'));
  const ctx = await loadSession(turn.ports, found.target.activity.id, found.target.session.id);
  return answer(turn, { card: await markCard(turn.ports, ctx, turn.actor.lang) });
}

/** "koppla [aktivitet] [tillfälle]" in a meeting chat. */
async function link(turn: AttendanceTurn, argument: string): Promise<void> {
  const t = translator(turn.actor.lang);
  if (inPersonalChat(turn)) return answer(turn, { message: t('att_err_notMeetingChat') });
  const now = turn.ports.now().getTime();
  if (!argument.trim()) {
    const around = await findByTime(turn.ports, now - 3600_000, now + 3600_000);
    const targets = around.length > 0 ? around : await recentSessions(turn.ports, now + 24 * 3600_000);
    return answer(turn, { card: sessionsAttachment({ targets, lang: turn.actor.lang, verb: 'attendance.link', heading: t('att_linkHeading') }) });
  }
  const found = await findByArgument(turn.ports, parseSessionArgument(argument), now);
  if (!found.ok) return answer(turn, notFound(turn, found, 'attendance.link'));
  return answer(turn, await linkHere(turn, found.target.activity.id, found.target.session.id));
}

/** "incheckning" in a meeting chat: posts the check-in card for the session the meeting serves. */
async function checkInCommand(turn: AttendanceTurn): Promise<void> {
  const t = translator(turn.actor.lang);
  const conv = turn.conversation;
  if (!conv.id || inPersonalChat(turn)) return answer(turn, { message: t('att_err_notMeetingChat') });
  const link = await linkForThread(turn.ports, conv.id);
  const found = link ? await sessionOfLink(turn.ports, link, turn.ports.now().getTime()) : null;
  if (!found) return answer(turn, { message: t('att_err_notLinked') });
  await postCheckInCard(turn, { activity: found.activity, session: found.session, lang: turn.actor.lang });
}

export const attendanceCommands: CommandSpec<AttendanceTurn>[] = [
  { name: 'attendance', words: ['närvaro', 'attendance', 'markera närvaro', 'mark attendance'], takesArgument: true, coordinatorOnly: true, run: attendance },
  { name: 'linkMeeting', words: ['koppla', 'link'], takesArgument: true, coordinatorOnly: true, run: link },
  { name: 'checkIn', words: ['incheckning', 'check-in', 'checka in', 'check in'], coordinatorOnly: true, run: (turn) => checkInCommand(turn) },
];
