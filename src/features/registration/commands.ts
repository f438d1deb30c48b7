import type { CommandSpec } from '../../platform/teams/actionTypes';
import { reply } from '../../platform/teams/router';
import { helpAttachment } from './replies';
import { mine } from './handlers';

export const registrationCommands: CommandSpec[] = [
  { name: 'help', words: ['hjälp', 'help', '?', 'hej', 'hi', 'hello', 'start'], run: async (env) => reply(env, helpAttachment(env.actor.lang, await env.isCoordinator())) },
  { name: 'myRegistrations', words: ['mina anmälningar', 'my registrations', 'anmälningar', 'registrations'], run: async (env) => reply(env, await mine(env)) },
];
