// Pure rules for team and on-behalf registrations: no I/O, tested by tables.
import { z } from 'zod';
import type { TeamSettings } from '../../kernel/activity';
import { AadIdSchema } from './schemas';

const MAX_TYPED_LINES = 30;
export const MAX_BEHALF_PEOPLE = 30;

export interface TypedPerson {
  name: string;
  /** Lower case, trimmed. */
  email: string;
}

export type TypedParse = { ok: true; people: TypedPerson[] } | { ok: false; badLine: number } | { ok: false; tooMany: number };

const EmailSchema = z.email();

/**
 * Lines like "Åsa Öberg <asa.oberg@ange.se>", "asa.oberg@ange.se" or "Åsa Öberg, asa.oberg@ange.se".
 * Empty lines are skipped; the first line that is not a name with an e-mail is reported (1-based).
 */
export function parseTypedPeople(text: string, max = MAX_TYPED_LINES): TypedParse {
  const lines = text.split(/\r?\n/);
  const people: TypedPerson[] = [];
  for (const [i, raw] of lines.entries()) {
    const line = raw.trim();
    if (!line) continue;
    const angle = /^(.*?)\s*<([^<>\s]+)>$/.exec(line);
    const comma = /^(.*?)[,;]\s*([^\s,;]+)$/.exec(line);
    const [name, email] = angle ? [angle[1] ?? '', angle[2] ?? ''] : comma ? [comma[1] ?? '', comma[2] ?? ''] : ['', line];
    const normalized = email.trim().toLowerCase();
    if (!EmailSchema.safeParse(normalized).success || normalized.length > 254) return { ok: false, badLine: i + 1 };
    people.push({
      name: name
        .replace(/^["']|["']$/g, '')
        .trim()
        .slice(0, 200),
      email: normalized,
    });
  }
  const distinct = people.filter((p, i) => people.findIndex((q) => q.email === p.email) === i);
  if (distinct.length > max) return { ok: false, tooMany: max };
  return { ok: true, people: distinct };
}

/** The people picker's value: comma-separated object ids. Null when any id is malformed. */
export function pickerIds(value: string): string[] | null {
  const ids = value
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  if (ids.some((id) => !AadIdSchema.safeParse(id).success)) return null;
  return [...new Set(ids)];
}

export type SizeProblem = { key: 'team_errTooFew'; params: { min: number; n: number } } | { key: 'team_errTooMany'; params: { max: number; n: number } };

export function teamSizeProblem(size: number, settings: TeamSettings): SizeProblem | null {
  if (size < settings.minSize) return { key: 'team_errTooFew', params: { min: settings.minSize, n: size } };
  if (size > settings.maxSize) return { key: 'team_errTooMany', params: { max: settings.maxSize, n: size } };
  return null;
}

/** Members added and removed between two lists of ids, in the order given. */
export function memberDiff(before: readonly string[], after: readonly string[]): { added: string[]; removed: string[] } {
  return { added: after.filter((id) => !before.includes(id)), removed: before.filter((id) => !after.includes(id)) };
}

/** People whose stored organisation is known and differs from the one they are registered from. */
export function fromOtherOrganization(people: readonly { userId: string; organizationId?: string | undefined }[], organizationId: string): string[] {
  return people.filter((p) => p.organizationId !== undefined && p.organizationId !== '' && p.organizationId !== organizationId).map((p) => p.userId);
}

/** Display names and notice texts go into markdown TextBlocks: keep them to plain words. */
export function plainName(name: string): string {
  return name
    .replace(/[*_~`#[\]()<>\\|{}$]/g, '')
    .replace(/\s+/g, ' ')
    .trim()
    .slice(0, 100);
}
