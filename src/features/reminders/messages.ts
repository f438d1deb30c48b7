import { icsPath, type ActivityRepository } from '../activities';
import type { Card } from '../../platform/cards/render';
import { deadlineInstant, seatScope, type Activity } from '../../kernel/activity';
import { DEFAULT_QUESTIONS, SURVEY_KINDS, type SurveyKind } from '../../kernel/surveys';
import { formatDate, formatSpan } from '../../kernel/time';
import { isMessageKey, translator, type Translate } from '../i18n';
import { noticeCard, reminderCard, surveyCard } from './views';
import type { DirectoryRepository } from '../people';
import type { SurveyRepository } from '../surveys';
import { sign } from '../../kernel/signedLink';
import type { OutgoingActivity } from '../../platform/outbox/connector';
import type { JobRenderer } from '../../platform/outbox/dispatcher';
import type { Job } from '../../platform/outbox/jobs';
import type { AudienceSource } from './planner';
import { registeredCount } from './lowRegistration';
import { isVerb } from '../../platform/teams/verbs';
import { renderConfirmation } from '../registration';

const str = (v: unknown): string => (typeof v === 'string' ? v : typeof v === 'number' ? String(v) : '');

function message(attachment: Card, summary: string): OutgoingActivity {
  return { type: 'message', summary, attachments: [{ contentType: attachment.contentType, content: attachment.content }] };
}

/**
 * Renders each job at the moment it is sent, from the current records: a reminder for
 * someone who cancelled, or for a session that moved or was cancelled, is skipped.
 */
export class MessageRenderer implements JobRenderer {
  constructor(
    private readonly deps: {
      activities: ActivityRepository;
      directory: DirectoryRepository;
      surveys: SurveyRepository;
      publicUrl?: string;
      linkSecret: string;
      now: () => Date;
      /** People reminded without a place (a network's roster): src/features/networks. */
      audience?: Pick<AudienceSource, 'stillReminded'>;
      /** Erased people and their anonymous stand-ins get nothing (src/features/privacy). */
      erased?: (userId: string) => Promise<boolean>;
    },
  ) {}

  async render(job: Job): Promise<{ activity: OutgoingActivity } | { skip: string }> {
    if (await this.deps.erased?.(job.toUserId)) return { skip: 'recipient erased' };
    const t = translator(job.lang);
    switch (job.kind) {
      case 'notice':
        return job.payload.confirmation === true ? this.confirmation(job) : this.notice(job, t);
      case 'reminder':
        return this.reminder(job, t);
      case 'survey':
      case 'nudge':
        return this.survey(job, t);
      case 'lowRegistration':
        return this.lowRegistration(job, t);
    }
  }

  private async activity(job: Job): Promise<Activity | null> {
    const id = str(job.payload.activityId) || job.activityId;
    if (!id) return null;
    return (await this.deps.activities.get(id))?.doc ?? null;
  }

  /** src/features/registration/confirmation.ts: the place as it stands when the message goes out. */
  private async confirmation(job: Job): Promise<{ activity: OutgoingActivity } | { skip: string }> {
    const activity = await this.activity(job);
    if (!activity) return { skip: 'activity gone' };
    const scope = str(job.payload.sessionId);
    const seats = (await this.deps.activities.getSeats(activity.id, `seats-${scope}`))?.doc ?? null;
    const out = renderConfirmation({
      activity,
      seats,
      scope,
      userId: job.toUserId,
      lang: job.lang,
      now: this.deps.now(),
      icsUrl: (sessionId) => {
        const path = icsPath(activity.id, sessionId);
        return this.deps.publicUrl ? `${this.deps.publicUrl.replace(/\/$/, '')}${path}?sig=${sign(this.deps.linkSecret, path)}` : '';
      },
    });
    return 'skip' in out ? out : { activity: message(out.card, out.summary) };
  }

  private notice(job: Job, t: Translate): { activity: OutgoingActivity } | { skip: string } {
    const textKey = str(job.payload.textKey);
    const headingKey = str(job.payload.headingKey);
    if (!isMessageKey(textKey)) return { skip: 'unknown text' };
    const params: Record<string, string | number> = {};
    for (const [k, v] of Object.entries(job.payload)) if (typeof v !== 'boolean') params[k] = v;
    // teams and networks: the time in the recipient's language, and buttons named by verb and text key.
    const whenStart = str(job.payload.whenStart);
    const whenEnd = str(job.payload.whenEnd);
    if (whenStart && whenEnd && !params.when) params.when = formatSpan(new Date(whenStart), new Date(whenEnd), job.lang);
    const text = t(textKey, params);
    return {
      activity: message(
        noticeCard({
          heading: isMessageKey(headingKey) ? t(headingKey) : t('appName'),
          color: 'Accent',
          title: str(job.payload.title),
          lines: [text],
          buttons: noticeButtons(job, t),
          links: [],
        }),
        text,
      ),
    };
  }

  private async reminder(job: Job, t: Translate): Promise<{ activity: OutgoingActivity } | { skip: string }> {
    const activity = await this.activity(job);
    if (!activity || activity.status !== 'published') return { skip: 'activity not published' };
    const session = activity.sessions.find((s) => s.id === str(job.payload.sessionId));
    if (!session || session.status === 'cancelled') return { skip: 'session cancelled' };
    if (session.start !== str(job.payload.start)) return { skip: 'session moved' };
    const scope = seatScope(activity, session.id);
    const seats = await this.deps.activities.getSeats(activity.id, `seats-${scope}`);
    const entry = seats?.doc.entries.find((e) => e.userId === job.toUserId);
    const registered = !!entry && entry.status === 'registered';
    // Without a place: still reminded if a roster (or a principal's kick-off) says so.
    if (!registered && !(await this.deps.audience?.stillReminded(activity, session.id, job.toUserId))) return { skip: 'not registered' };
    const person = await this.deps.directory.person(job.toUserId);
    if (person?.doc.remindersOff || person?.doc.optOutActivities?.includes(activity.id)) return { skip: 'opted out' };
    const offset = Number(job.payload.offset);
    const when = formatSpan(new Date(session.start), new Date(session.end), job.lang);
    const path = icsPath(activity.id, session.id);
    const prep = activity.prerequisites.before;
    if (!registered) return { activity: message(audienceReminder({ t, activity, sessionId: session.id, offset, when, joinUrl: session.meetingUrl ?? '' }), `${activity.title}: ${when}`) };
    return {
      activity: message(
        reminderCard({
          t: { join: t('inv_join'), calendar: t('rem_calendar'), cancel: t('inv_cancel'), optOut: t('rem_optOut') },
          heading: offset >= 720 ? t('rem_heading24') : offset <= 120 ? t('rem_headingSoon') : t('rem_heading'),
          title: activity.title,
          when,
          prepText: prep ? t('rem_prep', { text: prep }) : '',
          joinUrl: session.meetingUrl ?? '',
          icsUrl: this.deps.publicUrl ? `${this.deps.publicUrl.replace(/\/$/, '')}${path}?sig=${sign(this.deps.linkSecret, path)}` : '',
          activityId: activity.id,
          scope,
        }),
        `${activity.title}: ${when}`,
      ),
    };
  }

  private async survey(job: Job, t: Translate): Promise<{ activity: OutgoingActivity } | { skip: string }> {
    const activity = await this.activity(job);
    const kind = str(job.payload.surveyKind);
    if (!activity) return { skip: 'activity gone' };
    if (!(SURVEY_KINDS as readonly string[]).includes(kind)) return { skip: 'unknown survey' };
    const surveyKind = SURVEY_KINDS.find((k) => k === kind) ?? 'evaluation';
    if (job.kind === 'nudge' && (await this.deps.surveys.answer(activity.id, surveyKind, job.toUserId))) return { skip: 'already answered' };
    return { activity: message(surveyAttachment({ t, activity, surveyKind, nudge: job.kind === 'nudge' }), activity.title) };
  }

  private async lowRegistration(job: Job, t: Translate): Promise<{ activity: OutgoingActivity } | { skip: string }> {
    const activity = await this.activity(job);
    if (!activity || activity.status !== 'published') return { skip: 'activity not published' };
    const count = registeredCount(await this.deps.activities.seatLists(activity));
    if (count >= activity.minParticipants) return { skip: 'enough registrations' };
    const now = this.deps.now().getTime();
    if (now > deadlineInstant(activity).getTime()) return { skip: 'deadline passed' };
    const deadline = formatDate(deadlineInstant(activity), job.lang);
    // The follow-up after a re-sent invitation says what changed since then, not the warning again.
    const reinvitedAt = Date.parse(str(job.payload.reinvitedAt));
    const followUp = job.payload.followUp === true && Number.isFinite(reinvitedAt);
    const line = followUp
      ? t('notice_lowRegFollowUp', {
          date: formatDate(new Date(reinvitedAt), job.lang),
          days: Math.max(0, Math.floor((now - reinvitedAt) / 86_400_000)),
          count,
          min: activity.minParticipants,
          gained: Math.max(0, count - (Number(job.payload.countAtReinvite) || 0)),
          deadline,
        })
      : t('notice_lowReg', { count, min: activity.minParticipants, deadline });
    return {
      activity: message(
        noticeCard({
          heading: t(followUp ? 'notice_lowRegFollowUpHeading' : 'notice_lowRegHeading'),
          color: 'Warning',
          title: activity.title,
          lines: [line],
          buttons: [{ title: t('notice_reinvite'), verb: 'activity.reinvite', activityId: activity.id, sessionId: '', confirm: '' }],
          links: [],
        }),
        activity.title,
      ),
    };
  }
}

export function surveyAttachment(input: { t: Translate; activity: Activity; surveyKind: SurveyKind; nudge?: boolean; error?: string; values?: Record<string, string> }) {
  const { t, activity, surveyKind } = input;
  const questions = DEFAULT_QUESTIONS[surveyKind];
  const label = (key: string) => (isMessageKey(key) ? t(key) : key);
  return surveyCard({
    t: { submit: t('survey_submit') },
    heading: surveyKind === 'evaluation' ? t('survey_evaluationHeading') : t('survey_followUpHeading'),
    title: activity.title,
    intro: input.nudge ? t('survey_nudge') : surveyKind === 'evaluation' ? t('survey_intro') : t('survey_followUpIntro'),
    error: input.error ?? '',
    scaleHint: t('survey_scale'),
    activityId: activity.id,
    surveyKind,
    ratings: questions.filter((q) => q.type === 'rating').map((q) => ({ id: q.id, label: label(q.key), value: input.values?.[q.id] ?? '' })),
    texts: questions.filter((q) => q.type === 'text').map((q) => ({ id: q.id, label: label(q.key), value: (input.values?.[q.id] ?? '').slice(0, 2000) })),
  });
}

/** Buttons of a notice: payload.buttons is "verb:textKey:confirm|…", each checked against the known verbs and texts. */
function noticeButtons(job: Job, t: Translate): { title: string; verb: string; activityId: string; sessionId: string; confirm: string }[] {
  return str(job.payload.buttons)
    .split('|')
    .filter(Boolean)
    .flatMap((b) => {
      const [verb = '', key = '', confirm = ''] = b.split(':');
      if (!isVerb(verb) || !isMessageKey(key)) return [];
      return [{ title: t(key), verb, activityId: str(job.payload.activityId) || job.activityId || '', sessionId: str(job.payload.sessionId), confirm }];
    });
}

/** A reminder for someone on a network's roster: no place to cancel, but they can say they cannot come. */
function audienceReminder(input: { t: Translate; activity: Activity; sessionId: string; offset: number; when: string; joinUrl: string }): Card {
  const { t } = input;
  return noticeCard({
    heading: input.offset >= 720 ? t('rem_heading24') : input.offset <= 120 ? t('rem_headingSoon') : t('rem_heading'),
    color: 'Accent',
    title: input.activity.title,
    // Only texts of our own in the (markdown) lines: the activity's texts stay on the invitation.
    lines: [input.when],
    buttons: [{ title: t('net_cannotCome'), verb: 'network.decline', activityId: input.activity.id, sessionId: input.sessionId, confirm: '' }],
    links: /^https:\/\//.test(input.joinUrl) ? [{ title: t('inv_join'), url: input.joinUrl }] : [],
  });
}
