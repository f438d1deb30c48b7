import ExcelJS from 'exceljs';
import type { Store } from '../../platform/cosmos/client';
import type { ActivityRepository } from '../activities';
import type { DirectoryRepository } from '../people';
import { csvSafeText } from '../reports';
import { bare, query, read, type Doc } from './docs';

// Everything stored about one person, gathered from every container by their id: what
// "mina uppgifter" shows and what its export contains.

export interface Section {
  key: 'profile' | 'registrations' | 'attendance' | 'answers' | 'networks' | 'messages' | 'other';
  rows: Record<string, string | number | boolean | null>[];
}

export interface MyData {
  userId: string;
  generatedAt: string;
  sections: Section[];
}

type Row = Section['rows'][number];
const s = (v: unknown): string | null => (typeof v === 'string' ? v : null);
const n = (v: unknown): number | null => (typeof v === 'number' ? v : null);

export async function collectMyData(deps: { store: Pick<Store, 'container'>; activities: ActivityRepository; directory: DirectoryRepository; now(): Date }, userId: string): Promise<MyData> {
  const acts = deps.store.container('activities');
  const dir = deps.store.container('directory');
  const u = [{ name: '@u', value: userId }];
  const [person, seats, attendance, answers, members, jobs, grant, conv] = await Promise.all([
    deps.directory.person(userId),
    deps.activities.seatsWithUser(userId),
    query(acts, 'activities', "SELECT * FROM c WHERE c.type = 'attendance' AND c.person.aadObjectId = @u", u),
    query(acts, 'activities', "SELECT * FROM c WHERE c.type = 'answer' AND c.userId = @u", u),
    query(dir, 'directory', "SELECT * FROM c WHERE c.type = 'networkMember' AND c.userId = @u", u),
    query(deps.store.container('jobs'), 'jobs', "SELECT * FROM c WHERE c.type = 'job' AND c.toUserId = @u", u),
    read(dir, 'directory', `grant-manager-${userId}`, `grant-manager-${userId}`),
    read(deps.store.container('conversations'), 'conversations', `user-${userId}`, `user-${userId}`),
  ]);
  const titles = new Map<string, string>();
  const title = async (id: string) => {
    if (!titles.has(id)) titles.set(id, (await deps.activities.get(id))?.doc.title ?? id);
    return titles.get(id) ?? id;
  };
  const p = person?.doc;
  const profile: Row[] = p
    ? [
        { field: 'name', value: p.name ?? null },
        { field: 'email', value: p.email ?? null },
        // What Teams said about them (TeamsInfo.getMember) and when it was asked.
        { field: 'upn', value: p.upn ?? null },
        { field: 'identityAt', value: p.identityAt ?? null },
        { field: 'organizationId', value: p.organizationId ?? null },
        { field: 'organizationOther', value: p.organizationOther ?? null },
        { field: 'jobRole', value: p.jobRole ?? null },
        { field: 'roles', value: p.roles.join(', ') },
        { field: 'locale', value: p.locale ?? null },
        { field: 'remindersOff', value: p.remindersOff ?? false },
        { field: 'updatedAt', value: p.updatedAt },
      ]
    : [];
  if (grant) profile.push({ field: 'managerOf', value: s(grant.doc.organizationId) });
  if (conv) profile.push({ field: 'conversationReference', value: true });
  const registrations: Row[] = [];
  for (const list of seats) {
    for (const e of list.entries.filter((x) => x.userId === userId)) {
      registrations.push({ activity: await title(list.activityId), activityId: list.activityId, scope: list.scope, status: e.status, at: e.at, teamId: e.teamId ?? null });
    }
  }
  const att: Row[] = [];
  for (const a of attendance) {
    att.push({
      activity: await title(s(a.doc.activityId) ?? ''),
      activityId: s(a.doc.activityId),
      sessionId: s(a.doc.sessionId),
      present: a.doc.present === true,
      minutes: n(a.doc.minutes),
      presentBy: s(a.doc.presentBy),
    });
  }
  const ans: Row[] = [];
  for (const a of answers) {
    const ratings = obj(a.doc.ratings);
    const texts = obj(a.doc.texts);
    ans.push({
      activity: await title(s(a.doc.activityId) ?? ''),
      survey: s(a.doc.surveyKind),
      answeredAt: s(a.doc.answeredAt),
      ratings: Object.entries(ratings)
        .map(([k, v]) => `${k}=${String(v)}`)
        .join(', '),
      texts: Object.entries(texts)
        .map(([k, v]) => `${k}: ${String(v)}`)
        .join(' | '),
    });
  }
  const networks: Row[] = [];
  for (const m of members) {
    const pk = s(m.doc.pk) ?? '';
    const net = await query(dir, 'directory', "SELECT * FROM c WHERE c.pk = @pk AND c.type = 'network'", [{ name: '@pk', value: pk }]);
    networks.push({ network: s(net[0]?.doc.name) ?? s(m.doc.networkId), addedAt: s(m.doc.addedAt), remindersOff: m.doc.remindersOff === true });
  }
  const messages: Row[] = jobs.map((j) => ({
    kind: s(j.doc.kind),
    survey: s(obj(j.doc.payload).surveyKind),
    activityId: s(j.doc.activityId),
    status: s(j.doc.status),
    dueAt: s(j.doc.dueAt),
    sentAt: s(j.doc.sentAt),
  }));
  return {
    userId,
    generatedAt: deps.now().toISOString(),
    sections: [
      { key: 'profile', rows: profile },
      { key: 'registrations', rows: registrations },
      { key: 'attendance', rows: att },
      { key: 'answers', rows: ans },
      { key: 'networks', rows: networks },
      { key: 'messages', rows: messages },
    ],
  };
}

function obj(v: unknown): Doc {
  return v && typeof v === 'object' && !Array.isArray(v) ? bare(Object.fromEntries(Object.entries(v))) : {};
}

const columns = (sec: Section) => [...new Set(sec.rows.flatMap((r) => Object.keys(r)))];

export function myDataJson(d: MyData): Buffer {
  return Buffer.from(JSON.stringify({ userId: d.userId, generatedAt: d.generatedAt, ...Object.fromEntries(d.sections.map((x) => [x.key, x.rows])) }, null, 2), 'utf8');
}

function csvField(v: Row[string] | undefined): string {
  const t = v === null || v === undefined ? '' : typeof v === 'string' ? csvSafeText(v) : String(v);
  return /[";\r\n]/.test(t) ? `"${t.replace(/"/g, '""')}"` : t;
}

/** Sections one after the other, as Swedish Excel opens them (BOM, semicolons). */
export function myDataCsv(d: MyData, heading: (key: Section['key']) => string): Buffer {
  const lines: string[] = [];
  for (const sec of d.sections) {
    const cols = columns(sec);
    lines.push(csvField(heading(sec.key)), cols.map(csvField).join(';'));
    for (const r of sec.rows) lines.push(cols.map((c) => csvField(r[c])).join(';'));
    lines.push('');
  }
  return Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(lines.join('\r\n'), 'utf8')]);
}

export async function myDataXlsx(d: MyData, heading: (key: Section['key']) => string): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Träffpunkt';
  wb.created = new Date(d.generatedAt);
  for (const sec of d.sections) {
    const ws = wb.addWorksheet(
      heading(sec.key)
        .replace(/[[\]:*?/\\]/g, ' ')
        .slice(0, 31),
    );
    const cols = columns(sec);
    ws.columns = cols.map((c) => ({ header: c, width: 24 }));
    ws.getRow(1).font = { bold: true };
    for (const r of sec.rows) ws.addRow(cols.map((c) => r[c] ?? null));
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}
