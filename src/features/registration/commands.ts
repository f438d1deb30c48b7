import type { RegistrationTurn } from './ports';
import type { CommandSpec } from '../../platform/teams/actionTypes';
import { reply } from '../../platform/teams/router';
import { helpAttachment } from './replies';
import { mine } from './handlers';

export const registrationCommands: CommandSpec<RegistrationTurn>[] = [
  { name: 'help', words: ['hjälp', 'help', '?', 'hej', 'hi', 'hello', 'start'], run: async (turn) => reply(turn, helpAttachment(turn.actor.lang, await turn.isCoordinator())) },
  { name: 'myRegistrations', words: ['mina anmälningar', 'my registrations', 'anmälningar', 'registrations'], run: async (turn) => reply(turn, await mine(turn)) },
];
