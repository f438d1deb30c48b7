import { Refusal, type RefusalCode } from '../../refusal';
import type restify from 'restify';
import { z } from 'zod';
import { ScopeIdSchema, cancel } from '../../registration';
import { ActivityIdSchema } from '../../../kernel/activity';
import { exportPath, mintExportToken } from '../../reports';
import { viewerOf, type Viewer } from '../../roles';
import type { Actor } from '../../../kernel/actor';
import type { TabPorts } from './ports';
import type { DevPerson, Lang, Me, TabConfig } from './contract';
import type { Caller, Identify } from './identity';
import { myPage } from './mine';
import { overview } from './overview';
import { uploadReport } from './upload';

// The tab's API under /api/tab/: every request names its user by an Entra ID token (or, in
// local anonymous mode only, a development identity), and every input is parsed here.

const LangSchema = z.enum(['sv', 'en']);
const LangQuery = z.object({ lang: LangSchema.optional() });
const OverviewQuery = z.object({
  lang: LangSchema.optional(),
  term: z
    .string()
    .regex(/^(vt|ht)\d{2}$/)
    .optional(),
});
const CancelBody = z.object({ activityId: ActivityIdSchema, sessionId: ScopeIdSchema });
const ExportBody = z.object({
  activityId: ActivityIdSchema,
  report: z.enum(['stats', 'registered', 'attended']),
  format: z.enum(['xlsx', 'csv']),
  lang: LangSchema.optional(),
});
const UploadQuery = z.object({
  lang: LangSchema.optional(),
  activityId: ActivityIdSchema.optional(),
  session: z.coerce.number().int().min(1).max(999).optional(),
});

/** The question an export link asks; the quotes keep a title ending in a year or a date from being read as a period or a session. */
const QUESTION: Record<z.infer<typeof ExportBody>['report'], string> = { stats: 'statistik', registered: 'vilka är anmälda till', attended: 'vilka deltog i' };

const STATUS: Partial<Record<RefusalCode, number>> = { notFound: 404, forbidden: 403, notRegistered: 409, sessionStarted: 409, conflict: 409, invalidInput: 400 };

function query(req: restify.Request): Record<string, string> {
  return Object.fromEntries(new URL(req.url ?? '', 'http://x').searchParams);
}

/** The request body, or null when it is larger than `max` bytes. */
async function readLimited(req: restify.Request, max: number): Promise<Uint8Array | null> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    const b = Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk));
    size += b.length;
    if (size > max) return null;
    chunks.push(b);
  }
  return new Uint8Array(Buffer.concat(chunks));
}

function json(res: restify.Response, status: number, body: unknown): void {
  res.header('cache-control', 'no-store');
  res.send(status, body);
}

interface Ctx {
  caller: Caller;
  viewer: Viewer;
  actor: Actor;
  personName: string;
}

export function tabApiRoutes(ports: TabPorts, identify: Identify) {
  const log = ports.log.child({ component: 'tab' });
  const langOf = (l: Lang | undefined): Lang => l ?? ports.config.DEFAULT_LOCALE;

  async function context(req: restify.Request, lang: Lang): Promise<Ctx | { status: 401 | 503 }> {
    const who = await identify.identify(req);
    if (!who.ok) {
      log.info({ reason: who.reason }, 'tab request refused');
      return { status: who.status };
    }
    const caller = who.caller;
    const person = (await ports.directory.person(caller.aadObjectId))?.doc ?? null;
    const viewer = await viewerOf(ports.reports.roles, caller.aadObjectId, person);
    const actor: Actor = {
      aadObjectId: caller.aadObjectId,
      mri: person?.mri ?? '',
      name: person?.name ?? caller.name ?? '',
      ...(caller.tenantId ? { tenantId: caller.tenantId } : person?.tenantId ? { tenantId: person.tenantId } : {}),
      serviceUrl: person?.serviceUrl ?? '',
      lang,
    };
    return { caller, viewer, actor, personName: actor.name };
  }

  /** Parses, identifies, runs; typed failures become their status, anything else 500 with an id-only log. */
  function route<Q>(schema: z.ZodType<Q>, input: (req: restify.Request) => unknown, run: (ctx: Ctx, q: Q, req: restify.Request) => Promise<{ status: number; body: unknown }>) {
    return async (req: restify.Request, res: restify.Response): Promise<void> => {
      const parsed = schema.safeParse(input(req));
      if (!parsed.success) return json(res, 400, { error: 'badRequest' });
      const lang = LangQuery.safeParse(query(req)).data?.lang;
      const ctx = await context(req, langOf(lang));
      if ('status' in ctx) {
        if (ctx.status === 401) res.header('WWW-Authenticate', 'Bearer');
        return json(res, ctx.status, { error: ctx.status === 401 ? 'unauthorized' : 'unavailable' });
      }
      try {
        const out = await run(ctx, parsed.data, req);
        json(res, out.status, out.body);
      } catch (err) {
        if (err instanceof Refusal) return json(res, STATUS[err.code as RefusalCode] ?? 409, { error: err.code });
        log.error({ err: err instanceof Error ? { name: err.name, code: (err as { code?: unknown }).code } : 'error', user: ctx.caller.aadObjectId, path: req.path() }, 'tab request failed');
        json(res, 500, { error: 'internal' });
      }
    };
  }

  const mayOverview = (v: Viewer) => v.coordinator || v.managerOf !== null;

  return (server: restify.Server): void => {
    server.get('/api/tab/config', async (_req, res) => {
      const body: TabConfig = { mode: identify.mode, defaultLang: ports.config.DEFAULT_LOCALE };
      json(res, 200, body);
    });

    // The development identity picker: exists only in local anonymous mode.
    if (identify.mode === 'local') {
      server.get('/api/tab/dev/people', async (_req, res) => {
        const [coordinators, managers, seats] = await Promise.all([ports.directory.withRole('coordinator'), ports.directory.withRole('manager'), ports.activities.list()]);
        const ids = new Set<string>([...coordinators, ...managers].map((p) => p.aadObjectId));
        for (const a of seats) for (const s of (await ports.activities.seatsOf(a.id)).values()) for (const u of s.userIds) ids.add(u);
        const [people, orgs] = await Promise.all([ports.directory.people([...ids].slice(0, 200)), ports.directory.organizations()]);
        const orgName = new Map(orgs.map((o) => [o.id, o.name]));
        // Someone merged into another person is that person, and is offered once. No ids as names: the page names the nameless.
        const body: DevPerson[] = [...people.values()]
          .filter((p) => !p.mergedInto)
          .map((p) => ({ aadObjectId: p.aadObjectId, name: p.name ?? '', roles: p.roles, organization: (p.organizationId && orgName.get(p.organizationId)) || p.organizationOther || null }))
          .sort((a, b) => SWEDISH.compare(a.name, b.name) || SWEDISH.compare(a.organization ?? '', b.organization ?? ''));
        json(res, 200, body);
      });
    }

    server.get(
      '/api/tab/me',
      route(LangQuery, query, async (ctx) => {
        const orgName = ctx.viewer.managerOf ? ((await ports.directory.organizations()).find((o) => o.id === ctx.viewer.managerOf)?.name ?? ctx.viewer.managerOf) : null;
        const body: Me = { aadObjectId: ctx.caller.aadObjectId, name: ctx.personName, coordinator: ctx.viewer.coordinator, managerOf: orgName, mayOverview: mayOverview(ctx.viewer) };
        return { status: 200, body };
      }),
    );

    server.get(
      '/api/tab/my',
      route(LangQuery, query, async (ctx) => ({ status: 200, body: await myPage(ports, ctx.caller.aadObjectId) })),
    );

    server.post(
      '/api/tab/my/cancel',
      route(
        CancelBody,
        (req) => req.body,
        async (ctx, body) => {
          // The same cancel as in chat: the waitlist moves up, the registrar is told, team history kept.
          const out = await cancel(ports, ctx.actor, { ...body, view: 'mine' });
          log.info({ user: ctx.caller.aadObjectId, activityId: out.activity.id, scope: out.scope }, 'cancelled from the tab');
          return { status: 200, body: { ok: true } };
        },
      ),
    );

    server.get(
      '/api/tab/overview',
      route(OverviewQuery, query, async (ctx, q) => {
        if (!mayOverview(ctx.viewer)) return { status: 403, body: { error: 'forbidden' } };
        return { status: 200, body: await overview(ports, ctx.viewer, { term: q.term, lang: ctx.actor.lang }) };
      }),
    );

    server.post(
      '/api/tab/export',
      route(
        ExportBody,
        (req) => req.body,
        async (ctx, body) => {
          if (!mayOverview(ctx.viewer)) return { status: 403, body: { error: 'forbidden' } };
          const activity = (await ports.activities.get(body.activityId))?.doc;
          if (!activity || activity.status === 'draft') return { status: 404, body: { error: 'notFound' } };
          const token = mintExportToken(
            ports.linkSecret,
            { u: ctx.caller.aadObjectId, q: `${QUESTION[body.report]} "${activity.title}"`, a: activity.id, l: langOf(body.lang), f: body.format },
            ports.now(),
          );
          log.info({ user: ctx.caller.aadObjectId, activityId: activity.id, report: body.report }, 'export link made from the tab');
          return { status: 200, body: { url: exportPath(body.format, token) } };
        },
      ),
    );

    server.post(
      '/api/tab/attendance',
      route(UploadQuery, query, async (ctx, q, req) => {
        if (!ctx.viewer.coordinator) return { status: 403, body: { error: 'forbidden' } };
        if (req.contentType() !== 'application/octet-stream') return { status: 415, body: { error: 'unsupportedMediaType' } };
        // restify leaves an octet stream unread; read it here, up to the import's own limit.
        const bytes = await readLimited(req, ports.attendance.maxReportBytes ?? 5 * 1024 * 1024);
        if (!bytes) return { status: 413, body: { error: 'tooLarge' } };
        let hint = '';
        if (q.activityId) {
          const activity = (await ports.activities.get(q.activityId))?.doc;
          if (!activity) return { status: 404, body: { error: 'notFound' } };
          hint = `${activity.title}${q.session ? ` ${q.session}` : ''}`;
        }
        const result = await uploadReport(ports, ctx.actor, { bytes, hint });
        return { status: result.ok ? 200 : 422, body: result };
      }),
    );
  };
}

const SWEDISH = new Intl.Collator('sv');
