import type restify from 'restify';
import { z } from 'zod';
import type { Person } from '../../kernel/people';
import type { Lang } from '../i18n';
import { viewerOf, type RoleRepository } from '../roles';
import { answer, type ReportDeps } from './answer';
import { toCsv, toXlsx } from './exportFiles';
import { tokenUseId, verifyExportToken } from './exportToken';
import { refuseLink } from './linkPage';
import type { LinkUses } from './linkUses';

// GET /reports/export.xlsx?t=… and /reports/export.csv?t=…: the file behind an export link.
// The token (exportToken.ts) names the user; the answer is computed again for that user with
// their roles now, so a link outlives neither its 15 minutes nor the user's rights. It opens
// once: the download is recorded under the token's id (linkUses.ts) before the file goes out,
// and a second request, on this instance or another, gets 410 and a page saying so.

const ParamsSchema = z.object({ file: z.enum(['export.xlsx', 'export.csv']) });
const QuerySchema = z.object({ t: z.string().min(1).max(4000) });

export const exportPath = (format: 'xlsx' | 'csv', token: string) => `/reports/export.${format}?t=${encodeURIComponent(token)}`;

export interface ExportRouteDeps {
  deps: ReportDeps;
  roles: Pick<RoleRepository, 'managerGrant'>;
  person(aadObjectId: string): Promise<Person | null>;
  uses: Pick<LinkUses, 'used' | 'consume'>;
  linkSecret: string;
  allowedTenants: readonly string[];
  now(): Date;
  log: { info(obj: object, msg: string): void };
}

const CONTENT_TYPES = {
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  csv: 'text/csv; charset=utf-8',
};

export function exportRoute(d: ExportRouteDeps) {
  return (server: restify.Server): void => {
    server.get('/reports/:file', async (req, res) => {
      const params = ParamsSchema.safeParse(req.params);
      const query = QuerySchema.safeParse(Object.fromEntries(new URL(req.url ?? '', 'http://x').searchParams));
      if (!params.success || !query.success) return refuseLink(res, 400, 'rep_link_invalid');
      const checked = verifyExportToken(d.linkSecret, query.data.t, d.now());
      if (!checked.ok) {
        d.log.info({ reason: checked.reason }, 'export link refused');
        return refuseLink(res, checked.reason === 'expired' ? 410 : 403, checked.reason === 'expired' ? 'rep_link_expired' : 'rep_link_invalid');
      }
      const claims = checked.claims;
      const format = params.data.file === 'export.xlsx' ? 'xlsx' : 'csv';
      if (claims.f && claims.f !== format) return refuseLink(res, 403, 'rep_link_invalid');
      const useId = tokenUseId(claims);
      if (await d.uses.used(useId)) {
        d.log.info({ user: claims.u, reason: 'used' }, 'export link refused');
        return refuseLink(res, 410, 'rep_link_used');
      }
      const lang: Lang = claims.l;
      const person = await d.person(claims.u);
      const tenantOk = d.allowedTenants.length === 0 || (!!person?.tenantId && d.allowedTenants.includes(person.tenantId));
      if (!person || !tenantOk) {
        d.log.info({ user: claims.u }, 'export link refused: user unknown or tenant not allowed');
        return refuseLink(res, 403, 'rep_link_forbidden');
      }
      const viewer = await viewerOf(d.roles, claims.u, person);
      const result = await answer(d.deps, viewer, { text: claims.q, activityId: claims.a, series: claims.s, lang, forExport: true });
      if (result.kind === 'message') return refuseLink(res, 403, [{ lang, text: result.text }]);
      if (result.kind !== 'report') return refuseLink(res, 409, 'rep_link_choose');
      const body = format === 'xlsx' ? await toXlsx(result.report, d.now(), lang) : toCsv(result.report);
      // Recorded only once the file is ready, so a failure on the way does not spend the link.
      if ((await d.uses.consume(useId, { expiresAt: claims.e, now: d.now() })) === 'again') {
        d.log.info({ user: claims.u, reason: 'used' }, 'export link refused');
        return refuseLink(res, 410, 'rep_link_used');
      }
      d.log.info({ user: claims.u, format }, 'export downloaded');
      const name = `traffpunkt-${result.report.fileStem}.${format}`;
      res.writeHead(200, {
        'content-type': CONTENT_TYPES[format],
        'content-disposition': `attachment; filename="${name}"`,
        'cache-control': 'no-store',
        'x-content-type-options': 'nosniff',
        'referrer-policy': 'no-referrer',
      });
      res.end(body);
    });
  };
}
