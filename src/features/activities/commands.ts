import type { Card } from '../../platform/cards/render';
import { fold, matchByName } from '../../kernel/text';
import { translator } from '../i18n';
import type { CommandSpec } from '../../platform/teams/actionTypes';
import type { ActivityTurn } from './ports';
import { reply } from '../../platform/teams/router';
import { formCard } from './formCard';
import { postInvitation } from './handlers';
import { activitiesReply } from './list';
import { activityListCard } from './views';

export const activityCommands: CommandSpec<ActivityTurn>[] = [
  {
    name: 'newActivity',
    words: ['ny aktivitet', 'new activity', 'skapa aktivitet', 'create activity'],
    coordinatorOnly: true,
    run: (turn) => reply(turn, formCard({ lang: turn.actor.lang, raw: {}, sessionCount: 1 })),
  },
  { name: 'publish', words: ['publicera', 'publish'], takesArgument: true, coordinatorOnly: true, run: (turn, arg) => publishByName(turn, arg) },
  { name: 'activities', words: ['aktiviteter', 'activities', 'kalender', 'calendar'], takesArgument: true, run: async (turn, arg) => reply(turn, await activitiesReply(turn, arg)) },
  { name: 'drafts', words: ['utkast', 'drafts'], coordinatorOnly: true, run: async (turn) => reply(turn, await drafts(turn)) },
];

async function drafts(turn: ActivityTurn): Promise<Card> {
  const t = translator(turn.actor.lang);
  const mine = (await turn.ports.activities.list({ status: 'draft' })).sort((a, b) => b.updatedAt.localeCompare(a.updatedAt)).slice(0, 25);
  return activityListCard({
    heading: t('list_drafts'),
    intro: '',
    empty: t('list_draftsEmpty'),
    buttonTitle: t('list_preview'),
    verb: 'activity.preview',
    items: mine.map((a) => ({ activityId: a.id, title: a.title, detail: `${t(`kind_${a.kind}`)} · ${a.sessions.length}` })),
  });
}

async function publishByName(turn: ActivityTurn, name: string): Promise<void> {
  const t = translator(turn.actor.lang);
  if (!fold(name)) return reply(turn, t('err_publishNoName'));
  const candidates = (await turn.ports.activities.list()).filter((a) => a.status !== 'cancelled');
  const matches = matchByName(name, candidates, (a) => a.title);
  if (matches.length === 0) return reply(turn, t('err_publishNoMatch', { name }));
  if (matches.length > 1) {
    return reply(
      turn,
      activityListCard({
        heading: t('err_publishManyMatches'),
        intro: '',
        empty: '',
        buttonTitle: t('inv_publish'),
        verb: 'activity.publish',
        items: matches.slice(0, 10).map((a) => ({ activityId: a.id, title: a.title, detail: a.deadline })),
      }),
    );
  }
  await postInvitation(turn, (matches[0] as { id: string }).id);
}
