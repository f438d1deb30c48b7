import type { ReminderTurn } from './ports';
import { reply } from '../../platform/teams/router';
import { ActivityIdSchema } from '../../kernel/activity';
import { refused } from '../refusal';
import { postingId, type Activity } from '../../kernel/activity';
import { z } from 'zod';
import { ActivityRefSchema, cancelSession, invitation } from '../activities';
import { noticeCard } from './views';
import { matchByName, fold } from '../../kernel/text';
import { formatSpan } from '../../kernel/time';
import { translator } from '../i18n';
import { surveyAttachment } from './messages';
import { lowRegFollowUp, registeredCount } from './lowRegistration';
import { AnswerEnvelopeSchema, answerSurvey, surveyResponses } from '../surveys';
import type { HandlerMap } from '../../platform/teams/actionTypes';
import type { CommandSpec } from '../../platform/teams/actionTypes';
import { unreachableLines } from './unreachable';

const SessionRefSchema = z.object({
  activityId: ActivityIdSchema,
  sessionId: z.string().regex(/^s[0-9]{1,3}$/),
  confirm: z.string().optional(),
});

export const schedulerHandlers: HandlerMap<ReminderTurn> = {
  'reminders.optOut': async (turn, data) => {
    const { activityId } = ActivityRefSchema.parse(data);
    await turn.ports.directory.updatePerson(turn.actor.aadObjectId, (p) => ({
      ...p,
      optOutActivities: [...new Set([...(p.optOutActivities ?? []), activityId])].slice(-200),
    }));
    return { message: translator(turn.actor.lang)('rem_optedOut') };
  },

  'survey.answer': async (turn, data) => {
    const t = translator(turn.actor.lang);
    const result = await answerSurvey(turn.ports, turn.actor, data);
    if (result.ok) {
      return { card: noticeCard({ heading: t('survey_thanks'), color: 'Good', title: '', lines: [t('survey_thanksText')], buttons: [], links: [] }) };
    }
    const { activityId } = AnswerEnvelopeSchema.parse(data);
    const activity = await turn.ports.activities.get(activityId);
    if (!activity) throw refused('notFound');
    const values: Record<string, string> = {};
    for (const [k, v] of Object.entries(data)) if (typeof v === 'string') values[k] = v;
    return { card: surveyAttachment({ t, activity: activity.doc, surveyKind: result.kind, error: t('survey_errRequired'), values }) };
  },

  'activity.reinvite': async (turn, data) => {
    const { activityId } = ActivityRefSchema.parse(data);
    const found = await turn.ports.activities.get(activityId);
    if (!found || found.doc.status !== 'published') throw refused('notPublished');
    const postings = await turn.ports.activities.postingsOf(activityId);
    const conversations = new Map(postings.map((p) => [p.conversationId, p]));
    let n = 0;
    for (const p of conversations.values()) {
      const card = await invitation(turn.ports, { activity: found.doc, lang: p.lang, mode: 'shared' });
      try {
        const sentId = await turn.messenger.postCard(p, card);
        if (sentId)
          await turn.ports.activities.addPosting({ ...p, id: postingId(p.conversationId, sentId), messageId: sentId, postedBy: turn.actor.aadObjectId, postedAt: turn.ports.now().toISOString() });
        n++;
      } catch (err) {
        turn.ports.log.warn({ err, activityId }, 'invitation not re-posted to one conversation');
      }
    }
    const t = translator(turn.actor.lang);
    if (n === 0) return { message: t('notice_reinvitedNone') };
    // Still too few registered: the coordinator hears once, a few days on, what the new invitation changed.
    const count = registeredCount(await turn.ports.activities.seatLists(found.doc));
    const followUp = lowRegFollowUp({ activity: found.doc, userId: turn.actor.aadObjectId, lang: turn.actor.lang, now: turn.ports.now(), count });
    if (followUp) await turn.ports.scheduler.enqueue(followUp);
    return { message: t('notice_reinvited', { n }) };
  },

  'session.cancel': async (turn, data) => {
    const input = SessionRefSchema.parse(data);
    const t = translator(turn.actor.lang);
    if (input.confirm !== 'yes') {
      const found = await turn.ports.activities.get(input.activityId);
      const session = found?.doc.sessions.find((s) => s.id === input.sessionId);
      if (!found || !session) throw refused('sessionNotInActivity');
      return {
        card: noticeCard({
          heading: t('session_confirmHeading'),
          color: 'Attention',
          title: found.doc.title,
          lines: [t('session_confirm', { when: formatSpan(new Date(session.start), new Date(session.end), turn.actor.lang) })],
          // "Tillbaka" brings the invitation back as it was: nothing is cancelled until "Ja".
          buttons: [
            { title: t('session_confirmButton'), verb: 'session.cancel', activityId: input.activityId, sessionId: input.sessionId, confirm: 'yes' },
            { title: t('inv_back'), verb: 'invitation.refresh', activityId: input.activityId, sessionId: input.sessionId, confirm: '' },
          ],
          links: [],
        }),
      };
    }
    const { told } = await cancelSession(turn.ports, input.activityId, input.sessionId);
    return { message: t('session_cancelled', { n: told }) };
  },
};

export const schedulerCommands: CommandSpec<ReminderTurn>[] = [
  {
    name: 'responses',
    words: ['svar', 'responses', 'enkätsvar', 'survey responses'],
    takesArgument: true,
    coordinatorOnly: true,
    run: async (turn, arg) => {
      const t = translator(turn.actor.lang);
      if (!fold(arg)) return reply(turn, t('err_responsesNoName'));
      const matches = matchByName(arg, await turn.ports.activities.list(), (a) => a.title);
      const first = matches[0];
      if (!first) return reply(turn, t('err_publishNoMatch', { name: arg }));
      return reply(turn, await surveyResponses(turn.ports, first, turn.actor.lang));
    },
  },
  {
    name: 'unreachable',
    words: ['ej nådda', 'inte nådda', 'unreachable', 'not reached'],
    coordinatorOnly: true,
    run: async (turn) => {
      const t = translator(turn.actor.lang);
      const failed = await turn.ports.scheduler.jobs.list({ statuses: ['failed', 'indoubt'] });
      const people = await turn.ports.directory.people([...new Set(failed.map((j) => j.toUserId))]);
      const activities = new Map<string, Activity>();
      for (const id of new Set(failed.map((j) => j.activityId).filter((x): x is string => !!x))) {
        const found = await turn.ports.activities.get(id);
        if (found) activities.set(id, found.doc);
      }
      const lines = unreachableLines({ jobs: failed, people, activities, lang: turn.actor.lang });
      return reply(turn, noticeCard({ heading: t('unr_heading'), color: 'Warning', title: '', lines: lines.length ? lines : [t('unreachable_none')], buttons: [], links: [] }));
    },
  },
  {
    name: 'remindersOff',
    words: ['påminnelser av', 'reminders off', 'stäng av påminnelser'],
    run: async (turn) => {
      await turn.ports.directory.updatePerson(turn.actor.aadObjectId, (p) => ({ ...p, remindersOff: true }));
      return reply(turn, translator(turn.actor.lang)('reminders_off'));
    },
  },
  {
    name: 'remindersOn',
    words: ['påminnelser på', 'reminders on', 'slå på påminnelser'],
    run: async (turn) => {
      await turn.ports.directory.updatePerson(turn.actor.aadObjectId, (p) => ({ ...p, remindersOff: false, optOutActivities: [] }));
      return reply(turn, translator(turn.actor.lang)('reminders_on'));
    },
  },
];
