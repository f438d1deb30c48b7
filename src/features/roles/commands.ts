import { reply } from '../../platform/teams/router';
import { fold, matchByName } from '../../kernel/text';
import type { Organization } from '../../kernel/people';
import { translator } from '../i18n';
import { plain } from '../../kernel/wellFormed';
import type { RoleTurn } from './ports';
import type { CommandSpec } from '../../platform/teams/actionTypes';
import { aadIdOf, mentionsIn, withoutMentionNames, type Mentioned } from './mentions';

// Coordinators give and take the coordinator and manager roles by @mentioning people:
// "lägg till samordnare @Åsa", "lägg till chef @Björn Ånge", "ta bort chef @Björn", "roller".

const nameOf = (m: Mentioned) => `"${plain((m.name ?? '').slice(0, 100))}"`;

/** The mentioned people with their object ids; those the bot cannot identify are named back. */
async function mentioned(turn: RoleTurn): Promise<{ found: { id: string; m: Mentioned }[]; unknown: Mentioned[] } | null> {
  const mentions = mentionsIn(turn);
  if (mentions.length === 0) return null;
  const roles = turn.ports.reports.roles;
  const found: { id: string; m: Mentioned }[] = [];
  const unknown: Mentioned[] = [];
  for (const m of mentions.slice(0, 20)) {
    const id = await aadIdOf(turn, roles, m, turn.ports.log);
    if (id) found.push({ id, m });
    else unknown.push(m);
  }
  return { found, unknown };
}

async function withMentions(turn: RoleTurn, run: (found: { id: string; m: Mentioned }[]) => Promise<string[]>): Promise<void> {
  const t = translator(turn.actor.lang);
  const who = await mentioned(turn);
  if (!who) return reply(turn, t('roles_err_mention'));
  const lines = await run(who.found);
  if (who.unknown.length > 0) lines.push(t('roles_err_unknownPerson', { names: who.unknown.map(nameOf).join(', ') }));
  return reply(turn, lines.join('\n\n'));
}

async function setCoordinator(turn: RoleTurn, on: boolean): Promise<void> {
  const t = translator(turn.actor.lang);
  const roles = turn.ports.reports.roles;
  return withMentions(turn, async (found) => {
    const lines: string[] = [];
    for (const { id, m } of found) {
      if (!on && turn.ports.config.COORDINATORS.includes(id)) {
        lines.push(t('roles_err_configured', { name: nameOf(m) }));
        continue;
      }
      if (!on) {
        const others = (await turn.ports.directory.withRole('coordinator')).filter((p) => p.aadObjectId !== id);
        if (others.length === 0) {
          lines.push(t('roles_err_lastCoordinator'));
          continue;
        }
      }
      await roles.setCoordinator(id, on);
      turn.ports.log.info({ by: turn.actor.aadObjectId, target: id, role: 'coordinator', on }, 'role changed');
      lines.push(t(on ? 'roles_coordinatorAdded' : 'roles_coordinatorRemoved', { name: nameOf(m) }));
    }
    return lines;
  });
}

/** The organisation at the end of "chef @namn <organisation>": by id, name, or part of a name. */
function organizationNamed(text: string, orgs: readonly Organization[]): Organization | 'none' | Organization[] {
  const q = fold(text);
  if (!q) return 'none';
  const byId = orgs.filter((o) => o.id === q);
  const found = byId.length === 1 ? byId : matchByName(text, orgs, (o) => o.name);
  if (found.length === 1 && found[0]) return found[0];
  return found.length === 0 ? 'none' : found;
}

async function addManager(turn: RoleTurn, argument: string): Promise<void> {
  const t = translator(turn.actor.lang);
  const roles = turn.ports.reports.roles;
  const mentions = mentionsIn(turn);
  if (mentions.length !== 1) return reply(turn, t(mentions.length === 0 ? 'roles_err_mention' : 'roles_err_oneManager'));
  const orgs = await turn.ports.directory.organizations();
  const org = organizationNamed(withoutMentionNames(argument, mentions), orgs);
  if (org === 'none') return reply(turn, t('roles_err_orgNone'));
  if (Array.isArray(org))
    return reply(
      turn,
      t('roles_err_orgMany', {
        names: org
          .slice(0, 8)
          .map((o) => o.name)
          .join(', '),
      }),
    );
  return withMentions(turn, async (found) => {
    const lines: string[] = [];
    for (const { id, m } of found) {
      await roles.setManager(id, org.id, turn.actor.aadObjectId, turn.ports.now());
      turn.ports.log.info({ by: turn.actor.aadObjectId, target: id, role: 'manager', organizationId: org.id }, 'role changed');
      lines.push(t('roles_managerAdded', { name: nameOf(m), org: plain(org.name) }));
    }
    return lines;
  });
}

async function removeManager(turn: RoleTurn): Promise<void> {
  const t = translator(turn.actor.lang);
  const roles = turn.ports.reports.roles;
  return withMentions(turn, async (found) => {
    const lines: string[] = [];
    for (const { id, m } of found) {
      await roles.removeManager(id);
      turn.ports.log.info({ by: turn.actor.aadObjectId, target: id, role: 'manager', on: false }, 'role changed');
      lines.push(t('roles_managerRemoved', { name: nameOf(m) }));
    }
    return lines;
  });
}

/** Coordinators and managers, with the organisation each manager sees. */
async function listRoles(turn: RoleTurn): Promise<void> {
  const t = translator(turn.actor.lang);
  const lang = turn.actor.lang;
  const roles = turn.ports.reports.roles;
  const [coordinators, managers, orgs] = await Promise.all([turn.ports.directory.withRole('coordinator'), turn.ports.directory.withRole('manager'), turn.ports.directory.organizations()]);
  const orgName = new Map(orgs.map((o) => [o.id, o.name]));
  const grants = await Promise.all(managers.map((m) => roles.managerGrant(m.aadObjectId)));
  const rows = [
    ...coordinators.map((p) => [p.name ?? '', t('roles_coordinator'), '']),
    ...managers.map((p, i) => [p.name ?? '', t('roles_manager'), orgName.get(grants[i]?.organizationId ?? '') ?? t('roles_noGrant')]),
  ];
  const card = turn.ports.presentReport({
    report: {
      heading: t('roles_heading'),
      title: '',
      subtitle: '',
      facts: [],
      notes: [t('roles_howTo')],
      figures: [
        {
          id: 'roles',
          title: t('roles_heading'),
          columns: [
            { label: t('rep_colName'), kind: 'text', user: true, width: 3 },
            { label: t('roles_colRole'), kind: 'text', width: 2 },
            { label: t('rep_colOrganization'), kind: 'text', width: 3 },
          ],
          rows,
        },
      ],
      fileStem: 'roller',
    },
    t,
    lang,
    base: { q: 'roller' },
    page: 0,
    exportable: false,
  });
  await turn.send(card);
}

export const roleCommands: CommandSpec<RoleTurn>[] = [
  {
    name: 'roles.addCoordinator',
    words: ['lägg till samordnare', 'add coordinator', 'gör till samordnare', 'make coordinator'],
    takesArgument: true,
    coordinatorOnly: true,
    run: (turn) => setCoordinator(turn, true),
  },
  { name: 'roles.removeCoordinator', words: ['ta bort samordnare', 'remove coordinator'], takesArgument: true, coordinatorOnly: true, run: (turn) => setCoordinator(turn, false) },
  { name: 'roles.addManager', words: ['lägg till chef', 'add manager', 'gör till chef', 'make manager'], takesArgument: true, coordinatorOnly: true, run: (turn, arg) => addManager(turn, arg) },
  { name: 'roles.removeManager', words: ['ta bort chef', 'remove manager'], takesArgument: true, coordinatorOnly: true, run: (turn) => removeManager(turn) },
  { name: 'roles.list', words: ['roller', 'roles'], coordinatorOnly: true, run: (turn) => listRoles(turn) },
];
