import type { Activity, Session } from '../../kernel/activity';
import { stockholmDate } from '../../kernel/time';
import type { Period } from './question';

// Terms and periods in Stockholm calendar dates: a Swedish school year has a spring term
// (vt, January–June) and an autumn term (ht, July–December).

export const dateOf = (iso: string): string => stockholmDate(new Date(iso));
export const yearOf = (iso: string): number => Number(dateOf(iso).slice(0, 4));

function inPeriod(iso: string, period: Period | undefined): boolean {
  if (!period) return true;
  const d = dateOf(iso);
  return d >= period.from && d <= period.to;
}

/** "vt21" / "spring 2021" for the term an instant falls in. */
export function termLabel(iso: string, lang: 'sv' | 'en'): string {
  const d = dateOf(iso);
  const year = Number(d.slice(0, 4));
  const spring = Number(d.slice(5, 7)) <= 6;
  if (lang === 'sv') return `${spring ? 'vt' : 'ht'}${String(year % 100).padStart(2, '0')}`;
  return `${spring ? 'spring' : 'autumn'} ${year}`;
}

/** "vt21–ht21" when an activity spans terms. */
function termsLabel(sessions: readonly Session[], lang: 'sv' | 'en'): string {
  const first = sessions[0];
  const last = sessions[sessions.length - 1];
  if (!first || !last) return '';
  const a = termLabel(first.start, lang);
  const b = termLabel(last.start, lang);
  return a === b ? a : `${a}–${b}`;
}

/**
 * The one label of a run (an activity) in every answer, table, chart and export: the terms of
 * its held sessions, "vt21" or "vt21–ht21", whatever period was asked about; a run with no
 * session held (cancelled) by all its sessions.
 */
export function runLabel(activity: Activity, lang: 'sv' | 'en'): string {
  const held = heldSessions(activity);
  return termsLabel(held.length > 0 ? held : [...activity.sessions].sort((a, b) => a.start.localeCompare(b.start)), lang);
}

/** Sessions in time order, cancelled ones left out, inside the period when one is given. */
export function heldSessions(activity: Activity, period?: Period): Session[] {
  return activity.sessions.filter((s) => s.status !== 'cancelled' && inPeriod(s.start, period)).sort((a, b) => a.start.localeCompare(b.start));
}

/** Whether any of the activity's sessions (cancelled ones too) falls in the period. */
export function touchesPeriod(activity: Activity, period: Period): boolean {
  return activity.sessions.some((s) => inPeriod(s.start, period));
}

/** The session a coordinator means by "tillfälle 2": the id the form gave it (s2). */
export function sessionNumber(s: { id: string }): number {
  return Number(s.id.slice(1));
}
