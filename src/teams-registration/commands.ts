import { MessageFactory, type Attachment } from 'botbuilder';
import { activityListCard } from '../cards/views';
import type { Activity } from '../domain/activity';
import { fold, matchByName } from '../domain/text';
import { translator, type MessageKey } from '../i18n';
import type { ActionEnv, Reply } from '../teams/actionTypes';
import type { CommandSpec } from '../teams/commands';
import { teamSettingsAttachment } from './cards';
import { refusing, openBehalfForm, openTeamForm, requireCoordinator, teamListReply } from './handlers';

async function send(env: ActionEnv, reply: Reply | Attachment | string): Promise<void> {
  const r: Reply = typeof reply === 'string' ? { message: reply } : 'contentType' in reply ? { card: reply } : reply;
  await env.context.sendActivity('card' in r ? MessageFactory.attachment(r.card) : MessageFactory.text(r.message));
}

/**
 * The activity a command names; several matches get a list to pick from (their invitations),
 * none an answer. Returns null when the answer has been sent.
 */
export async function activityByName(env: ActionEnv, name: string, noNameKey: MessageKey): Promise<Activity | null> {
  const t = translator(env.actor.lang);
  if (!fold(name)) {
    await send(env, t(noNameKey));
    return null;
  }
  const candidates = (await env.svc.activities.list()).filter((a) => a.status !== 'cancelled');
  const matches = matchByName(name, candidates, (a) => a.title);
  if (matches.length === 1 && matches[0]) return matches[0];
  if (matches.length === 0) {
    await send(env, t('err_publishNoMatch', { name }));
    return null;
  }
  await send(
    env,
    activityListCard({
      heading: t('err_publishManyMatches'),
      intro: '',
      empty: '',
      buttonTitle: t('list_show'),
      verb: 'invitation.show',
      items: matches.slice(0, 10).map((a) => ({ activityId: a.id, title: a.title, detail: a.deadline })),
    }),
  );
  return null;
}

async function listTeams(env: ActionEnv, arg: string): Promise<void> {
  const activity = await activityByName(env, arg, 'team_errNoActivityName');
  if (activity) await send(env, await teamListReply(env, activity));
}

async function runRefusing(env: ActionEnv, run: () => Promise<void>): Promise<void> {
  const reply = await refusing(env, async () => {
    await run();
    return { message: '' };
  });
  if ('message' in reply && reply.message) await send(env, reply);
}

export const teamCommands: CommandSpec[] = [
  {
    name: 'teamSettings',
    words: ['teaminställningar', 'team settings', 'nätverksträff', 'network meeting'],
    takesArgument: true,
    coordinatorOnly: true,
    run: async (env, arg) => {
      await requireCoordinator(env);
      const activity = await activityByName(env, arg, 'team_settingsNoName');
      if (activity) await send(env, await teamSettingsAttachment(env.svc, { lang: env.actor.lang, activity }));
    },
  },
  { name: 'teams', words: ['team', 'teams', 'anmälda team', 'registered teams'], takesArgument: true, run: (env, arg) => runRefusing(env, () => listTeams(env, arg)) },
  {
    name: 'registerTeam',
    words: ['anmäl team', 'anmäl ett team', 'register team', 'register a team'],
    takesArgument: true,
    run: (env, arg) =>
      runRefusing(env, async () => {
        const activity = await activityByName(env, arg, 'team_errNoActivityName');
        if (activity) await send(env, await openTeamForm(env, activity));
      }),
  },
  {
    name: 'registerColleagues',
    words: ['anmäl kollegor', 'register colleagues'],
    takesArgument: true,
    run: (env, arg) =>
      runRefusing(env, async () => {
        const activity = await activityByName(env, arg, 'team_errNoActivityName');
        if (activity) await send(env, await openBehalfForm(env, activity));
      }),
  },
];
