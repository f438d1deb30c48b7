import type { Unparsed } from '../../platform/cosmos/docs';
import type { Container } from '@azure/cosmos';
import { z } from 'zod';
import { ActivitySchema, seatScopes, type Activity } from '../../kernel/activity';
import { SeatsSchema, seatsId, type Seats } from '../../kernel/seats';
import { readDoc, type Versioned } from '../../platform/cosmos/docs';
import { isNotFound } from '../../platform/cosmos/errors';

const PostingSchema = z.object({
  id: z.string(),
  activityId: z.string(),
  type: z.literal('posting'),
  conversationId: z.string(),
  messageId: z.string(),
  serviceUrl: z.string(),
  tenantId: z.string().optional(),
  conversationType: z.string().optional(),
  // The language the card was posted in; updates keep it.
  lang: z.enum(['sv', 'en']).default('sv'),
  postedBy: z.string(),
  postedAt: z.string(),
});
export type Posting = z.infer<typeof PostingSchema>;

export type { Versioned } from '../../platform/cosmos/docs';

/** Activities, their seat lists and invitation postings: one logical partition per activity. */
export class ActivityRepository {
  constructor(private readonly container: Container) {}

  async get(activityId: string): Promise<Versioned<Activity> | null> {
    return readDoc(this.container, activityId, activityId, ActivitySchema);
  }

  async create(activity: Activity): Promise<void> {
    await this.container.items.create(activity);
  }

  /** Replaces only if nobody changed it since it was read (412 otherwise). */
  async replace(activity: Activity, etag: string): Promise<void> {
    await this.container.item(activity.id, activity.activityId).replace(activity, { accessCondition: { type: 'IfMatch', condition: etag } });
  }

  async list(filter: { status?: Activity['status']; createdBy?: string } = {}): Promise<Activity[]> {
    const where = ["c.type = 'activity'"];
    const parameters: { name: string; value: string }[] = [];
    if (filter.status) {
      where.push('c.status = @status');
      parameters.push({ name: '@status', value: filter.status });
    }
    if (filter.createdBy) {
      where.push('c.createdBy = @createdBy');
      parameters.push({ name: '@createdBy', value: filter.createdBy });
    }
    const { resources } = await this.container.items.query({ query: `SELECT * FROM c WHERE ${where.join(' AND ')}`, parameters }).fetchAll();
    return resources.flatMap((r) => {
      const p = ActivitySchema.safeParse(r);
      return p.success ? [p.data] : [];
    });
  }

  async getSeats(activityId: string, seatsId: string): Promise<Versioned<Seats> | null> {
    try {
      const { resource, etag } = await this.container.item(seatsId, activityId).read<Unparsed>();
      return resource ? { doc: SeatsSchema.parse(resource), etag } : null;
    } catch (err) {
      if (isNotFound(err)) return null;
      throw err;
    }
  }

  async createSeats(seats: Seats): Promise<string> {
    const { etag } = await this.container.items.create(seats);
    return etag;
  }

  async replaceSeats(seats: Seats, etag: string): Promise<string> {
    const res = await this.container.item(seats.id, seats.activityId).replace(seats, { accessCondition: { type: 'IfMatch', condition: etag } });
    return res.etag;
  }

  /**
   * The seat lists of an activity by point reads of their known ids: cheaper than a query on
   * Azure (1 RU per KB) and on the embedded server (no query plan round trip).
   */
  async seatLists(activity: Activity): Promise<Map<string, Seats>> {
    const out = new Map<string, Seats>();
    await Promise.all(
      seatScopes(activity).map(async (scope) => {
        const found = await this.getSeats(activity.id, seatsId(scope));
        if (found) out.set(scope, found.doc);
      }),
    );
    return out;
  }

  /** All seat lists of one activity; a single-partition query (the key is in the WHERE clause). */
  async seatsOf(activityId: string): Promise<Map<string, Seats>> {
    const { resources } = await this.container.items
      .query({
        query: "SELECT * FROM c WHERE c.activityId = @a AND c.type = 'seats'",
        parameters: [{ name: '@a', value: activityId }],
      })
      .fetchAll();
    return new Map(resources.map((r) => SeatsSchema.parse(r)).map((s) => [s.scope, s]));
  }

  /** Seat lists anywhere that hold this user, registered or waiting. */
  async seatsWithUser(userId: string): Promise<Seats[]> {
    const { resources } = await this.container.items
      .query({
        query: "SELECT * FROM c WHERE c.type = 'seats' AND ARRAY_CONTAINS(c.userIds, @u)",
        parameters: [{ name: '@u', value: userId }],
      })
      .fetchAll();
    return resources.map((r) => SeatsSchema.parse(r));
  }

  async addPosting(posting: Posting): Promise<void> {
    await this.container.items.upsert(posting);
  }

  async postingsOf(activityId: string): Promise<Posting[]> {
    const { resources } = await this.container.items
      .query({
        query: "SELECT * FROM c WHERE c.activityId = @a AND c.type = 'posting'",
        parameters: [{ name: '@a', value: activityId }],
      })
      .fetchAll();
    return resources.map((r) => PostingSchema.parse(r));
  }
}
