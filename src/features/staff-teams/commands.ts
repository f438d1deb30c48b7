import { activityListCard } from '../activities';
import type { Activity } from '../../kernel/activity';
import { fold, matchByName } from '../../kernel/text';
import { translator, type MessageKey } from '../i18n';
import type { Reply } from '../../platform/teams/actionTypes';
import type { StaffTeamTurn } from './ports';
import type { CommandSpec } from '../../platform/teams/actionTypes';
import { teamSettings } from './cardData';
import { answerCommand, openBehalfForm, openTeamForm, teamListReply } from './handlers';

/**
 * The activity a command names, or the answer instead: a list to pick from (their invitations)
 * when several match, a text when none does.
 */
async function activityByName(turn: StaffTeamTurn, name: string, noNameKey: MessageKey): Promise<{ activity: Activity } | { reply: Reply }> {
  const t = translator(turn.actor.lang);
  if (!fold(name)) return { reply: { message: t(noNameKey) } };
  const candidates = (await turn.ports.activities.list()).filter((a) => a.status !== 'cancelled');
  const matches = matchByName(name, candidates, (a) => a.title);
  if (matches.length === 1 && matches[0]) return { activity: matches[0] };
  if (matches.length === 0) return { reply: { message: t('err_publishNoMatch', { name }) } };
  const card = activityListCard({
    heading: t('err_publishManyMatches'),
    intro: '',
    empty: '',
    buttonTitle: t('list_show'),
    verb: 'invitation.show',
    items: matches.slice(0, 10).map((a) => ({ activityId: a.id, title: a.title, detail: a.deadline })),
  });
  return { reply: { card } };
}

/** A command about one activity: the activity named in the argument, then `run`. */
function withActivity(noNameKey: MessageKey, run: (turn: StaffTeamTurn, activity: Activity) => Promise<Reply>): CommandSpec<StaffTeamTurn>['run'] {
  return (turn, arg) =>
    answerCommand(turn, async () => {
      const found = await activityByName(turn, arg, noNameKey);
      return 'reply' in found ? found.reply : run(turn, found.activity);
    });
}

export const teamCommands: CommandSpec<StaffTeamTurn>[] = [
  {
    name: 'teamSettings',
    words: ['teaminställningar', 'team settings', 'nätverksträff', 'network meeting'],
    takesArgument: true,
    coordinatorOnly: true,
    run: withActivity('team_settingsNoName', async (turn, activity) => ({ card: await teamSettings(turn.ports, { lang: turn.actor.lang, activity }) })),
  },
  { name: 'teams', words: ['team', 'teams', 'anmälda team', 'registered teams'], takesArgument: true, run: withActivity('team_errNoActivityName', (turn, activity) => teamListReply(turn, activity)) },
  {
    name: 'registerTeam',
    words: ['anmäl team', 'anmäl ett team', 'register team', 'register a team'],
    takesArgument: true,
    run: withActivity('team_errNoActivityName', (turn, activity) => openTeamForm(turn, activity)),
  },
  {
    name: 'registerColleagues',
    words: ['anmäl kollegor', 'register colleagues'],
    takesArgument: true,
    run: withActivity('team_errNoActivityName', (turn, activity) => openBehalfForm(turn, activity)),
  },
];
