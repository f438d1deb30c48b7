import { randomBytes } from 'node:crypto';
import type { Logger } from 'pino';
import type { Activity } from '../../kernel/activity';
import { organizationOfAddress, OrganizationSchema, PersonSchema, type Person } from '../../kernel/people';
import { notifyPromoted } from '../registration';
import type { PrivacyPorts } from './ports';
import { CONTAINERS, type ContainerName } from '../../platform/cosmos/containers';
import type { Store } from '../../platform/cosmos/client';
import { anonymize, mentions, ANON_PREFIX, type Subject } from './anonymize';
import { createOnce, query, rewrite } from './docs';
import { erasureId, type PrivacySalt } from './salt';

// Erasure on request: the person's profile, roles, conversation references and roster places
// go; registrations, attendance and ratings stay as anonymous rows with the organisation, so
// last year's figures stay true. Every container is scanned, so a field added later that
// names the person is caught too.

export interface EraseResult {
  anonId: string;
  changed: number;
  deleted: number;
  cancelledRegistrations: number;
}

const MAX_ROUNDS = 5;

export class Eraser {
  constructor(
    private readonly store: Pick<Store, 'container'>,
    private readonly log: Logger,
    private readonly salt: Pick<PrivacySalt, 'get'>,
  ) {}

  /** Who the person is known as: from the directory and from attendance they appear in. */
  async subject(userId: string): Promise<Subject> {
    const directory = this.store.container('directory');
    const people = await query(directory, 'directory', "SELECT * FROM c WHERE c.type = 'person' AND (c.aadObjectId = @u OR c.mergedInto = @u)", [{ name: '@u', value: userId }]);
    const persons: Person[] = people.flatMap((p) => {
      const r = PersonSchema.safeParse(p.doc);
      return r.success ? [r.data] : [];
    });
    const att = await query(this.store.container('activities'), 'activities', "SELECT c.person FROM c WHERE c.type = 'attendance' AND c.person.aadObjectId = @u", [{ name: '@u', value: userId }]);
    const seen = att.map((a) => a.doc);
    const texts = (pick: (p: Record<string, unknown>) => unknown[]) => [
      ...new Set([...persons.flatMap((p) => pick({ ...p })), ...seen.flatMap((a) => pick(personOf(a)))].flatMap((v) => (typeof v === 'string' && v.trim() ? [v.trim()] : []))),
    ];
    const addresses = texts((p) => [p.email, p.upn]).map((a) => a.toLowerCase());
    const orgDocs = await query(directory, 'directory', "SELECT * FROM c WHERE c.pk = 'organizations' AND c.type = 'organization'");
    const orgs = orgDocs.flatMap((o) => {
      const r = OrganizationSchema.safeParse({ ...o.doc, id: String(o.doc.id).replace(/^org-/, '') });
      return r.success ? [r.data] : [];
    });
    const domainOrganizationId = addresses.map((a) => organizationOfAddress(a, orgs)).find((o) => !!o);
    return {
      ids: [...new Set([userId, ...persons.map((p) => p.aadObjectId)])],
      mris: texts((p) => [p.mri]),
      names: texts((p) => [p.name]),
      addresses,
      anonId: `${ANON_PREFIX}${randomBytes(10).toString('hex')}`,
      ...(domainOrganizationId ? { domainOrganizationId } : {}),
    };
  }

  /**
   * Erases the person. Places in activities still to come are given up first (the waitlist
   * moves up as on a cancel); then every document naming them is rewritten under If-Match,
   * round after round until a scan finds nothing (a concurrent write only delays it).
   */
  async erase(ports: PrivacyPorts, userId: string, by: string): Promise<EraseResult> {
    const subject = await this.subject(userId);
    const own = await ports.directory.person(userId);
    const cancelled = await this.giveUpFuturePlaces(ports, userId);
    // The stand-in keeps what the statistics count: organisation and job role, no name, and
    // not the text typed for an organisation not in the list (it could name the person).
    const stand = own?.doc;
    const anonPerson: Record<string, unknown> = {
      id: `person-${subject.anonId}`,
      pk: `person-${subject.anonId}`,
      type: 'person',
      aadObjectId: subject.anonId,
      roles: [],
      updatedAt: ports.now().toISOString(),
    };
    if (stand?.organizationId) anonPerson.organizationId = stand.organizationId;
    else if (subject.domainOrganizationId) anonPerson.organizationId = subject.domainOrganizationId;
    if (stand?.jobRole) anonPerson.jobRole = stand.jobRole;
    await createOnce(this.store.container('directory'), anonPerson);
    // A tombstone keyed with the secret salt: the scheduler skips jobs to this id that were in
    // flight, and a list of ids does not tell who was erased.
    const tomb = erasureId(await this.salt.get(), userId);
    await createOnce(this.store.container('directory'), { id: tomb, pk: tomb, type: 'erasure', at: ports.now().toISOString() });

    let changed = 0;
    let deleted = 0;
    for (let round = 0; round < MAX_ROUNDS; round++) {
      let pending = 0;
      for (const name of Object.keys(CONTAINERS).flatMap((k) => (isContainer(k) ? [k] : []))) {
        const container = this.store.container(name);
        const all = await query(container, name, 'SELECT * FROM c');
        for (const s of all) {
          if (s.id === anonPerson.id || !mentions(s.doc, subject)) continue;
          const next = anonymize(name, s.doc, subject);
          const outcome = await rewrite(container, s, next);
          if (outcome === 'changedMeanwhile') pending++;
          else if (next === null) deleted++;
          else changed++;
        }
      }
      if (pending === 0) break;
    }
    this.log.info({ by, anonId: subject.anonId, changed, deleted, cancelled }, 'person erased');
    return { anonId: subject.anonId, changed, deleted, cancelledRegistrations: cancelled };
  }

  private async giveUpFuturePlaces(ports: PrivacyPorts, userId: string): Promise<number> {
    let count = 0;
    const now = ports.now().getTime();
    for (const seats of await ports.activities.seatsWithUser(userId)) {
      const entry = seats.entries.find((e) => e.userId === userId);
      if (!entry || entry.teamId) continue;
      const activity = (await ports.activities.get(seats.activityId))?.doc;
      if (!activity || !stillToCome(activity, seats.scope, now)) continue;
      const commit = await ports.seats.submit({ activityId: activity.id, scope: seats.scope, capacity: activity.capacity, op: { kind: 'cancel', userId } });
      if (commit.result.kind !== 'cancelled') continue;
      count++;
      await notifyPromoted(ports, activity, seats.scope, [...commit.promotedByCapacity, ...commit.result.promoted]);
      ports.events.emit('seatsChanged', { activityId: activity.id });
    }
    return count;
  }
}

function isContainer(k: string): k is ContainerName {
  return k in CONTAINERS;
}

function personOf(doc: Record<string, unknown>): Record<string, unknown> {
  const p = doc.person;
  return p && typeof p === 'object' && !Array.isArray(p) ? Object.fromEntries(Object.entries(p)) : {};
}

function stillToCome(activity: Activity, scope: string, now: number): boolean {
  const session = activity.sessions.find((s) => s.id === scope);
  const end = session ? Date.parse(session.end) : lastSessionEnd(activity);
  return end > now;
}

/** When the activity's last session ends, epoch ms (0 when it has none). */
export function lastSessionEnd(activity: Activity): number {
  return Math.max(0, ...activity.sessions.map((s) => Date.parse(s.end)).filter((t) => Number.isFinite(t)));
}
