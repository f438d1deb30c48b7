import { cancelBlocker, deadlineInstant, registrationBlocker, type Activity } from '../../kernel/activity';
import { placesLeft, waitPosition, type Seats } from '../../kernel/seats';
import { formatDate, formatSpan } from '../../kernel/time';
import { translator, type Lang, type Translate } from '../i18n';
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
  /** `undoSessionId`: after a cancel, an "Ångra" that takes that place (or a waitlist place) again. */
  notice?: { text: string; style: InvitationView['noticeStyle']; undoSessionId?: string };
  refreshUserIds?: string[];
  /** Preview only: where the invitation has been posted, so the preview can say so. */
  postings?: readonly { conversationType?: string | undefined; postedAt: string }[];
  /** Preview only: the coordinator pressed "publish" on an invitation already posted; ask first. */
  askRepublish?: boolean;
}

/** "i 1 kanal och 2 gruppchattar": where the invitation has been posted. */
function postedWhere(postings: readonly { conversationType?: string | undefined }[], lang: Lang): string {
  const t = translator(lang);
  const count = (types: readonly (string | undefined)[]) => postings.filter((p) => types.includes(p.conversationType)).length;
  const channels = count(['channel', undefined]);
  const groups = count(['groupChat']);
  const personal = count(['personal']);
  const parts = [
    ...(channels > 0 ? [t('inv_whereChannels', { n: channels })] : []),
    ...(groups > 0 ? [t('inv_whereGroupChats', { n: groups })] : []),
    ...(personal > 0 ? [t('inv_wherePersonal', { n: personal })] : []),
  ];
  return new Intl.ListFormat(lang === 'sv' ? 'sv' : 'en-GB', { type: 'conjunction' }).format(parts);
}

function previewParts(input: InvitationInput, t: Translate): Pick<InvitationView, 'previewText' | 'previewStyle' | 'previewActions'> {
  if (input.mode !== 'preview') return { previewText: '', previewStyle: 'warning', previewActions: [] };
  const postings = input.postings ?? [];
  const published = input.activity.status === 'published' && postings.length > 0;
  const last = postings.reduce((a, p) => (p.postedAt > a ? p.postedAt : a), '');
  const where = postedWhere(postings, input.lang);
  if (published && input.askRepublish) {
    return {
      previewText: t('inv_publishAgainAsk', { where }),
      previewStyle: 'warning',
      previewActions: [
        { title: t('inv_publishAgainYes'), verb: 'activity.publish', style: 'positive', confirm: 'yes' },
        { title: t('inv_back'), verb: 'activity.preview', style: 'default', confirm: '' },
      ],
    };
  }
  const edit = { title: t('inv_edit'), verb: 'activity.edit' as const, style: 'default' as const, confirm: '' };
  if (published) {
    return {
      previewText: t('inv_previewPublished', { where, date: formatDate(new Date(last), input.lang) }),
      previewStyle: 'good',
      previewActions: [{ title: t('inv_publishAgain'), verb: 'activity.publish', style: 'default', confirm: '' }, edit],
    };
  }
  return { previewText: t('inv_preview'), previewStyle: 'warning', previewActions: [{ title: t('inv_publish'), verb: 'activity.publish', style: 'positive', confirm: '' }, edit] };
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
        mine: false,
      };
    }
    return row(s.id, when, s.meetingUrl ?? '', cancelled);
  });
  // Cancelling a session for everyone is a coordinator's tool: apart from "Avanmäl", in its own section.
  const coordinatorTools = personal && !!input.viewerIsCoordinator && activity.status === 'published';
  const coordinatorSessions = coordinatorTools
    ? [...activity.sessions]
        .filter((s) => s.status !== 'cancelled' && Date.parse(s.start) > now.getTime())
        .sort((a, b) => a.start.localeCompare(b.start))
        .map((s) => ({ id: s.id, when: formatSpan(new Date(s.start), new Date(s.end), lang) }))
    : [];
  const rows = activity.registrationMode === 'series' ? [row('series', t('inv_wholeSeries'), '', false), ...sessionRows] : sessionRows;

  const closed = mode !== 'preview' && now.getTime() > deadlineInstant(activity).getTime();
  const p = activity.prerequisites;
  return {
    t: {
      purpose: t('inv_purpose'),
      targetGroup: t('inv_targetGroup'),
      format: t('inv_format'),
      prerequisites: t('inv_prerequisites'),
      sessions: t('inv_sessions'),
      cancel: t('inv_cancel'),
      cancelSession: t('session_cancel'),
      join: t('inv_join'),
      coordinator: t('inv_coordinatorTools'),
      coordinatorIntro: t('inv_coordinatorIntro'),
      edit: t('inv_editInvitation'),
    },
    activityId: activity.id,
    refreshUserIds: (input.refreshUserIds ?? []).slice(0, 60),
    refreshVerb: mode === 'preview' ? 'activity.preview' : 'invitation.refresh',
    preview: mode === 'preview',
    ...previewParts(input, t),
    coordinatorTools,
    coordinatorSessions,
    notice: input.notice?.text ?? '',
    noticeStyle: input.notice?.style ?? 'default',
    undo: input.notice?.undoSessionId ? [{ title: t('inv_undo'), sessionId: input.notice.undoSessionId }] : [],
    kindLabel: t(`kind_${activity.kind}`),
    title: activity.title,
    purpose: activity.purpose,
    targetGroup: activity.targetGroup,
    format: activity.format,
    prerequisites: [p.before ? t('inv_before', { text: p.before }) : '', p.during ? t('inv_during', { text: p.during }) : '', p.after ? t('inv_after', { text: p.after }) : ''].filter((s) => s !== ''),
    sessions: rows,
    deadlineText: closed ? t('inv_closed') : t('inv_deadline', { date: formatDate(deadlineInstant(activity), lang) }),
    teamActions:
      mode === 'preview' || closed || activity.status !== 'published'
        ? []
        : activity.team
          ? [{ title: t('team_register'), verb: 'team.form' }]
          : [{ title: t('behalf_register'), verb: 'behalf.form' }],
  };
}
