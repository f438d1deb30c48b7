import { refused } from '../refusal';
import type { Activity } from '../../kernel/activity';
import { isPreconditionFailed } from '../../platform/cosmos/errors';
import type { ActivityPorts } from './ports';

/** Marks the activity published (idempotent); posting the card is the Teams layer's job. */
export async function publishActivity(ports: Pick<ActivityPorts, 'activities' | 'now' | 'log' | 'scheduler'>, activityId: string): Promise<Activity> {
  for (let attempt = 0; attempt < 5; attempt++) {
    const found = await ports.activities.get(activityId);
    if (!found) throw refused('notFound');
    if (found.doc.status === 'published') return found.doc;
    if (found.doc.status === 'cancelled') throw refused('notPublished');
    const now = ports.now().toISOString();
    const next: Activity = { ...found.doc, status: 'published', publishedAt: now, updatedAt: now };
    try {
      await ports.activities.replace(next, found.etag);
      ports.log.info({ activityId }, 'activity published');
      void ports.scheduler.planNow();
      return next;
    } catch (err) {
      if (!isPreconditionFailed(err)) throw err;
    }
  }
  throw refused('conflict');
}
