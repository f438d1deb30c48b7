import { z } from 'zod';

const SeatEntrySchema = z.object({
  userId: z.string(),
  mri: z.string().optional(),
  status: z.enum(['registered', 'waitlisted']),
  at: z.iso.datetime(),
  byUserId: z.string().optional(),
  // A team's members share one place: the team is one unit of capacity (src/features/staff-teams).
  teamId: z.string().optional(),
});
export type SeatEntry = z.infer<typeof SeatEntrySchema>;

/** Who holds a place and who waits, in order, for one session (or a whole series): one document. */
export const SeatsSchema = z.object({
  id: z.string(),
  activityId: z.string(),
  type: z.literal('seats'),
  scope: z.string(),
  capacity: z.number().int().positive(),
  entries: z.array(SeatEntrySchema),
  cancelled: z.array(z.object({ userId: z.string(), at: z.iso.datetime() })),
  // Flat copy of entries' user ids so "my registrations" is an ARRAY_CONTAINS query.
  userIds: z.array(z.string()),
  // Team activities that also count people: at most this many registered people in all.
  peopleCapacity: z.number().int().positive().optional(),
});
export type Seats = z.infer<typeof SeatsSchema>;

interface SeatMember {
  userId: string;
  mri?: string;
}

export type SeatOp =
  | { kind: 'register'; userId: string; mri?: string; byUserId?: string }
  | { kind: 'cancel'; userId: string }
  // A team takes one place for all its members, or waits for one as a whole.
  | { kind: 'registerTeam'; teamId: string; members: SeatMember[]; byUserId: string; peopleCapacity?: number }
  | { kind: 'changeTeam'; teamId: string; add: SeatMember[]; remove: string[]; byUserId: string }
  | { kind: 'cancelTeam'; teamId: string }
  // The same person known under two ids (typed e-mail, later their Teams account): keep one entry.
  | { kind: 'merge'; fromUserId: string; toUserId: string; mri?: string };

export type SeatResult =
  | { kind: 'registered'; already: boolean }
  | { kind: 'waitlisted'; position: number; already: boolean }
  /** `removed`: the entry as it stood (who registered it, in which team), for what follows a cancel. */
  | { kind: 'cancelled'; promoted: SeatEntry[]; removed?: SeatEntry }
  | { kind: 'notRegistered' }
  /** Some of the people already hold a place (or wait for one) in this list; nothing changed. */
  | { kind: 'taken'; userIds: string[] }
  /** More people than the activity's people capacity; nothing changed. */
  | { kind: 'tooManyPeople' }
  | { kind: 'teamChanged'; promoted: SeatEntry[] }
  | { kind: 'merged'; changed: boolean };

export function seatsId(scope: string): string {
  return `seats-${scope}`;
}

export function emptySeats(activityId: string, scope: string, capacity: number): Seats {
  return { id: seatsId(scope), activityId, type: 'seats', scope, capacity, entries: [], cancelled: [], userIds: [] };
}

/** Registered people (a team counts each member). */
export function registeredCount(s: Seats): number {
  return s.entries.filter((e) => e.status === 'registered').length;
}

export function waitlist(s: Seats): SeatEntry[] {
  return s.entries.filter((e) => e.status === 'waitlisted');
}

/** The unit a place is counted in: a person, or a whole team. */
function unitOf(e: SeatEntry): string {
  return e.teamId ? `team:${e.teamId}` : `user:${e.userId}`;
}

/** Distinct units, in order of first appearance. */
function unitsOf(entries: readonly SeatEntry[], status: SeatEntry['status']): string[] {
  const units = new Set<string>();
  for (const e of entries) if (e.status === status) units.add(unitOf(e));
  return [...units];
}

/**
 * A seat list's units, counted once per list: a list is not changed once applySeatOps has
 * returned it (it works on a copy), and every click's answer card asks the same list for its
 * places left and wait positions, which made a scan of all entries per click.
 */
const unitCounts = new WeakMap<readonly SeatEntry[], { length: number; registered: number; waitPositions: Map<string, number> }>();

function countsOf(entries: readonly SeatEntry[]): { registered: number; waitPositions: Map<string, number> } {
  const known = unitCounts.get(entries);
  if (known && known.length === entries.length) return known;
  const waiting = unitsOf(entries, 'waitlisted');
  const counts = { length: entries.length, registered: unitsOf(entries, 'registered').length, waitPositions: new Map(waiting.map((u, i) => [u, i + 1])) };
  unitCounts.set(entries, counts);
  return counts;
}

/** Places taken: people, and teams counted once each. */
export function registeredUnits(s: Seats): number {
  return countsOf(s.entries).registered;
}

export function placesLeft(s: Seats): number {
  return Math.max(0, s.capacity - registeredUnits(s));
}

/** 1-based place in the waitlist of this person's unit (their team waits as one); 0 when not waiting. */
export function waitPosition(s: Seats, userId: string): number {
  const entry = s.entries.find((e) => e.userId === userId && e.status === 'waitlisted');
  return entry ? (countsOf(s.entries).waitPositions.get(unitOf(entry)) ?? 0) : 0;
}

export function teamEntries(s: Seats, teamId: string): SeatEntry[] {
  return s.entries.filter((e) => e.teamId === teamId);
}

/** Whether `extra` more people fit under the people capacity (always, when there is none). */
function peopleFit(entries: readonly SeatEntry[], peopleCapacity: number | undefined, extra: number): boolean {
  return peopleCapacity === undefined || entries.filter((e) => e.status === 'registered').length + extra <= peopleCapacity;
}

/**
 * Fills free places from the head of the waitlist, a whole unit (person or team) at a time and
 * in order: a team that does not fit under the people capacity is not overtaken. Returns the
 * promoted entries.
 */
function promote(entries: SeatEntry[], capacity: number, peopleCapacity?: number): SeatEntry[] {
  const promoted: SeatEntry[] = [];
  let free = capacity - unitsOf(entries, 'registered').length;
  for (const unit of unitsOf(entries, 'waitlisted')) {
    if (free <= 0) break;
    const idx = entries.flatMap((e, i) => (e.status === 'waitlisted' && unitOf(e) === unit ? [i] : []));
    if (!peopleFit(entries, peopleCapacity, idx.length)) break;
    for (const i of idx) {
      entries[i] = { ...(entries[i] as SeatEntry), status: 'registered' };
      promoted.push(entries[i]);
    }
    free--;
  }
  return promoted;
}

/**
 * Applies ops in order to a copy of the seat state. Registering twice is idempotent;
 * cancelling frees the place and promotes from the waitlist.
 */
export function applySeatOps(state: Seats, ops: readonly SeatOp[], now: Date): { state: Seats; results: SeatResult[]; promotedByCapacity: SeatEntry[] } {
  const work: Work = { entries: state.entries.map((e) => ({ ...e })), cancelled: [...state.cancelled], capacity: state.capacity, at: now.toISOString() };
  if (state.peopleCapacity !== undefined) work.peopleCapacity = state.peopleCapacity;
  // A raised capacity fills from the waitlist first, so nobody new jumps the queue.
  const promotedByCapacity = promote(work.entries, work.capacity, work.peopleCapacity);
  const results = ops.map((op) => applyOne(work, op));
  const { peopleCapacity: _old, ...rest } = state;
  return {
    state: {
      ...rest,
      entries: work.entries,
      cancelled: work.cancelled,
      userIds: work.entries.map((e) => e.userId),
      ...(work.peopleCapacity !== undefined ? { peopleCapacity: work.peopleCapacity } : {}),
    },
    results,
    promotedByCapacity,
  };
}

interface Work {
  entries: SeatEntry[];
  cancelled: Seats['cancelled'];
  capacity: number;
  peopleCapacity?: number;
  at: string;
  /**
   * What the rules ask of the entries, kept up to date by register (the op of a burst) and
   * dropped by every other op, which rebuilds it on next use: so a batch of registrations
   * costs one pass over the entries, not one per registration.
   */
  index?: Index | undefined;
}

interface Index {
  byUser: Map<string, SeatEntry>;
  registeredUnits: Set<string>;
  registeredPeople: number;
  /** Waitlisted units in order, and each one's 1-based position. */
  waitPositions: Map<string, number>;
}

function indexOf(w: Work): Index {
  if (w.index) return w.index;
  const index: Index = { byUser: new Map(), registeredUnits: new Set(), registeredPeople: 0, waitPositions: new Map() };
  for (const e of w.entries) {
    if (!index.byUser.has(e.userId)) index.byUser.set(e.userId, e);
    if (e.status === 'registered') {
      index.registeredUnits.add(unitOf(e));
      index.registeredPeople++;
    } else if (!index.waitPositions.has(unitOf(e))) index.waitPositions.set(unitOf(e), index.waitPositions.size + 1);
  }
  w.index = index;
  return index;
}

/** No place now: every place taken, too many people, or others already waiting (nobody overtakes them). */
function full(w: Work, people: number): boolean {
  const ix = indexOf(w);
  const peopleOk = w.peopleCapacity === undefined || ix.registeredPeople + people <= w.peopleCapacity;
  return ix.registeredUnits.size >= w.capacity || !peopleOk || ix.waitPositions.size > 0;
}

function waitResult(w: Work, unit: string, already: boolean): SeatResult {
  return { kind: 'waitlisted', position: indexOf(w).waitPositions.get(unit) ?? 0, already };
}

function applyOne(w: Work, op: SeatOp): SeatResult {
  if (op.kind === 'register') return register(w, op);
  const result = applyOther(w, op);
  // These ops may remove, move or promote entries anywhere in the list: index afresh when next needed.
  w.index = undefined;
  return result;
}

function applyOther(w: Work, op: Exclude<SeatOp, { kind: 'register' }>): SeatResult {
  switch (op.kind) {
    case 'cancel': {
      const idx = w.entries.findIndex((e) => e.userId === op.userId);
      if (idx < 0) return { kind: 'notRegistered' };
      const [removed] = w.entries.splice(idx, 1);
      w.cancelled.push({ userId: op.userId, at: w.at });
      return { kind: 'cancelled', promoted: promote(w.entries, w.capacity, w.peopleCapacity), ...(removed ? { removed } : {}) };
    }
    case 'registerTeam':
      return registerTeam(w, op);
    case 'changeTeam':
      return changeTeam(w, op);
    case 'cancelTeam': {
      const members = w.entries.filter((e) => e.teamId === op.teamId);
      if (members.length === 0) return { kind: 'notRegistered' };
      w.entries = w.entries.filter((e) => e.teamId !== op.teamId);
      for (const m of members) w.cancelled.push({ userId: m.userId, at: w.at });
      return { kind: 'cancelled', promoted: promote(w.entries, w.capacity, w.peopleCapacity) };
    }
    case 'merge':
      return merge(w, op);
  }
}

function register(w: Work, op: Extract<SeatOp, { kind: 'register' }>): SeatResult {
  const ix = indexOf(w);
  const existing = ix.byUser.get(op.userId);
  if (existing) return existing.status === 'registered' ? { kind: 'registered', already: true } : waitResult(w, unitOf(existing), true);
  const entry: SeatEntry = {
    userId: op.userId,
    status: full(w, 1) ? 'waitlisted' : 'registered',
    at: w.at,
    ...(op.mri ? { mri: op.mri } : {}),
    ...(op.byUserId ? { byUserId: op.byUserId } : {}),
  };
  w.entries.push(entry);
  ix.byUser.set(entry.userId, entry);
  const unit = unitOf(entry);
  if (entry.status === 'registered') {
    ix.registeredUnits.add(unit);
    ix.registeredPeople++;
    return { kind: 'registered', already: false };
  }
  ix.waitPositions.set(unit, ix.waitPositions.size + 1);
  return waitResult(w, unit, false);
}

function registerTeam(w: Work, op: Extract<SeatOp, { kind: 'registerTeam' }>): SeatResult {
  const own = w.entries.find((e) => e.teamId === op.teamId);
  if (own) return own.status === 'registered' ? { kind: 'registered', already: true } : waitResult(w, unitOf(own), true);
  const taken = op.members.filter((m) => w.entries.some((e) => e.userId === m.userId)).map((m) => m.userId);
  if (taken.length > 0) return { kind: 'taken', userIds: taken };
  if (op.peopleCapacity !== undefined) w.peopleCapacity = op.peopleCapacity;
  if (w.peopleCapacity !== undefined && op.members.length > w.peopleCapacity) return { kind: 'tooManyPeople' };
  const status = full(w, op.members.length) ? 'waitlisted' : 'registered';
  const members = [...new Map(op.members.map((m) => [m.userId, m])).values()];
  for (const m of members) {
    w.entries.push({ userId: m.userId, status, at: w.at, teamId: op.teamId, byUserId: op.byUserId, ...(m.mri ? { mri: m.mri } : {}) });
  }
  // The index full() used no longer holds: the wait position below counts the team just added.
  w.index = undefined;
  return status === 'registered' ? { kind: 'registered', already: false } : waitResult(w, `team:${op.teamId}`, false);
}

function changeTeam(w: Work, op: Extract<SeatOp, { kind: 'changeTeam' }>): SeatResult {
  const current = w.entries.filter((e) => e.teamId === op.teamId);
  const head = current[0];
  if (!head) return { kind: 'notRegistered' };
  const add = op.add.filter((m) => !current.some((e) => e.userId === m.userId));
  const taken = add.filter((m) => w.entries.some((e) => e.userId === m.userId)).map((m) => m.userId);
  if (taken.length > 0) return { kind: 'taken', userIds: taken };
  const removing = current.filter((e) => op.remove.includes(e.userId));
  if (head.status === 'registered' && !peopleFit(w.entries, w.peopleCapacity, add.length - removing.length)) return { kind: 'tooManyPeople' };
  w.entries = w.entries.filter((e) => !(e.teamId === op.teamId && op.remove.includes(e.userId)));
  for (const r of removing) w.cancelled.push({ userId: r.userId, at: w.at });
  // New members join the team where it stands in the list.
  const last = w.entries.map((e) => e.teamId).lastIndexOf(op.teamId);
  const added: SeatEntry[] = add.map((m) => ({ userId: m.userId, status: head.status, at: w.at, teamId: op.teamId, byUserId: op.byUserId, ...(m.mri ? { mri: m.mri } : {}) }));
  w.entries.splice(last < 0 ? w.entries.length : last + 1, 0, ...added);
  return { kind: 'teamChanged', promoted: promote(w.entries, w.capacity, w.peopleCapacity) };
}

function merge(w: Work, op: Extract<SeatOp, { kind: 'merge' }>): SeatResult {
  const idx = w.entries.findIndex((e) => e.userId === op.fromUserId);
  const from = w.entries[idx];
  if (!from || op.fromUserId === op.toUserId) return { kind: 'merged', changed: false };
  if (w.entries.some((e) => e.userId === op.toUserId)) {
    // Already there under the real id: the duplicate goes, and its place (if it held one) is freed.
    w.entries.splice(idx, 1);
    promote(w.entries, w.capacity, w.peopleCapacity);
  } else {
    w.entries[idx] = { ...from, userId: op.toUserId, ...(op.mri ? { mri: op.mri } : {}) };
  }
  return { kind: 'merged', changed: true };
}
