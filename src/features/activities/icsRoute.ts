import { ActivityIdSchema } from '../../kernel/activity';
import type restify from 'restify';
import { z } from 'zod';
import { sessionIcs } from './ics';
import { icsPath } from './ics';
import type { ActivityRepository } from './store';
import { verify } from '../../kernel/signedLink';

const ParamsSchema = z.object({
  activityId: ActivityIdSchema,
  file: z.string().regex(/^s[0-9]{1,3}\.ics$/),
});
const QuerySchema = z.object({ sig: z.string().min(10).max(100) });

/**
 * GET /ics/<activity>/<session>.ics?sig=… — a calendar file for a reminder's "add to calendar"
 * button. Unlike export links these are long-lived and reusable on purpose: the signature
 * covers the path only, the file holds no one's personal data (title, time, Teams link), and
 * opening it again after a move or cancel gives the update (SEQUENCE, scheduler/ics.ts).
 */
export function icsRoute(deps: { activities: ActivityRepository; linkSecret: string; now: () => Date }) {
  return (server: restify.Server): void => {
    server.get('/ics/:activityId/:file', async (req, res) => {
      const params = ParamsSchema.safeParse(req.params);
      const query = QuerySchema.safeParse(Object.fromEntries(new URL(req.url ?? '', 'http://x').searchParams));
      if (!params.success || !query.success) {
        res.send(400, { error: 'bad request' });
        return;
      }
      const sessionId = params.data.file.replace(/\.ics$/, '');
      if (!verify(deps.linkSecret, icsPath(params.data.activityId, sessionId), query.data.sig)) {
        res.send(403, { error: 'forbidden' });
        return;
      }
      const found = await deps.activities.get(params.data.activityId);
      const session = found?.doc.sessions.find((s) => s.id === sessionId);
      if (!found || !session) {
        res.send(404, { error: 'not found' });
        return;
      }
      const body = sessionIcs(found.doc, session, deps.now());
      res.writeHead(200, {
        'content-type': 'text/calendar; charset=utf-8',
        'content-disposition': `attachment; filename="traffpunkt-${sessionId}.ics"`,
        'cache-control': 'no-store',
      });
      res.end(body);
    });
  };
}
