import { translator } from '../i18n';
import type { Reply } from '../../platform/teams/actionTypes';
import type { NetworkTurn } from './ports';
import type { CommandSpec } from '../../platform/teams/actionTypes';
import { answerCommand, registrarOf } from '../staff-teams';
import { networkFormAttachment } from './cards';
import { networkList } from './cardData';
import { membersReply, startImport } from './handlers';
import { channelOf, linkChannel, networkByName, setOwnReminders } from './roster';

const say = (turn: NetworkTurn, key: Parameters<ReturnType<typeof translator>>[0]): Reply => ({ message: translator(turn.actor.lang)(key) });

export const networkCommands: CommandSpec<NetworkTurn>[] = [
  {
    name: 'networks',
    words: ['nätverk', 'networks', 'network', 'nätverken'],
    run: (turn) =>
      answerCommand(turn, async () => {
        const viewer = await registrarOf(turn.ports, turn.actor.aadObjectId, turn.person);
        return { card: await networkList(turn.ports, { lang: turn.actor.lang, viewer }) };
      }),
  },
  {
    name: 'newNetwork',
    words: ['nytt nätverk', 'new network', 'skapa nätverk', 'create network'],
    coordinatorOnly: true,
    run: (turn) => answerCommand(turn, async () => ({ card: networkFormAttachment({ lang: turn.actor.lang, inChannel: channelOf(turn) !== null }) })),
  },
  {
    name: 'members',
    words: ['medlemmar', 'members'],
    takesArgument: true,
    run: (turn, arg) => answerCommand(turn, async () => membersReply(turn, await networkByName(turn.ports, arg))),
  },
  {
    name: 'linkNetwork',
    words: ['koppla nätverk', 'link network'],
    takesArgument: true,
    coordinatorOnly: true,
    run: (turn, arg) =>
      answerCommand(turn, async () => {
        await linkChannel(turn.ports, turn, await networkByName(turn.ports, arg));
        return say(turn, 'net_linkedNow');
      }),
  },
  {
    name: 'importMembers',
    words: ['importera medlemmar', 'import members'],
    takesArgument: true,
    coordinatorOnly: true,
    run: (turn, arg) =>
      answerCommand(turn, async () => {
        return { message: startImport(turn, await networkByName(turn.ports, arg)) };
      }),
  },
  {
    name: 'leaveNetwork',
    words: ['lämna nätverk', 'leave network'],
    takesArgument: true,
    run: (turn, arg) =>
      answerCommand(turn, async () => {
        await setOwnReminders(turn.ports, turn.actor, (await networkByName(turn.ports, arg)).networkId, true);
        return say(turn, 'net_left');
      }),
  },
];
