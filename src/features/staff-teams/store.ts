import type { Container } from '@azure/cosmos';
import { createHash } from 'node:crypto';
import { fold } from '../../kernel/text';
import { parseAll, readDoc, type Versioned } from '../../platform/cosmos/docs';
import { isConflict, isPreconditionFailed } from '../../platform/cosmos/errors';
import { TeamDocSchema, type TeamDoc } from './schemas';

/** Deterministic per activity, organisation and name: a double submit finds the team it made. */
export function teamIdFor(activityId: string, organizationId: string, name: string): string {
  return createHash('sha256')
    .update(`${activityId}|${organizationId}|${fold(name)}`)
    .digest('hex')
    .slice(0, 16);
}

const docId = (teamId: string) => `team-${teamId}`;

/** Teams of an activity, in the activity's partition (the `activities` container). */
export class TeamRepository {
  constructor(private readonly container: Container) {}

  async get(activityId: string, teamId: string): Promise<Versioned<TeamDoc> | null> {
    return readDoc(this.container, docId(teamId), activityId, TeamDocSchema);
  }

  /** Creates the team; false when a team with this id exists (the caller reads it). */
  async create(team: TeamDoc): Promise<boolean> {
    try {
      await this.container.items.create({ ...team, id: docId(team.teamId) });
      return true;
    } catch (err) {
      if (isConflict(err)) return false;
      throw err;
    }
  }

  /** Read-modify-write under If-Match, retried on a lost race. Null when the team is gone. */
  async update(activityId: string, teamId: string, change: (t: TeamDoc) => TeamDoc): Promise<TeamDoc | null> {
    for (let attempt = 0; attempt < 10; attempt++) {
      const current = await this.get(activityId, teamId);
      if (!current) return null;
      const next = TeamDocSchema.parse(change(current.doc));
      try {
        await this.container.item(docId(teamId), activityId).replace(next, { accessCondition: { type: 'IfMatch', condition: current.etag } });
        return next;
      } catch (err) {
        if (!isPreconditionFailed(err)) throw err;
      }
    }
    throw new Error('team update kept conflicting');
  }

  /** Every team of one activity; a single-partition query. */
  async ofActivity(activityId: string): Promise<TeamDoc[]> {
    const { resources } = await this.container.items.query({ query: "SELECT * FROM c WHERE c.activityId = @a AND c.type = 'team'", parameters: [{ name: '@a', value: activityId }] }).fetchAll();
    return parseAll(resources, TeamDocSchema);
  }

  /** Teams anywhere with this person as principal (for merging duplicate people). */
  async withPrincipal(userId: string): Promise<TeamDoc[]> {
    const { resources } = await this.container.items.query({ query: "SELECT * FROM c WHERE c.type = 'team' AND c.principalId = @u", parameters: [{ name: '@u', value: userId }] }).fetchAll();
    return parseAll(resources, TeamDocSchema);
  }
}
