// Shared fixtures for the unit tests. Names and facts come from the network the product was
// designed for (/work/shared/data/region.json): Mittuniversitetet and the municipalities of
// Jämtland, Västernorrland and northern Hälsingland. Copied here so the tests do not read
// files outside the repository.
import type { Activity, Session } from '../../src/kernel/activity';
import { emptySeats, type SeatEntry, type Seats } from '../../src/kernel/seats';
import type { Lang } from '../../src/platform/i18n';
import type { Actor } from '../../src/kernel/actor';
import type { ActivityPorts } from '../../src/features/activities/ports';
import type { RegistrationPorts } from '../../src/features/registration/ports';

/** The ports of the card builders and use cases these fixtures drive. */
type StubPorts = ActivityPorts & RegistrationPorts;

export type Json = Record<string, unknown>;

export const ORGANIZATIONS = [
  { id: 'ostersund', name: 'Östersunds kommun' },
  { id: 'are', name: 'Åre kommun' },
  { id: 'harnosand', name: 'Härnösands kommun' },
  { id: 'solleftea', name: 'Sollefteå kommun' },
  { id: 'ange', name: 'Ånge kommun' },
  { id: 'ornskoldsvik', name: 'Örnsköldsviks kommun' },
  { id: 'miun', name: 'Mittuniversitetet' },
  { id: 'spsm', name: 'Specialpedagogiska skolmyndigheten' },
] as const;

export const PEOPLE = ['Åsa Öberg', 'Björn Ängström', 'Märta Sjöström', 'Örjan Hällström', 'Ylva Åkesson'] as const;

/** A Teams-like meeting join link (real ones are a few hundred characters). */
export const MEETING_URL =
  'https://teams.microsoft.com/l/meetup-join/19%3ameeting_NzQ2ZjY4YjQtZDc1Ni00YjM4LWE3ZjUtOTQ0ZTFkNjM0ZWQ3%40thread.v2/0?context=%7b%22Tid%22%3a%22c2c1a0b4-1f2e-4d3c-9b8a-7a6b5c4d3e2f%22%2c%22Oid%22%3a%2214b3c2d1-0a9f-4e8d-b7c6-a5b4c3d2e1f0%22%7d';

/** The title used to check that user text is never interpreted as markdown, HTML or a template. */
export const EVIL_TITLE = '**fet** [länk](https://evil.example) ${evil} <b>x</b>';

/** A text of exactly n characters with Swedish letters, like a long pasted description. */
export function longText(n: number, seed = 'Kollegialt lärande på förskolor och skolor i Härjedalen och Örnsköldsvik. '): string {
  let s = '';
  while (s.length < n) s += seed;
  return s.slice(0, n);
}

/** Sessions on consecutive Tuesdays from 8 December 2026, 09:00–11:00 Stockholm time (08:00–10:00 UTC). */
export function weeklySessions(count: number, withLink = true): Session[] {
  const out: Session[] = [];
  for (let i = 0; i < count; i++) {
    const day = new Date(Date.UTC(2026, 11, 8 + 7 * i, 8, 0));
    const end = new Date(day.getTime() + 2 * 3600_000);
    out.push({
      id: `s${i + 1}`,
      start: day.toISOString(),
      end: end.toISOString(),
      status: 'scheduled',
      ...(withLink ? { meetingUrl: MEETING_URL } : {}),
    });
  }
  return out;
}

/** A published seminar: "Att leda en likvärdig skola", one session on Tuesday 8 December 2026 09:00–11:00. */
export function activityFixture(over: Partial<Activity> = {}): Activity {
  return {
    id: 'act-likvardig',
    activityId: 'act-likvardig',
    type: 'activity',
    title: 'Att leda en likvärdig skola',
    kind: 'seminar',
    purpose: 'Att förbereda skolans arbete med likvärdighet – från förskola till vuxenutbildning.',
    targetGroup: 'Rektorer och förskolechefer i Jämtland, Västernorrland och Hälsingland.',
    format: 'Digitalt seminarium i Teams med samtal i mindre grupper.',
    prerequisites: { before: 'Läs kapitel 1 i Skolverkets stödmaterial.', during: 'Kamera och mikrofon.', after: 'Pröva en övning med kollegorna.' },
    sessions: weeklySessions(1),
    capacity: 30,
    minParticipants: 5,
    deadline: '2026-12-01',
    registrationMode: 'session',
    status: 'published',
    createdBy: 'aad-coordinator',
    createdAt: '2026-11-01T08:00:00.000Z',
    updatedAt: '2026-11-01T08:00:00.000Z',
    publishedAt: '2026-11-02T08:00:00.000Z',
    ...over,
  };
}

/** A series: "Framgångsrikt kollegialt lärande", five meetings, one registration for all. */
export function seriesFixture(over: Partial<Activity> = {}): Activity {
  return activityFixture({
    id: 'act-kollegialt',
    activityId: 'act-kollegialt',
    title: 'Framgångsrikt kollegialt lärande',
    kind: 'series',
    registrationMode: 'series',
    sessions: weeklySessions(5),
    capacity: 12,
    ...over,
  });
}

/** Before the deadline of the fixtures (1 December 2026). */
export const NOW = new Date('2026-11-20T10:00:00.000Z');

/**
 * A Teams user id (MRI) as long as real ones ("29:1" + ~86 characters), deterministic per user,
 * so card sizes measured with many registrants are realistic.
 */
export function mriOf(userId: string): string {
  let h = 2166136261;
  let body = '';
  while (body.length < 86) {
    for (const ch of userId + body.length) h = Math.imul(h ^ ch.charCodeAt(0), 16777619) >>> 0;
    body += h.toString(36);
  }
  return `29:1${body.slice(0, 86)}`;
}

export function entry(userId: string, status: SeatEntry['status'], over: Partial<SeatEntry> = {}): SeatEntry {
  return { userId, status, at: '2026-11-10T10:00:00.000Z', mri: mriOf(userId), ...over };
}

/** A seat list with the given registered and waitlisted user ids (in that order). */
export function seatsFixture(scope: string, capacity: number, registered: string[], waitlisted: string[] = [], activityId = 'act-likvardig'): Seats {
  const s = emptySeats(activityId, scope, capacity);
  s.entries = [...registered.map((u) => entry(u, 'registered')), ...waitlisted.map((u) => entry(u, 'waitlisted'))];
  s.userIds = s.entries.map((e) => e.userId);
  return s;
}

/** Form inputs as the activity form card submits them (strings, sessions flattened to s0_date, …). */
export function rawForm(over: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    title: 'Läslyftet – kick-off för rektorer',
    kind: 'seminar',
    purpose: 'Att förbereda skolans arbete med Läslyftet.',
    targetGroup: 'Rektorer och förstelärare i Östersunds och Åre kommuner.',
    format: 'Digitalt seminarium',
    prepBefore: 'Läs modul 1',
    prepDuring: '',
    prepAfter: '',
    capacity: '30',
    minParticipants: '5',
    deadline: '2026-12-01',
    registrationMode: 'session',
    s0_date: '2026-12-08',
    s0_start: '09:00',
    s0_end: '11:00',
    s0_link: MEETING_URL,
    ...over,
  };
}

/** A Teams user as the handlers see them. */
export function actorFixture(lang: Lang, id = 'aad-asa'): Actor {
  return { aadObjectId: id, mri: mriOf(id), name: 'Åsa Öberg', serviceUrl: 'https://smba.trafficmanager.net/emea/', lang };
}

/**
 * Just enough of Services for the card builders in src/features/registration/replies.ts: the organisation list,
 * seat lists holding a user, activities by id and the clock. Anything else throws.
 */
export function stubServices(input: { activities?: Activity[]; seatLists?: Seats[]; now?: Date } = {}): StubPorts {
  const activities = new Map((input.activities ?? []).map((a) => [a.id, a]));
  const svc = {
    now: () => input.now ?? NOW,
    directory: { organizations: async () => ORGANIZATIONS.map((o) => ({ ...o, kind: 'municipality' as const })) },
    activities: {
      get: async (id: string) => {
        const doc = activities.get(id);
        return doc ? { doc, etag: '"1"' } : null;
      },
      seatsWithUser: async (userId: string) => (input.seatLists ?? []).filter((s) => s.userIds.includes(userId)),
    },
  };
  return new Proxy(svc, {
    get(target, prop) {
      if (typeof prop === 'symbol' || prop in target) return target[prop as keyof typeof target];
      throw new Error(`stubServices: ${String(prop)} is not stubbed`);
    },
  }) as unknown as StubPorts;
}

// --- reading cards -----------------------------------------------------------------------

export function walk(node: unknown, visit: (n: Json) => void): void {
  if (Array.isArray(node)) node.forEach((n) => walk(n, visit));
  else if (node && typeof node === 'object') {
    visit(node as Json);
    Object.values(node as Json).forEach((v) => walk(v, visit));
  }
}

export function nodesOfType(card: unknown, type: string): Json[] {
  const out: Json[] = [];
  walk(card, (n) => {
    if (n.type === type) out.push(n);
  });
  return out;
}

/** Every string anywhere in the card (keys' values, at any depth). */
export function allStrings(node: unknown): string[] {
  const out: string[] = [];
  const go = (v: unknown) => {
    if (typeof v === 'string') out.push(v);
    else if (Array.isArray(v)) v.forEach(go);
    else if (v && typeof v === 'object') Object.values(v).forEach(go);
  };
  go(node);
  return out;
}

export function byteSize(card: unknown): number {
  return Buffer.byteLength(JSON.stringify(card), 'utf8');
}

/** Parts of EVIL_TITLE that would show up changed if rendered as markdown, HTML or a template. */
export const EVIL_FRAGMENTS = ['**fet**', 'evil.example', '${evil}', '<b>x</b>'] as const;

/**
 * Places where user text could be interpreted: any text-like property holding a fragment of
 * EVIL_TITLE, except a TextRun's text (RichTextBlock: never markdown) and an input's value.
 */
export function markdownExposures(card: unknown): { type: string; key: string; value: string }[] {
  const out: { type: string; key: string; value: string }[] = [];
  walk(card, (n) => {
    for (const key of ['text', 'title', 'value', 'label', 'placeholder', 'fallbackText', 'speak', 'altText']) {
      const v = n[key];
      if (typeof v !== 'string' || !EVIL_FRAGMENTS.some((f) => v.includes(f))) continue;
      const type = String(n.type);
      if ((type === 'TextRun' && key === 'text') || (type.startsWith('Input.') && key === 'value')) continue;
      out.push({ type, key, value: v });
    }
  });
  return out;
}
