import type restify from 'restify';
import { z } from 'zod';
import { translator } from '../i18n';
import { mintExportToken, verifyExportToken } from '../reports/exportToken';
import type { PrivacyServices } from './service';
import { myDataCsv, myDataJson, myDataXlsx } from './myData';

// GET /privacy/mydata.{json,xlsx,csv}?t=…: a person's own data, behind the same signed,
// expiring, user-bound token as report exports. The token's question is this marker, so a
// report link cannot open someone's data and this link answers nothing in /reports.

export const MY_DATA_QUESTION = 'privacy:my-data';
const FORMATS = ['json', 'xlsx', 'csv'] as const;
export type MyDataFormat = (typeof FORMATS)[number];

const ParamsSchema = z.object({ file: z.enum(['mydata.json', 'mydata.xlsx', 'mydata.csv']) });
const QuerySchema = z.object({ t: z.string().min(1).max(4000) });

const CONTENT_TYPES: Record<MyDataFormat, string> = {
  json: 'application/json; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  csv: 'text/csv; charset=utf-8',
};

export function myDataPath(format: MyDataFormat, token: string): string {
  return `/privacy/mydata.${format}?t=${encodeURIComponent(token)}`;
}

export function myDataToken(secret: string, userId: string, lang: 'sv' | 'en', now: Date): string {
  return mintExportToken(secret, { u: userId, q: MY_DATA_QUESTION, l: lang }, now);
}

function refuse(res: restify.Response, status: number, text: string): void {
  res.writeHead(status, { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store' });
  res.end(text);
}

export function privacyRoutes(p: PrivacyServices) {
  return (server: restify.Server): void => {
    server.get('/privacy/:file', async (req, res) => {
      const params = ParamsSchema.safeParse(req.params);
      const q = QuerySchema.safeParse(Object.fromEntries(new URL(req.url ?? '', 'http://x').searchParams));
      if (!params.success || !q.success) return refuse(res, 400, translator('sv')('rep_link_invalid'));
      const checked = verifyExportToken(p.linkSecret, q.data.t, p.now());
      if (!checked.ok) {
        p.log.info({ reason: checked.reason }, 'my-data link refused');
        return refuse(res, checked.reason === 'expired' ? 410 : 403, translator(checked.lang ?? 'sv')(checked.reason === 'expired' ? 'rep_link_expired' : 'rep_link_invalid'));
      }
      const claims = checked.claims;
      const t = translator(claims.l);
      if (claims.q !== MY_DATA_QUESTION) return refuse(res, 403, t('rep_link_invalid'));
      const person = await p.directory.person(claims.u);
      if (!person) return refuse(res, 403, t('rep_link_forbidden'));
      const data = await p.myData(claims.u);
      const format = FORMATS.find((f) => params.data.file === `mydata.${f}`) ?? 'json';
      const heading = (key: Parameters<typeof myDataCsv>[0]['sections'][number]['key']) => t(`priv_sec_${key}`);
      const body = format === 'json' ? myDataJson(data) : format === 'csv' ? myDataCsv(data, heading) : await myDataXlsx(data, heading);
      p.log.info({ user: claims.u, format }, 'my data exported');
      res.writeHead(200, {
        'content-type': CONTENT_TYPES[format],
        'content-disposition': `attachment; filename="traffpunkt-mina-uppgifter.${format}"`,
        'cache-control': 'no-store',
        'x-content-type-options': 'nosniff',
      });
      res.end(body);
    });
  };
}
