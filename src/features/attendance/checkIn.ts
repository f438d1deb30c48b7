import type { EventTurn } from '../../platform/teams/turn';
import type { Activity, Session } from '../../kernel/activity';
import { checkInOpen } from '../../kernel/attendance';
import { stockholmTime } from '../../kernel/time';
import { translator, type Lang } from '../i18n';
import type { Reply } from '../../platform/teams/actionTypes';
import type { AttendanceTurn } from './ports';
import { checkInAttachment } from './cards';
import { personKey } from './match';
import type { SessionRef } from './schemas';
import { attendanceRepo, loadSession, markHeld, recordFor } from './session';

/** Posts the check-in card into the meeting chat of this turn. */
export async function postCheckInCard(turn: Pick<EventTurn, 'send'>, input: { activity: Activity; session: Session; lang: Lang }): Promise<void> {
  await turn.send(checkInAttachment({ ...input, canCheckIn: true }));
}

/**
 * "Jag är här": recorded once, however often pressed, and only from the session's meeting
 * chat while the session is on (half an hour either side).
 */
export async function checkIn(turn: AttendanceTurn, ref: SessionRef): Promise<Reply> {
  const { ports, actor } = turn;
  const t = translator(actor.lang);
  const ctx = await loadSession(ports, ref.activityId, ref.sessionId);
  const card = (text: string, style: 'good' | 'attention' | 'default') => ({
    card: checkInAttachment({ activity: ctx.activity, session: ctx.session, lang: actor.lang, notice: { text, style }, canCheckIn: false }),
  });
  const link = await attendanceRepo(ports).link(turn.conversation.id ?? '');
  if (!link || link.activityId !== ctx.activity.id || !link.sessionIds.includes(ctx.session.id)) return card(t('att_checkInWrongChat'), 'attention');
  const now = ports.now();
  if (!checkInOpen(ctx.session, ctx.meeting, now.getTime())) return card(t('att_checkInClosed'), 'attention');

  const person = (await ports.directory.person(actor.aadObjectId))?.doc;
  let earlier: string | undefined;
  const { doc } = await recordFor(ports, ctx, {
    key: personKey({ aadObjectId: actor.aadObjectId }),
    person: { aadObjectId: actor.aadObjectId, mri: actor.mri, name: actor.name || person?.name, organizationId: person?.organizationId, organizationOther: person?.organizationOther },
    change: (d) => {
      earlier = d.checkIn?.at;
      return d.checkIn ? d : { ...d, checkIn: { at: now.toISOString() } };
    },
  });
  if (ctx.session.status === 'scheduled') await markHeld(ports, ctx.activity.id, ctx.session.id);
  const at = new Date(doc?.checkIn?.at ?? now.toISOString());
  ports.log.info({ activityId: ctx.activity.id, sessionId: ctx.session.id, already: !!earlier }, 'check-in');
  return card(earlier ? t('att_alreadyCheckedIn', { time: stockholmTime(at) }) : t('att_checkedIn', { time: stockholmTime(at) }), 'good');
}
