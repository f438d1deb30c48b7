/**
 * "What if" variants for investigating where the bot's time goes. Each one changes a running
 * app's service objects in memory (never src/) to emulate a proposed fix, so its effect can be
 * measured before anyone writes it. Selected with BENCH_WHATIF=name[,name…]; the default run
 * measures the shipped code and applies none of them.
 */
import { seatScopes } from '../../src/kernel/activity';
import { seatsId, type Seats } from '../../src/kernel/seats';
import type { App } from '../../src/compose';

export const WHAT_IFS = {
  /** invitationAttachment gets the seat state the commit just produced: no seatsOf query per invoke. */
  'seats-from-commit': 'card built from the committed seat state (no seatsOf query per invoke)',
  /** seatsOf reads each seat document by its deterministic id instead of querying. */
  'seats-point-read': 'seatsOf as point reads by id (activity read + one read per scope) instead of a query',
  /** People already carry the mri/name/serviceUrl/locale Teams sends, so remember() does not rewrite them. */
  'known-people': 'returning users: profiles already hold mri/name/serviceUrl/locale (no person rewrite per invoke)',
} as const;

export type WhatIf = keyof typeof WHAT_IFS;

export function selectedWhatIfs(env = process.env.BENCH_WHATIF ?? ''): WhatIf[] {
  const names = env
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  for (const n of names) if (!(n in WHAT_IFS)) throw new Error(`unknown BENCH_WHATIF "${n}"; known: ${Object.keys(WHAT_IFS).join(', ')}`);
  return names as WhatIf[];
}

/** Applies the service-level variants (known-people is a setup variant, applied by the benchmark). */
export function applyWhatIfs(svc: Pick<App, 'activities' | 'seats'>, names: readonly WhatIf[]): void {
  const activities = svc.activities;
  const querySeatsOf = activities.seatsOf.bind(activities);
  if (names.includes('seats-point-read')) {
    activities.seatsOf = async (activityId: string) => {
      const found = await activities.get(activityId);
      if (!found) return querySeatsOf(activityId);
      const out = new Map<string, Seats>();
      await Promise.all(
        seatScopes(found.doc).map(async (scope) => {
          const s = await activities.getSeats(activityId, seatsId(scope));
          if (s) out.set(scope, s.doc);
        }),
      );
      return out;
    };
  }
  if (names.includes('seats-from-commit')) {
    // Emulates register/cancel passing their outcome's state to invitationAttachment: the
    // newest committed state of every scope is kept and served without I/O.
    const committed = new Map<string, Map<string, Seats>>();
    const seats = svc.seats;
    const submit = seats.submit.bind(seats);
    seats.submit = async (input) => {
      const r = await submit(input);
      const byScope = committed.get(input.activityId) ?? new Map<string, Seats>();
      byScope.set(input.scope, r.state);
      committed.set(input.activityId, byScope);
      return r;
    };
    const fallback = activities.seatsOf.bind(activities);
    activities.seatsOf = async (activityId: string) => committed.get(activityId) ?? fallback(activityId);
  }
}
