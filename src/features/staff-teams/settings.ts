import { refused, Refusal, refusalOf } from '../refusal';
import type { Activity } from '../../kernel/activity';
import { isPreconditionFailed } from '../../platform/cosmos/errors';
import type { StaffTeamPorts } from './ports';
import { TeamSettingsFormSchema } from './schemas';

/**
 * Whether an activity takes teams (and their sizes), and which network it belongs to. The way to
 * register cannot change once anyone holds or waits for a place: the seat lists count in it.
 */
export async function saveTeamSettings(ports: StaffTeamPorts, raw: Record<string, unknown>): Promise<Activity> {
  const parsed = TeamSettingsFormSchema.safeParse(raw);
  if (!parsed.success) throw refusalOf(parsed.error);
  const form = parsed.data;
  if (form.networkId && !(await ports.groups.networks.get(form.networkId))) throw new Refusal('team_settingsErrNetwork');
  for (let attempt = 0; attempt < 5; attempt++) {
    const found = await ports.activities.get(form.activityId);
    if (!found) throw refused('notFound');
    const { team: oldTeam, networkId: _oldNetwork, ...rest } = found.doc;
    const team = form.mode === 'team' ? { minSize: form.minSize, maxSize: form.maxSize, ...(form.maxPeople ? { maxPeople: form.maxPeople } : {}) } : undefined;
    if (!!team !== !!oldTeam) {
      const taken = [...(await ports.activities.seatsOf(found.doc.id)).values()].some((s) => s.entries.length > 0);
      if (taken) throw new Refusal('team_settingsLocked');
    }
    const next: Activity = {
      ...rest,
      ...(team ? { team } : {}),
      ...(form.networkId ? { networkId: form.networkId } : {}),
      updatedAt: ports.now().toISOString(),
    };
    try {
      await ports.activities.replace(next, found.etag);
      ports.log.info({ activityId: next.id, team: !!team, networkId: form.networkId || null }, 'team and network settings saved');
      ports.events.emit('seatsChanged', { activityId: next.id });
      if (next.status === 'published') void ports.scheduler.planNow();
      return next;
    } catch (err) {
      if (!isPreconditionFailed(err)) throw err;
    }
  }
  throw refused('conflict');
}
