import { translator } from '../i18n';
import type { ActionEnv, Reply } from '../../platform/teams/actionTypes';
import type { CommandSpec } from '../../platform/teams/actionTypes';
import { answerCommand } from '../staff-teams/handlers';
import { registrarOf } from '../staff-teams/managers';
import { networkFormAttachment, networkListAttachment } from './cards';
import { membersReply, startImport } from './handlers';
import { channelOf, linkChannel, networkByName, setOwnReminders } from './roster';

const say = (env: ActionEnv, key: Parameters<ReturnType<typeof translator>>[0]): Reply => ({ message: translator(env.actor.lang)(key) });

export const networkCommands: CommandSpec[] = [
  {
    name: 'networks',
    words: ['nätverk', 'networks', 'network', 'nätverken'],
    run: (env) =>
      answerCommand(env, async () => {
        const viewer = await registrarOf(env.svc, env.actor.aadObjectId, env.person);
        return { card: await networkListAttachment(env.svc, { lang: env.actor.lang, viewer }) };
      }),
  },
  {
    name: 'newNetwork',
    words: ['nytt nätverk', 'new network', 'skapa nätverk', 'create network'],
    coordinatorOnly: true,
    run: (env) => answerCommand(env, async () => ({ card: networkFormAttachment({ lang: env.actor.lang, inChannel: channelOf(env.context) !== null }) })),
  },
  {
    name: 'members',
    words: ['medlemmar', 'members'],
    takesArgument: true,
    run: (env, arg) => answerCommand(env, async () => membersReply(env, await networkByName(env.svc, arg))),
  },
  {
    name: 'linkNetwork',
    words: ['koppla nätverk', 'link network'],
    takesArgument: true,
    coordinatorOnly: true,
    run: (env, arg) =>
      answerCommand(env, async () => {
        await linkChannel(env.svc, env.context, await networkByName(env.svc, arg));
        return say(env, 'net_linkedNow');
      }),
  },
  {
    name: 'importMembers',
    words: ['importera medlemmar', 'import members'],
    takesArgument: true,
    coordinatorOnly: true,
    run: (env, arg) =>
      answerCommand(env, async () => {
        return { message: startImport(env, await networkByName(env.svc, arg)) };
      }),
  },
  {
    name: 'leaveNetwork',
    words: ['lämna nätverk', 'leave network'],
    takesArgument: true,
    run: (env, arg) =>
      answerCommand(env, async () => {
        await setOwnReminders(env.svc, env.actor, (await networkByName(env.svc, arg)).networkId, true);
        return say(env, 'net_left');
      }),
  },
];
