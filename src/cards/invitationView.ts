import { cancelBlocker, deadlineInstant, registrationBlocker, type Activity } from '../domain/activity';
import { placesLeft, waitPosition, type Seats } from '../domain/seats';
import { formatDate, formatSpan } from '../domain/time';
import { translator, type Lang } from '../i18n';
import type { InvitationRow, InvitationView } from './views';

export type InvitationMode = 'shared' | 'personal' | 'preview';

export interface InvitationInput {
  activity: Activity;
  /** Seat state per scope (session id or "series"); a missing scope means nobody has registered yet. */
  seats: ReadonlyMap<string, Seats>;
  lang: Lang;
  now: Date;
  mode: InvitationMode;
  viewerId?: string;
  viewerIsCoordinator?: boolean;
  notice?: { text: string; style: InvitationView['noticeStyle'] };
  refreshUserIds?: string[];
}

export function buildInvitationView(input: InvitationInput): InvitationView {
  const { activity, lang, now, mode } = input;
  const t = translator(lang);
  const seatsFor = (scope: string) => input.seats.get(scope);
  const personal = mode === 'personal' && input.viewerId !== undefined;

  const row = (scope: string, when: string, joinUrl: string, cancelled: boolean): InvitationRow => {
    const seats = seatsFor(scope);
    const mine = personal ? seats?.entries.find((e) => e.userId === input.viewerId) : undefined;
    const left = seats ? placesLeft(seats) : activity.capacity;
    const blocked = mode === 'preview' ? null : registrationBlocker(activity, scope, now);
    let status = left > 0 ? t('inv_placesLeft', { n: left, capacity: activity.capacity }) : t('inv_full');
    let statusColor: InvitationRow['statusColor'] = left > 0 ? 'Default' : 'Warning';
    if (cancelled) {
      status = t('inv_cancelledSession');
      statusColor = 'Attention';
    } else if (mine?.status === 'registered') {
      status = t('inv_youAreRegistered');
      statusColor = 'Good';
    } else if (mine && seats) {
      status = t('inv_youAreWaitlisted', { position: waitPosition(seats, mine.userId) });
      statusColor = 'Warning';
    }
    return {
      id: scope,
      when,
      status,
      statusColor,
      mine: mine !== undefined,
      canRegister: mode !== 'preview' && !cancelled && !mine && blocked === null,
      canCancel: mine !== undefined && cancelBlocker(activity, scope, now) === null,
      canCancelSession: false,
      registerTitle: left > 0 ? t('inv_register') : t('inv_registerWaitlist'),
      joinUrl,
    };
  };

  const sessionRows = activity.sessions.map((s) => {
    const when = formatSpan(new Date(s.start), new Date(s.end), lang);
    const cancelled = s.status === 'cancelled';
    if (activity.registrationMode === 'series') {
      return {
        ...row('series', when, s.meetingUrl ?? '', cancelled),
        id: s.id,
        status: cancelled ? t('inv_cancelledSession') : '',
        statusColor: 'Default' as const,
        canRegister: false,
        canCancel: false,
        canCancelSession: personal && !!input.viewerIsCoordinator && !cancelled && Date.parse(s.start) > now.getTime(),
        mine: false,
      };
    }
    const r = row(s.id, when, s.meetingUrl ?? '', cancelled);
    return { ...r, canCancelSession: personal && !!input.viewerIsCoordinator && !cancelled && Date.parse(s.start) > now.getTime() };
  });
  const rows = activity.registrationMode === 'series' ? [row('series', t('inv_wholeSeries'), '', false), ...sessionRows] : sessionRows;

  const closed = mode !== 'preview' && now.getTime() > deadlineInstant(activity).getTime();
  const p = activity.prerequisites;
  return {
    t: {
      preview: t('inv_preview'),
      purpose: t('inv_purpose'),
      targetGroup: t('inv_targetGroup'),
      format: t('inv_format'),
      prerequisites: t('inv_prerequisites'),
      sessions: t('inv_sessions'),
      cancel: t('inv_cancel'),
      cancelSession: t('session_cancel'),
      join: t('inv_join'),
      publish: t('inv_publish'),
      edit: t('inv_edit'),
    },
    activityId: activity.id,
    refreshUserIds: (input.refreshUserIds ?? []).slice(0, 60),
    preview: mode === 'preview',
    notice: input.notice?.text ?? '',
    noticeStyle: input.notice?.style ?? 'default',
    kindLabel: t(`kind_${activity.kind}`),
    title: activity.title,
    purpose: activity.purpose,
    targetGroup: activity.targetGroup,
    format: activity.format,
    prerequisites: [
      p.before ? t('inv_before', { text: p.before }) : '',
      p.during ? t('inv_during', { text: p.during }) : '',
      p.after ? t('inv_after', { text: p.after }) : '',
    ].filter((s) => s !== ''),
    sessions: rows,
    deadlineText: closed ? t('inv_closed') : t('inv_deadline', { date: formatDate(deadlineInstant(activity), lang) }),
    teamActions: mode === 'preview' || closed || activity.status !== 'published' ? [] : activity.team ? [{ title: t('team_register'), verb: 'team.form' }] : [{ title: t('behalf_register'), verb: 'behalf.form' }],
  };
}
