import type restify from 'restify';
import { z } from 'zod';
import type { Person } from '../domain/people';
import { translator, type Lang } from '../i18n';
import { viewerOf } from '../roles/viewer';
import type { RoleRepository } from '../roles/grants';
import { answer, type ReportDeps } from './answer';
import { toCsv, toXlsx } from './exportFiles';
import { verifyExportToken } from './exportToken';

// GET /reports/export.xlsx?t=… and /reports/export.csv?t=…: the file behind an export link.
// The token (exportToken.ts) names the user; the answer is computed again for that user with
// their roles now, so a link outlives neither its 15 minutes nor the user's rights.

const ParamsSchema = z.object({ file: z.enum(['export.xlsx', 'export.csv']) });
const QuerySchema = z.object({ t: z.string().min(1).max(4000) });

export const exportPath = (format: 'xlsx' | 'csv', token: string) => `/reports/export.${format}?t=${encodeURIComponent(token)}`;

export interface ExportRouteDeps {
  deps: ReportDeps;
  roles: Pick<RoleRepository, 'managerGrant'>;
  person(aadObjectId: string): Promise<Person | null>;
  linkSecret: string;
  allowedTenants: readonly string[];
  now(): Date;
  log: { info(obj: object, msg: string): void };
}

const CONTENT_TYPES = {
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  csv: 'text/csv; charset=utf-8',
};

function refuse(res: restify.Response, status: number, text: string): void {
  res.writeHead(status, { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store' });
  res.end(text);
}

/** A refusal in the token's language, or in both when the token cannot be read. */
const both = (key: 'rep_link_invalid') => `${translator('sv')(key)}\n\n${translator('en')(key)}`;

export function exportRoute(d: ExportRouteDeps) {
  return (server: restify.Server): void => {
    server.get('/reports/:file', async (req, res) => {
      const params = ParamsSchema.safeParse(req.params);
      const query = QuerySchema.safeParse(Object.fromEntries(new URL(req.url ?? '', 'http://x').searchParams));
      if (!params.success || !query.success) return refuse(res, 400, both('rep_link_invalid'));
      const checked = verifyExportToken(d.linkSecret, query.data.t, d.now());
      if (!checked.ok) {
        d.log.info({ reason: checked.reason }, 'export link refused');
        if (checked.reason === 'expired') return refuse(res, 410, translator(checked.lang ?? 'sv')('rep_link_expired'));
        return refuse(res, 403, both('rep_link_invalid'));
      }
      const claims = checked.claims;
      const lang: Lang = claims.l;
      const t = translator(lang);
      const person = await d.person(claims.u);
      const tenantOk = d.allowedTenants.length === 0 || (!!person?.tenantId && d.allowedTenants.includes(person.tenantId));
      if (!person || !tenantOk) {
        d.log.info({ user: claims.u }, 'export link refused: user unknown or tenant not allowed');
        return refuse(res, 403, t('rep_link_forbidden'));
      }
      const viewer = await viewerOf(d.roles, claims.u, person);
      const result = await answer(d.deps, viewer, { text: claims.q, activityId: claims.a, series: claims.s, lang, forExport: true });
      if (result.kind !== 'report') return refuse(res, result.kind === 'message' ? 403 : 409, result.kind === 'message' ? result.text : t('rep_link_choose'));
      const format = params.data.file === 'export.xlsx' ? 'xlsx' : 'csv';
      const body = format === 'xlsx' ? await toXlsx(result.report, d.now()) : toCsv(result.report);
      const name = `traffpunkt-${result.report.fileStem}.${format}`;
      res.writeHead(200, {
        'content-type': CONTENT_TYPES[format],
        'content-disposition': `attachment; filename="${name}"`,
        'cache-control': 'no-store',
        'x-content-type-options': 'nosniff',
      });
      res.end(body);
    });
  };
}
