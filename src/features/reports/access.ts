import { Refusal } from '../refusal';
import type { Activity } from '../../kernel/activity';
import type { Organization, Person } from '../../kernel/people';
import { personKey } from '../attendance';
import type { Viewer } from '../roles';
import type { QuestionKind } from './question';
import { peopleIds, toRecords, type ActivityRecords } from './records';
import type { ReportStore } from './store';

// Every read of people's registrations and attendance for someone other than themselves goes
// through readRecords: it decides what the viewer may see, filters the rows to that, and tells
// onAccess (the access log's hook) who read what, by ids only.

export type Scope = { kind: 'all' } | { kind: 'organization'; organizationId: string } | { kind: 'self'; aadObjectId: string };

export function scopeOf(viewer: Viewer): Scope {
  if (viewer.coordinator) return { kind: 'all' };
  if (viewer.managerOf) return { kind: 'organization', organizationId: viewer.managerOf };
  return { kind: 'self', aadObjectId: viewer.aadObjectId };
}

/** Members ask about themselves ("who attended" shows their own row); statistics are for coordinators and managers. */
export function mayAsk(scope: Scope, kind: QuestionKind): boolean {
  return scope.kind !== 'self' || kind === 'attended' || kind === 'registered';
}

function inScope(scope: Scope, row: { organizationId: string | null; aadObjectId?: string | undefined; personKey: string }): boolean {
  if (scope.kind === 'all') return true;
  if (scope.kind === 'organization') return row.organizationId === scope.organizationId;
  return row.personKey === personKey({ aadObjectId: scope.aadObjectId });
}

export interface AccessEvent {
  viewerId: string;
  purpose: QuestionKind;
  export: boolean;
  scope: Scope['kind'];
  organizationId?: string;
  activityIds: string[];
  rows: number;
}

export interface AccessDeps {
  store: Pick<ReportStore, 'presence' | 'seats'>;
  people(ids: readonly string[]): Promise<Map<string, Person>>;
  /** For attributing people nobody placed by their e-mail domain. */
  organizations?(): Promise<Organization[]>;
  onAccess(event: AccessEvent): void;
}

async function mapLimit<T, R>(items: readonly T[], limit: number, fn: (t: T) => Promise<R>): Promise<R[]> {
  const out: R[] = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      out[i] = await fn(items[i] as T);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return out;
}

/** The records of these activities that the viewer may see; the only way the reports read them. */
export async function readRecords(
  deps: AccessDeps,
  viewer: Viewer,
  input: { purpose: QuestionKind; export: boolean; activities: readonly Activity[] },
): Promise<{ scope: Scope; records: ActivityRecords[] }> {
  const scope = scopeOf(viewer);
  if (!mayAsk(scope, input.purpose)) throw new Refusal('rep_err_statsNotForMembers');
  const raw = await mapLimit(input.activities, 8, async (activity) => {
    const [presence, seats] = await Promise.all([deps.store.presence(activity.id), deps.store.seats(activity.id)]);
    return { activity, presence, seats };
  });
  const [people, orgs] = await Promise.all([deps.people([...new Set(raw.flatMap((r) => peopleIds(r.presence, r.seats)))]), deps.organizations?.() ?? []]);
  let rows = 0;
  const records = raw.map(({ activity, presence, seats }) => {
    const all = toRecords(activity, presence, seats, people, orgs);
    const rec: ActivityRecords = {
      ...all,
      presence: all.presence.filter((r) => inScope(scope, r)),
      registrations: all.registrations.filter((r) => inScope(scope, r)),
    };
    rows += rec.presence.length + rec.registrations.length;
    return rec;
  });
  deps.onAccess({
    viewerId: viewer.aadObjectId,
    purpose: input.purpose,
    export: input.export,
    scope: scope.kind,
    ...(scope.kind === 'organization' ? { organizationId: scope.organizationId } : {}),
    activityIds: input.activities.map((a) => a.id),
    rows,
  });
  return { scope, records };
}
