import type restify from 'restify';
import { z } from 'zod';
import { translator } from '../i18n';
import { mintExportToken, refuseLink, tokenUseId, verifyExportToken } from '../reports';
import type { PrivacyServices } from './service';
import { myDataCsv, myDataJson, myDataXlsx } from './myData';

// GET /privacy/mydata.{json,xlsx,csv}?t=…: a person's own data, behind the same signed,
// expiring, single-use token as report exports, one token per format. The token's question is
// this marker, so a report link cannot open someone's data and this link answers nothing in
// /reports (its format, json/xlsx/csv, is bound too).

const MY_DATA_QUESTION = 'privacy:my-data';
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

/** A link to one format of the person's own data; each opens once. */
export function myDataToken(secret: string, input: { userId: string; lang: 'sv' | 'en'; format: MyDataFormat }, now: Date): string {
  return mintExportToken(secret, { u: input.userId, q: MY_DATA_QUESTION, l: input.lang, f: input.format }, now);
}

export function privacyRoutes(p: PrivacyServices) {
  return (server: restify.Server): void => {
    server.get('/privacy/:file', async (req, res) => {
      const params = ParamsSchema.safeParse(req.params);
      const q = QuerySchema.safeParse(Object.fromEntries(new URL(req.url ?? '', 'http://x').searchParams));
      if (!params.success || !q.success) return refuseLink(res, 400, 'rep_link_invalid');
      const checked = verifyExportToken(p.linkSecret, q.data.t, p.now());
      if (!checked.ok) {
        p.log.info({ reason: checked.reason }, 'my-data link refused');
        return refuseLink(res, checked.reason === 'expired' ? 410 : 403, checked.reason === 'expired' ? 'rep_link_expired' : 'rep_link_invalid');
      }
      const claims = checked.claims;
      const format = FORMATS.find((f) => params.data.file === `mydata.${f}`) ?? 'json';
      if (claims.q !== MY_DATA_QUESTION || (claims.f && claims.f !== format)) return refuseLink(res, 403, 'rep_link_invalid');
      const useId = tokenUseId(claims);
      if (await p.linkUses.used(useId)) {
        p.log.info({ user: claims.u, reason: 'used' }, 'my-data link refused');
        return refuseLink(res, 410, 'rep_link_used');
      }
      const t = translator(claims.l);
      const person = await p.directory.person(claims.u);
      if (!person) return refuseLink(res, 403, 'rep_link_forbidden');
      const data = await p.myData(claims.u);
      const heading = (key: Parameters<typeof myDataCsv>[0]['sections'][number]['key']) => t(`priv_sec_${key}`);
      const body = format === 'json' ? myDataJson(data) : format === 'csv' ? myDataCsv(data, heading) : await myDataXlsx(data, heading);
      // Recorded only once the file is ready, so a failure on the way does not spend the link.
      if ((await p.linkUses.consume(useId, { expiresAt: claims.e, now: p.now() })) === 'again') {
        p.log.info({ user: claims.u, reason: 'used' }, 'my-data link refused');
        return refuseLink(res, 410, 'rep_link_used');
      }
      p.log.info({ user: claims.u, format }, 'my data exported');
      res.writeHead(200, {
        'content-type': CONTENT_TYPES[format],
        'content-disposition': `attachment; filename="traffpunkt-mina-uppgifter.${format}"`,
        'cache-control': 'no-store',
        'x-content-type-options': 'nosniff',
        'referrer-policy': 'no-referrer',
      });
      res.end(body);
    });
  };
}
