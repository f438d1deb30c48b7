import { Refusal } from '../refusal';
// Everything a team or on-behalf form says, checked before anything is written.
import type { EventTurn } from '../../platform/teams/turn';
import type { Activity } from '../../kernel/activity';
import type { Seats } from '../../kernel/seats';
import type { StaffTeamPorts } from './ports';
import { mayRegisterFrom, type Registrar } from './managers';
import { distinctPeople, resolvePicked, resolveTyped, type ResolvedPerson } from './people';
import { fromOtherOrganization, parseTypedPeople, pickerIds } from './rules';

const MAX_PICKED = 100;

/** The people named by a picker value and typed lines, deduplicated (same Teams user, same e-mail). */
export async function peopleFromForm(ports: StaffTeamPorts, turn: Pick<EventTurn, 'conversation' | 'member'>, input: { picked: string; typed: string; maxTyped?: number }): Promise<ResolvedPerson[]> {
  const ids = pickerIds(input.picked);
  if (!ids) throw new Refusal('team_errPicker');
  // Looked up one by one (perhaps in Teams): more than any team holds is refused before that.
  if (ids.length > MAX_PICKED) throw new Refusal('team_errTooManyLines', { max: MAX_PICKED });
  const typed = parseTypedPeople(input.typed, input.maxTyped);
  if (!typed.ok) throw 'badLine' in typed ? new Refusal('team_errEmail', { line: typed.badLine }) : new Refusal('team_errTooManyLines', { max: typed.tooMany });
  return distinctPeople([...(await resolvePicked(ports, turn, ids)), ...(await resolveTyped(ports, typed.people))]);
}

/** The organisation exists and the registrar may register people from it; so may they the people named. */
export async function checkOrganization(ports: StaffTeamPorts, registrar: Registrar, organizationId: string, people: readonly ResolvedPerson[]): Promise<void> {
  const orgs = await ports.directory.organizations();
  if (!orgs.some((o) => o.id === organizationId)) throw new Refusal('team_errOrganizationMissing');
  if (!mayRegisterFrom(registrar, organizationId)) throw new Refusal('team_errOrganization');
  if (registrar.coordinator) return;
  const others = fromOtherOrganization(people, organizationId);
  if (others.length > 0) throw new Refusal('team_errOtherOrganization', { n: others.length });
}

/**
 * People who already hold (or wait for) a place in any seat list of the activity: in another
 * team, or on their own. Members of `ownTeamId` are fine.
 */
export function placeConflicts(seatLists: Iterable<Seats>, userIds: readonly string[], ownTeamId?: string): { inOtherTeam: number; onTheirOwn: number } {
  const inOtherTeam = new Set<string>();
  const onTheirOwn = new Set<string>();
  for (const seats of seatLists) {
    for (const e of seats.entries) {
      if (!userIds.includes(e.userId) || (ownTeamId && e.teamId === ownTeamId)) continue;
      (e.teamId ? inOtherTeam : onTheirOwn).add(e.userId);
    }
  }
  return { inOtherTeam: inOtherTeam.size, onTheirOwn: onTheirOwn.size };
}

export async function refuseConflicts(ports: StaffTeamPorts, activity: Activity, userIds: readonly string[], ownTeamId?: string): Promise<void> {
  const { inOtherTeam, onTheirOwn } = placeConflicts((await ports.activities.seatsOf(activity.id)).values(), userIds, ownTeamId);
  if (inOtherTeam > 0) throw new Refusal('team_errInOtherTeam', { n: inOtherTeam });
  if (onTheirOwn > 0) throw new Refusal('team_errAlreadyRegistered', { n: onTheirOwn });
}
