import { refused } from '../refusal';
import type { Activity } from '../../kernel/activity';
import { isPreconditionFailed } from '../../platform/cosmos/errors';
import type { Services } from '../../services';

/** Marks the activity published (idempotent); posting the card is the Teams layer's job. */
export async function publishActivity(svc: Services, activityId: string): Promise<Activity> {
  for (let attempt = 0; attempt < 5; attempt++) {
    const found = await svc.activities.get(activityId);
    if (!found) throw refused('notFound');
    if (found.doc.status === 'published') return found.doc;
    if (found.doc.status === 'cancelled') throw refused('notPublished');
    const now = svc.now().toISOString();
    const next: Activity = { ...found.doc, status: 'published', publishedAt: now, updatedAt: now };
    try {
      await svc.activities.replace(next, found.etag);
      svc.log.info({ activityId }, 'activity published');
      void svc.scheduler.planNow();
      return next;
    } catch (err) {
      if (!isPreconditionFailed(err)) throw err;
    }
  }
  throw refused('conflict');
}
