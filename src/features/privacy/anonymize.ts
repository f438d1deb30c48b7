import { createHash } from 'node:crypto';
import { personKey } from '../attendance';
import { attendanceId } from '../../kernel/attendance';
import { answerId, SURVEY_KINDS } from '../../kernel/surveys';
import type { ContainerName } from '../../platform/cosmos/containers';
import type { Doc } from './docs';

// How one stored document looks once a person in it is replaced by an anonymous stand-in.
// Pure: the eraser (erase.ts) and retention (retention.ts) decide which people and documents.

export interface Subject {
  /** Every user id the person is known by (their Entra id, e-mail ids merged into it). */
  ids: string[];
  /** Teams user ids ("29:…"). */
  mris: string[];
  names: string[];
  /** E-mail addresses and UPNs, lower case. */
  addresses: string[];
  /** The stand-in: "anon-…". */
  anonId: string;
  /** The organisation their e-mail domain belongs to: kept where none was recorded, as the statistics counted them. */
  domainOrganizationId?: string | undefined;
}

export const ANON_PREFIX = 'anon-';
export const isAnonymous = (userId: string) => userId.startsWith(ANON_PREFIX);
/** The id tombstones had before they were salted (salt.ts): looked up only to move them to the salted id. */
export const legacyErasureId = (userId: string) => `erased-${createHash('sha256').update(userId.toLowerCase()).digest('hex').slice(0, 40)}`;

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Substrings to replace (ids and keys derived from them) and whole values to replace (names, addresses). */
function replacements(s: Subject): { parts: [RegExp, string][]; values: Set<string> } {
  const anonKey = personKey({ aadObjectId: s.anonId });
  const parts: [RegExp, string][] = [];
  for (const id of s.ids) {
    parts.push([new RegExp(escape(personKey({ aadObjectId: id })), 'gi'), anonKey]);
    parts.push([new RegExp(escape(id), 'gi'), s.anonId]);
  }
  for (const a of s.addresses) parts.push([new RegExp(escape(personKey({ email: a })), 'g'), anonKey]);
  for (const n of s.names) parts.push([new RegExp(escape(personKey({ name: n })), 'g'), anonKey]);
  for (const m of s.mris) parts.push([new RegExp(escape(m), 'gi'), s.anonId]);
  const values = new Set([...s.names.map((n) => n.trim().toLowerCase()), ...s.addresses].filter((v) => v.length > 0));
  return { parts, values };
}

function scrubValue(v: unknown, r: ReturnType<typeof replacements>, anonId: string): unknown {
  if (typeof v === 'string') {
    if (r.values.has(v.trim().toLowerCase())) return anonId;
    let out = v;
    for (const [re, to] of r.parts) out = out.replace(re, to);
    return out;
  }
  if (Array.isArray(v)) return [...new Set(v.map((x) => scrubValue(x, r, anonId)))];
  if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, scrubValue(x, r, anonId)]));
  return v;
}

/** Whether the document names the person anywhere. */
export function mentions(doc: Doc, s: Subject): boolean {
  const r = replacements(s);
  return JSON.stringify(scrubValue(doc, r, s.anonId)) !== JSON.stringify(doc);
}

const str = (v: unknown) => (typeof v === 'string' ? v : '');
const obj = (v: unknown): Doc => (v && typeof v === 'object' && !Array.isArray(v) ? Object.fromEntries(Object.entries(v)) : {});
const own = (doc: Doc, field: string, s: Subject) => s.ids.includes(str(doc[field]));

/**
 * The document with the person replaced: null to delete it. Statistics survive: a seat entry,
 * an attendance row and a survey rating stay, under the stand-in, with the organisation (the
 * listed one; free text the person typed for "other" goes).
 */
export function anonymize(container: ContainerName, doc: Doc, s: Subject): Doc | null {
  const type = str(doc.type);
  if (container === 'conversations') return null;
  if (container === 'directory') {
    if (type === 'person' && (own(doc, 'aadObjectId', s) || s.ids.includes(str(doc.mergedInto)))) return null;
    if (type === 'managerGrant' && own(doc, 'aadObjectId', s)) return null;
    if (type === 'networkMember' && own(doc, 'userId', s)) return null;
  }
  if (container === 'activities') {
    if (type === 'absence' && own(doc, 'userId', s)) return null;
    if (type === 'answer' && own(doc, 'userId', s)) {
      const kind = SURVEY_KINDS.find((k) => k === doc.surveyKind) ?? 'evaluation';
      return { ...doc, id: answerId(kind, s.anonId), userId: s.anonId, texts: {} };
    }
    if (type === 'attendance') {
      const p = obj(doc.person);
      const addr = [str(p.email), str(p.upn)].map((a) => a.toLowerCase());
      const isThem = s.ids.includes(str(p.aadObjectId)) || addr.some((a) => a && s.addresses.includes(a)) || (!p.aadObjectId && s.names.includes(str(p.name)));
      if (isThem) {
        const key = personKey({ aadObjectId: s.anonId });
        // The organisation from the list only: text the person typed could name them.
        const person: Doc = { aadObjectId: s.anonId };
        if (p.organizationId) person.organizationId = p.organizationId;
        else if (s.domainOrganizationId) person.organizationId = s.domainOrganizationId;
        return scrub({ ...doc, id: attendanceId(str(doc.sessionId), key), personKey: key, person }, s);
      }
    }
  }
  if (container === 'jobs' && own(doc, 'toUserId', s) && (doc.status === 'pending' || doc.status === 'leased')) {
    return scrub({ ...doc, status: 'cancelled', lastError: 'erased' }, s);
  }
  return scrub(doc, s);
}

/** Every mention replaced by the stand-in, wherever it is (history, ids, keys). */
function scrub(doc: Doc, s: Subject): Doc {
  return obj(scrubValue(doc, replacements(s), s.anonId));
}
