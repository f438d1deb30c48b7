import type { Card } from '../../platform/cards/render';
import { helpCard, myRegistrationsCard, profileCard } from '../activities';
import { OTHER_ORGANIZATION, JOB_ROLES, type Organization, type Person } from '../../kernel/people';
import { formatSpan } from '../../kernel/time';
import { isMessageKey, translator, type Lang } from '../i18n';
import { myRegistrations } from './mine';
import { cancelBlocker } from '../../kernel/activity';

/** The profile asked for on a first registration; its caller reads the organisations to choose from. */
export function profileFormCard(input: {
  lang: Lang;
  activityId: string;
  sessionId: string;
  organizations: readonly Organization[];
  person?: Person | null;
  values?: Record<string, string>;
  errorKey?: string;
}): Card {
  const t = translator(input.lang);
  const orgs = input.organizations;
  const values = input.values ?? {};
  return profileCard({
    t: {
      title: t('profile_title'),
      intro: t('profile_intro'),
      organization: t('profile_organization'),
      other: t('profile_other'),
      role: t('profile_role'),
      continue: t('profile_continue'),
    },
    // The key comes from a schema's issue message; one that is not ours (zod's own wording) says "check the fields".
    error: input.errorKey ? t(isMessageKey(input.errorKey) ? input.errorKey : 'err_invalidInput') : '',
    activityId: input.activityId,
    sessionId: input.sessionId,
    organizationId: values.organizationId ?? input.person?.organizationId ?? '',
    organizationOther: (values.organizationOther ?? input.person?.organizationOther ?? '').slice(0, 200),
    jobRole: values.jobRole ?? input.person?.jobRole ?? '',
    organizations: [...orgs.map((o) => ({ title: o.name, value: o.id })), { title: t('profile_otherChoice'), value: OTHER_ORGANIZATION }],
    roles: JOB_ROLES.map((r) => ({ title: t(`role_${r}`), value: r })),
  });
}

export interface MineNotice {
  text: string;
  style: 'good' | 'attention' | 'warning' | 'default';
  /** After a cancel: the place an "Ångra" button takes again. */
  undo?: { activityId: string; sessionId: string };
}

/** A member's registrations as their card shows them (read by the caller: `myRegistrations`). */
export type MyRegistrationRows = Awaited<ReturnType<typeof myRegistrations>>;

/** The member's "Mina anmälningar" card from what the caller read; it reads nothing itself. */
export function myRegistrationsAttachment(items: MyRegistrationRows, input: { lang: Lang; now: Date; notice?: MineNotice | undefined }): Card {
  const { lang: actorLang, now, notice } = input;
  const t = translator(actorLang);
  return myRegistrationsCard({
    t: { title: t('mine_title'), empty: t('mine_empty'), cancel: t('inv_cancel'), join: t('inv_join'), undo: t('inv_undo') },
    notice: notice?.text ?? '',
    noticeStyle: notice?.style ?? 'default',
    undo: notice?.undo ? [notice.undo] : [],
    items: items.map((r) => ({
      activityId: r.activity.id,
      sessionId: r.scope,
      title: r.activity.title,
      scopeLabel: r.scope === 'series' ? t('mine_series', { n: r.sessions.filter((s) => s.status !== 'cancelled').length }) : '',
      sessions: r.sessions.map((s) => {
        const cancelled = s.status === 'cancelled';
        const open = r.status === 'registered' && !cancelled && Date.parse(s.end) > now.getTime();
        return {
          when: formatSpan(new Date(s.start), new Date(s.end), actorLang),
          note: cancelled ? t('inv_cancelledSession') : '',
          joinUrl: open && /^https:\/\//.test(s.meetingUrl ?? '') ? (s.meetingUrl ?? '') : '',
        };
      }),
      status: r.status === 'registered' ? t('mine_registered') : t('mine_waitlisted', { position: r.position }),
      canCancel: cancelBlocker(r.activity, r.scope, now) === null,
    })),
  });
}

export function helpAttachment(lang: Lang, isCoordinator: boolean): Card {
  const t = translator(lang);
  return helpCard({
    title: t('help_title'),
    intro: t('help_intro'),
    lines: [t('help_myRegistrations'), t('help_activities'), t('help_teams'), t('help_networks'), t('help_reminders'), t('help_myData'), t('help_language'), t('help_help')],
    coordinatorTitle: t('help_coordinatorTitle'),
    coordinatorLines: isCoordinator
      ? [
          t('help_newActivity'),
          t('help_publish'),
          t('help_drafts'),
          t('help_questions'),
          t('help_stats'),
          t('att_help_attendance'),
          t('att_help_report'),
          t('att_help_link'),
          t('att_help_checkIn'),
          t('help_responses'),
          t('help_unreachable'),
          t('help_roles'),
          t('help_privacyCoordinator'),
        ]
      : [],
  });
}
