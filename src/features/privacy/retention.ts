import { createHash, randomBytes } from 'node:crypto';
import type { Logger } from 'pino';
import { z } from 'zod';
import type { Config } from '../../config';
import type { Activity } from '../../kernel/activity';
import { LinkUses } from '../reports';
import type { ActivityRepository } from '../activities';
import type { Store } from '../../platform/cosmos/client';
import { isConflict, isPreconditionFailed } from '../../platform/cosmos/errors';
import { addMonths, type AccessLog } from './accessLog';
import { anonymize, ANON_PREFIX, isAnonymous, type Subject } from './anonymize';
import { createOnce, query, read, rewrite, type Doc } from './docs';
import { lastSessionEnd } from './erase';

// Retention: a set time after an activity's last session its personal data becomes anonymous
// rows (organisation and job role kept, so the statistics stay), and survey free text goes
// sooner. Runs on its own timer on every instance: progress is a marker document in the
// activity's partition with a salt both instances read, every write is If-Match, and a
// second run finds nothing left to do.

const MarkerSchema = z.object({
  id: z.literal('retention'),
  activityId: z.string(),
  type: z.literal('retention'),
  salt: z.string().optional(),
  textsRemovedAt: z.string().optional(),
  personalRemovedAt: z.string().optional(),
});
type Marker = z.infer<typeof MarkerSchema>;

export interface RetentionDates {
  activityId: string;
  title: string;
  lastEnd: Date;
  textsAt: Date;
  removeAt: Date;
  removedAt?: string;
}

export interface RetentionRun {
  texts: number;
  activities: number;
  accessLog: number;
  /** Records of used download links whose links have expired. */
  linkUses: number;
}

export class RetentionPurge {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly deps: {
      store: Pick<Store, 'container'>;
      activities: ActivityRepository;
      accessLog: AccessLog;
      config: Pick<Config, 'RETENTION_MONTHS' | 'SURVEY_TEXT_RETENTION_MONTHS'>;
      log: Logger;
      now(): Date;
    },
  ) {}

  start(everyMs: number): void {
    const tick = () => {
      this.running = this.run().catch((err: unknown) => this.deps.log.error({ err }, 'retention run failed'));
    };
    this.timer = setInterval(tick, everyMs);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    await this.running;
  }

  dates(activity: Activity): RetentionDates {
    const lastEnd = new Date(lastSessionEnd(activity));
    return {
      activityId: activity.id,
      title: activity.title,
      lastEnd,
      textsAt: addMonths(lastEnd, this.deps.config.SURVEY_TEXT_RETENTION_MONTHS),
      removeAt: addMonths(lastEnd, this.deps.config.RETENTION_MONTHS),
    };
  }

  /** When each activity's personal data goes (or went), soonest first. */
  async schedule(): Promise<RetentionDates[]> {
    const out: RetentionDates[] = [];
    for (const a of await this.deps.activities.list()) {
      if (a.sessions.length === 0) continue;
      const marker = await this.marker(a.id);
      const d = this.dates(a);
      out.push(marker?.doc.personalRemovedAt ? { ...d, removedAt: marker.doc.personalRemovedAt } : d);
    }
    return out.sort((x, y) => x.removeAt.getTime() - y.removeAt.getTime());
  }

  async run(): Promise<RetentionRun> {
    const now = this.deps.now();
    const linkUses = await new LinkUses(this.deps.store.container('directory')).purge(now);
    const result: RetentionRun = { texts: 0, activities: 0, accessLog: await this.deps.accessLog.purge(), linkUses };
    for (const a of await this.deps.activities.list()) {
      if (a.sessions.length === 0) continue;
      const d = this.dates(a);
      if (now < d.textsAt) continue;
      const marker = await this.ensureMarker(a.id);
      if (!marker.textsRemovedAt) {
        result.texts += await this.dropTexts(a.id);
        await this.setMarker(a.id, (m) => ({ ...m, textsRemovedAt: now.toISOString() }));
      }
      if (now >= d.removeAt && !marker.personalRemovedAt && marker.salt) {
        await this.anonymizeActivity(a.id, marker.salt);
        await this.setMarker(a.id, (m) => {
          const { salt: _gone, ...rest } = m;
          return { ...rest, personalRemovedAt: now.toISOString() };
        });
        result.activities++;
      }
    }
    if (result.texts + result.activities + result.accessLog + result.linkUses > 0) this.deps.log.info({ ...result }, 'retention run');
    return result;
  }

  private async marker(activityId: string): Promise<{ doc: Marker; etag: string | undefined } | null> {
    const s = await read(this.deps.store.container('activities'), 'activities', 'retention', activityId);
    const p = MarkerSchema.safeParse(s?.doc);
    return s && p.success ? { doc: p.data, etag: s.etag } : null;
  }

  private async ensureMarker(activityId: string): Promise<Marker> {
    await createOnce(this.deps.store.container('activities'), { id: 'retention', activityId, type: 'retention', salt: randomBytes(16).toString('hex') });
    const m = await this.marker(activityId);
    if (!m) throw new Error('retention marker missing');
    return m.doc;
  }

  private async setMarker(activityId: string, change: (m: Marker) => Marker): Promise<void> {
    const c = this.deps.store.container('activities');
    for (let i = 0; i < 10; i++) {
      const m = await this.marker(activityId);
      if (!m) return;
      try {
        await c.item('retention', activityId).replace(change(m.doc), m.etag ? { accessCondition: { type: 'IfMatch' as const, condition: m.etag } } : {});
        return;
      } catch (err) {
        if (!isPreconditionFailed(err) && !isConflict(err)) throw err;
      }
    }
  }

  private async dropTexts(activityId: string): Promise<number> {
    const c = this.deps.store.container('activities');
    let n = 0;
    for (let round = 0; round < 5; round++) {
      const docs = await query(c, 'activities', "SELECT * FROM c WHERE c.activityId = @a AND c.type = 'answer'", [{ name: '@a', value: activityId }]);
      const withText = docs.filter((d) => d.doc.texts && typeof d.doc.texts === 'object' && Object.keys(d.doc.texts).length > 0);
      if (withText.length === 0) break;
      for (const d of withText) if ((await rewrite(c, d, { ...d.doc, texts: {} })) === 'done') n++;
    }
    return n;
  }

  /** Every person in the activity's partition becomes a stand-in derived from the marker's salt. */
  private async anonymizeActivity(activityId: string, salt: string): Promise<void> {
    const acts = this.deps.store.container('activities');
    const dir = this.deps.store.container('directory');
    const standIn = (key: string) => `${ANON_PREFIX}${createHash('sha256').update(`${salt}:${key.toLowerCase()}`).digest('hex').slice(0, 20)}`;
    for (let round = 0; round < 5; round++) {
      const docs = await query(acts, 'activities', 'SELECT * FROM c WHERE c.activityId = @a', [{ name: '@a', value: activityId }]);
      const ids = new Set<string>();
      for (const d of docs) for (const id of userIdsIn(d.doc)) if (!isAnonymous(id)) ids.add(id);
      const subjects: Subject[] = [...ids].map((id) => ({ ids: [id], mris: [], names: [], addresses: [], anonId: standIn(id) }));
      // Walk-ins known by name or address only (attendance reports).
      for (const d of docs) {
        if (d.doc.type !== 'attendance') continue;
        const p = d.doc.person;
        if (!p || typeof p !== 'object' || Array.isArray(p)) continue;
        const person: Doc = Object.fromEntries(Object.entries(p));
        if (typeof person.aadObjectId === 'string') continue;
        const key = typeof d.doc.personKey === 'string' ? d.doc.personKey : '';
        if (isAnonymous(key) || key.startsWith('aad-anon-')) continue;
        const names = typeof person.name === 'string' ? [person.name] : [];
        const addresses = [person.email, person.upn].flatMap((v) => (typeof v === 'string' ? [v.toLowerCase()] : []));
        subjects.push({ ids: [key], mris: [], names, addresses, anonId: standIn(key) });
      }
      if (subjects.length === 0) return;
      // Stand-ins keep what the figures count: organisation (from the list; typed text could
      // name the person) and job role.
      const people = new Map<string, Doc>();
      for (const s of subjects) {
        const pid = `person-${s.ids[0] ?? ''}`;
        const found = await read(dir, 'directory', pid, pid);
        if (found) people.set(s.anonId, found.doc);
      }
      for (const s of subjects) {
        const p = people.get(s.anonId);
        const doc: Doc = { id: `person-${s.anonId}`, pk: `person-${s.anonId}`, type: 'person', aadObjectId: s.anonId, roles: [], updatedAt: this.deps.now().toISOString() };
        for (const f of ['organizationId', 'jobRole']) if (p && typeof p[f] === 'string') doc[f] = p[f];
        await createOnce(dir, doc);
      }
      let conflicts = 0;
      for (const d of docs) {
        if (d.doc.type === 'activity' || d.doc.type === 'posting' || d.doc.type === 'retention' || d.doc.type === 'sessionMeeting') continue;
        let next: Doc | null = d.doc;
        for (const s of subjects) if (next) next = anonymize('activities', next, s);
        if (JSON.stringify(next) === JSON.stringify(d.doc)) continue;
        if ((await rewrite(acts, d, next)) === 'changedMeanwhile') conflicts++;
      }
      if (conflicts === 0) break;
    }
    // Sent and finished messages about the activity name their recipients.
    const jobs = this.deps.store.container('jobs');
    const done = await query(jobs, 'jobs', "SELECT * FROM c WHERE c.type = 'job' AND c.activityId = @a AND c.status != 'pending' AND c.status != 'leased'", [{ name: '@a', value: activityId }]);
    for (const j of done) await rewrite(jobs, j, null);
  }
}

/** The user ids a document of an activity holds (seat lists, answers, absences, teams, attendance). */
function userIdsIn(doc: Doc): string[] {
  const out: string[] = [];
  const s = (v: unknown) => {
    if (typeof v === 'string' && v) out.push(v);
  };
  const arr = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
  const rec = (v: unknown): Doc => (v && typeof v === 'object' && !Array.isArray(v) ? Object.fromEntries(Object.entries(v)) : {});
  switch (doc.type) {
    case 'seats':
      for (const e of arr(doc.entries)) {
        s(rec(e).userId);
        s(rec(e).byUserId);
      }
      for (const e of arr(doc.cancelled)) s(rec(e).userId);
      break;
    case 'answer':
    case 'absence':
      s(doc.userId);
      break;
    case 'team':
      s(doc.principalId);
      s(doc.registeredBy);
      for (const h of arr(doc.history)) for (const u of arr(rec(h).userIds)) s(u);
      break;
    case 'attendance':
      s(rec(doc.person).aadObjectId);
      break;
  }
  return out;
}
