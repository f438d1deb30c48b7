import { createHash } from 'node:crypto';
import { fold } from '../../kernel/text';

// Who a row of a report (or a Graph record, or a meeting participant) is: one of the people
// the session already knows (its registrants and anyone already recorded), matched by Teams
// user id, then e-mail/UPN, then name; or someone new (a walk-in).

export interface Identity {
  aadObjectId?: string | undefined;
  email?: string | undefined;
  upn?: string | undefined;
  name?: string | undefined;
}

export interface Candidate {
  key: string;
  aadObjectId?: string | undefined;
  emails: readonly string[];
  names: readonly string[];
  registered: boolean;
}

type MatchBy = 'id' | 'email' | 'name' | 'new';

export interface Match<R> {
  row: R;
  key: string;
  by: MatchBy;
  candidate?: Candidate;
  /** Several known people share this name, so it was not matched by name. */
  ambiguousName?: boolean;
}

const GUEST_SUFFIX = /\s*\((external|extern|guest|gäst|gast|unverified|ej verifierad|overifierad)\)\s*$/i;

/** Folded, without a guest marker, "Öberg, Åsa" read as "Åsa Öberg", punctuation dropped. */
export function normalName(name: string): string {
  let n = name.replace(GUEST_SUFFIX, '');
  const comma = /^([^,]+),\s*([^,]+)$/.exec(n);
  if (comma) n = `${comma[2]} ${comma[1]}`;
  return fold(n)
    .replace(/[.'’"()]/g, '')
    .replace(/\s*-\s*/g, '-')
    .replace(/\s+/g, ' ')
    .trim();
}

const hash = (s: string) => createHash('sha256').update(s).digest('hex').slice(0, 24);

/** A stable document key for a person: their Teams user id, else their address, else their name. */
export function personKey(id: Identity): string {
  if (id.aadObjectId) return `aad-${id.aadObjectId.toLowerCase()}`;
  const address = (id.email ?? id.upn)?.toLowerCase();
  if (address) return `em-${hash(address)}`;
  return `nm-${hash(normalName(id.name ?? ''))}`;
}

function addressesOf(id: Identity): string[] {
  return [id.email, id.upn].filter((v): v is string => !!v).map((v) => v.toLowerCase());
}

export function matchIdentities<R extends Identity>(rows: readonly R[], candidates: readonly Candidate[]): Match<R>[] {
  const byAad = new Map<string, Candidate>();
  const byAddress = new Map<string, Candidate>();
  const byName = new Map<string, Candidate[]>();
  for (const c of candidates) {
    if (c.aadObjectId) byAad.set(c.aadObjectId.toLowerCase(), c);
    for (const e of c.emails) if (!byAddress.has(e.toLowerCase())) byAddress.set(e.toLowerCase(), c);
    for (const n of new Set(c.names.map(normalName).filter((n) => n !== ''))) {
      const list = byName.get(n) ?? [];
      list.push(c);
      byName.set(n, list);
    }
  }
  return rows.map((row) => {
    const aad = row.aadObjectId?.toLowerCase();
    const byId = aad ? byAad.get(aad) : undefined;
    if (byId) return { row, key: byId.key, by: 'id', candidate: byId };
    const addresses = addressesOf(row);
    for (const a of addresses) {
      const c = byAddress.get(a);
      if (c) return { row, key: c.key, by: 'email', candidate: c };
    }
    const named = row.name ? (byName.get(normalName(row.name)) ?? []) : [];
    // A name match is not trusted against an address that says otherwise, or a different Teams id.
    const fitting = named.filter(
      (c) => !(aad && c.aadObjectId && c.aadObjectId.toLowerCase() !== aad) && !(addresses.length > 0 && c.emails.length > 0 && !c.emails.some((e) => addresses.includes(e.toLowerCase()))),
    );
    if (fitting.length === 1) {
      const c = fitting[0] as Candidate;
      return { row, key: c.key, by: 'name', candidate: c };
    }
    return { row, key: personKey(row), by: 'new', ...(fitting.length > 1 ? { ambiguousName: true } : {}) };
  });
}
