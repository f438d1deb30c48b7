import type { Container } from '@azure/cosmos';
import { SeatsSchema, type Seats } from '../../kernel/seats';
import { PresenceDocSchema, type PresenceDoc } from './records';

// Reads for the reports, each a single-partition query: the activity id is both in the WHERE
// clause (the embedded server reads only that partition then, see patches/) and the
// partitionKey option (Azure routes the query to one partition).

const PRESENCE =
  'SELECT c.sessionId, c.personKey, c.person.aadObjectId AS aadObjectId, c.person.name AS name, c.person.organizationId AS organizationId, c.person.email AS email, c.person.upn AS upn, c.minutes, c.present ' +
  "FROM c WHERE c.activityId = @a AND c.type = 'attendance'";
const SEATS = "SELECT * FROM c WHERE c.activityId = @a AND c.type = 'seats'";

export class ReportStore {
  constructor(private readonly activities: Container) {}

  /** Who was recorded at the activity's sessions: the fields the answer needs, not the meeting events. */
  async presence(activityId: string): Promise<PresenceDoc[]> {
    const { resources } = await this.activities.items.query({ query: PRESENCE, parameters: [{ name: '@a', value: activityId }] }, { partitionKey: activityId }).fetchAll();
    return resources.flatMap((r) => {
      const p = PresenceDocSchema.safeParse(r);
      return p.success ? [p.data] : [];
    });
  }

  async seats(activityId: string): Promise<Seats[]> {
    const { resources } = await this.activities.items.query({ query: SEATS, parameters: [{ name: '@a', value: activityId }] }, { partitionKey: activityId }).fetchAll();
    return resources.flatMap((r) => {
      const p = SeatsSchema.safeParse(r);
      return p.success ? [p.data] : [];
    });
  }
}
