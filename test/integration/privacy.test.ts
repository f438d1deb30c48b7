// Erasure, a person's own data, the access log and retention over real HTTP on the embedded
// Cosmos server with the demo data: after an erase no container names the person, and the
// annual report's figures are what they were.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import ExcelJS from 'exceljs';
import { buildDemo } from '../../src/features/demo/build';
import { writeDemo } from '../../src/features/demo/write';
import { answer } from '../../src/features/reports/answer';
import { reportDeps } from '../../src/features/reports/service';
import { CONTAINERS, type ContainerName } from '../../src/platform/cosmos/containers';
import { actions, allText, invokeMessage, sentCard, walk, type Json } from '../support/cards';
import { ask as askBot } from '../support/cards';
import { createPublished, registerWithProfile, seminarFormAt } from '../support/flows';
import { fixedClock, startHarness, type Harness } from '../support/harness';
import { invoke, message, TENANT, user, type User } from '../support/teams';

const demo = buildDemo();
const coordinator = user('c9');
const manager = user('m9');
const clock = fixedClock('2023-01-15T10:00:00Z');

/** A demo person with registrations and attendance, as a Teams user. */
function demoUser(skip: number): { u: User; addresses: string[] } {
  const withAttendance = demo.people.filter((p) => p.name && demo.attendance.some((x) => x.person.aadObjectId === p.aadObjectId) && demo.seats.some((s) => s.userIds.includes(p.aadObjectId)));
  const p = withAttendance[skip];
  if (!p) throw new Error('no demo person');
  const addresses = demo.attendance
    .filter((x) => x.person.aadObjectId === p.aadObjectId)
    .flatMap((x) => [x.person.email, x.person.upn])
    .flatMap((v) => (v ? [v] : []));
  return { u: { aad: p.aadObjectId, name: p.name ?? '' }, addresses: [...new Set([...addresses, ...(p.email ? [p.email] : [])])] };
}

function mention(u: User) {
  return { type: 'mention', text: `<at>${u.name}</at>`, mentioned: { id: `29:${u.aad}`, name: u.name } };
}

describe('personal data over HTTP', () => {
  let h: Harness;

  const ask = (u: User, text: string, extra: object = {}) => askBot(h, (url) => ({ ...message(url, u, text), ...extra }));

  /** Every document of every container that names any of these strings (case-insensitive). */
  async function scan(needles: string[]): Promise<string[]> {
    const found: string[] = [];
    for (const name of Object.keys(CONTAINERS) as ContainerName[]) {
      const { resources } = await h.app.store.container(name).items.query('SELECT * FROM c').fetchAll();
      for (const r of resources) {
        const json = JSON.stringify(r).toLowerCase();
        for (const n of needles) if (n && json.includes(n.toLowerCase())) found.push(`${name}/${String(r.id)}: ${n}`);
      }
    }
    return found;
  }

  async function annual() {
    const a = await answer(reportDeps({ ...h.app, now: () => clock.now() }), { aadObjectId: coordinator.aad, coordinator: true, managerOf: null }, { text: 'årsrapport 2020-2022', lang: 'sv' });
    if (a.kind !== 'report') throw new Error('expected a report');
    // Rows with equal figures may come in another order once names are gone.
    return { facts: a.report.facts, figures: a.report.figures.map((f) => ({ id: f.id, rows: f.rows.map((r) => JSON.stringify(r)).sort() })) };
  }

  beforeAll(async () => {
    h = await startHarness({ coordinators: [coordinator.aad], clock, env: { ALLOWED_TENANTS: TENANT, LINK_SECRET: 'privacy-test-secret-privacy-test-secret' } });
    await writeDemo({ activities: h.app.store.container('activities'), directory: h.app.store.container('directory') }, demo);
    await ask(manager, 'hej');
    await ask(coordinator, `lägg till chef ${manager.name} Sundsvall`, { entities: [mention(manager)] });
  });
  afterAll(async () => {
    await h.close();
  });

  it('"my data" lists the person\'s registrations and attendance, and the JSON and XLSX links give them only to that person', async () => {
    const { u } = demoUser(0);
    const r = await ask(u, 'mina uppgifter');
    expect(r.card).toBeDefined();
    const urls: string[] = [];
    walk(r.card, (n) => {
      if (n.type === 'Action.OpenUrl') urls.push(String(n.url));
    });
    const jsonUrl = urls.find((url) => url.includes('mydata.json'));
    const xlsxUrl = urls.find((url) => url.includes('mydata.xlsx'));
    expect(jsonUrl).toBeDefined();
    const res = await fetch(String(jsonUrl));
    expect(res.status).toBe(200);
    const body = (await res.json()) as { userId: string; registrations: unknown[]; attendance: unknown[]; profile: { field: string; value: unknown }[] };
    expect(body.userId).toBe(u.aad);
    expect(body.registrations.length).toBeGreaterThan(0);
    expect(body.attendance.length).toBeGreaterThan(0);
    expect(body.profile.find((p) => p.field === 'name')?.value).toBe(u.name);
    const x = await fetch(String(xlsxUrl));
    expect(x.status).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(await x.arrayBuffer());
    expect(wb.worksheets.length).toBeGreaterThanOrEqual(5);
    // A tampered token is refused.
    expect((await fetch(String(jsonUrl).replace(/t=([^&]{5})/, 't=AAAAA'))).status).toBe(403);
  });

  it('"mina uppgifter" reads as a page about the person: organisation and role by name, sessions and statuses in words, no field names or ISO dates', async () => {
    const { u } = demoUser(4);
    const person = demo.people.find((p) => p.aadObjectId === u.aad);
    const r = await ask(u, 'mina uppgifter');
    const text = r.text;
    expect(text).toContain(`Namn: ${u.name}`);
    const org = (await h.app.directory.organizations()).find((o) => o.id === person?.organizationId);
    if (org) expect(text).toContain(`Organisation: ${org.name}`);
    else expect(text).toContain(`Organisation: ${person?.organizationOther ?? ''}`);
    expect(text).toMatch(/Yrkesroll: [A-ZÅÄÖ]/);
    // A registration: the activity's title, the session in words, and "anmäld"/"på väntelistan".
    const titles = new Set(demo.seats.filter((s) => s.userIds.includes(u.aad)).map((s) => demo.activities.find((a) => a.id === s.activityId)?.title ?? ''));
    const lines = text.split('\n').filter((l) => / · (anmäld|på väntelistan)/.test(l));
    expect(lines.length).toBeGreaterThan(0);
    for (const line of lines) {
      expect(titles.has(line.split(' · ')[0] ?? '')).toBe(true);
      expect(line).toMatch(/ · ([a-zåäö]+dag \d{1,2} [a-zåäö]+ \d{4} \d{2}:\d{2}|hela serien, .* från [a-zåäö]+dag .*)/);
    }
    expect(text).toMatch(/närvarande|ingen närvaro registrerad/);
    expect(text).not.toMatch(/\b(field|value|organizationId|jobRole|activityId|scope|status|kind|dueAt|sentAt|at): /);
    expect(text).not.toMatch(/\d{4}-\d{2}-\d{2}/);
    expect(text).not.toContain(u.aad);
  });

  it('a forged confirmation naming someone else changes nothing, from a member or a manager', async () => {
    const { u: victim } = demoUser(1);
    const { u: member } = demoUser(2);
    for (const who of [member, manager]) {
      const text = invokeMessage(await h.send(invoke(h.connector.url, who, 'privacy.erase.confirm', { target: victim.aad })));
      expect(text).toContain('bara samordnare');
    }
    expect(await h.app.directory.person(victim.aad)).not.toBeNull();
    expect((await ask(manager, `radera person ${victim.name}`, { entities: [mention(victim)] })).text).toContain('bara samordnare');
    // A malformed payload is refused as well.
    expect(invokeMessage(await h.send(invoke(h.connector.url, member, 'privacy.erase.confirm', { target: 'x y' })))).toContain('knappen');
  });

  it('erasing oneself leaves no trace of the id, name or addresses in any container, and the annual report is unchanged', async () => {
    const { u, addresses } = demoUser(0);
    const before = await annual();
    expect((await scan([u.aad])).length).toBeGreaterThan(0);
    const ask1 = await ask(u, 'radera mina uppgifter');
    expect(actions(ask1.card).some((a) => a.verb === 'privacy.erase.confirm')).toBe(true);
    const done = invokeMessage(await h.send(invoke(h.connector.url, u, 'privacy.erase.confirm', {})));
    expect(done).toContain('raderade');
    expect(await scan([u.aad, u.name, `29:${u.aad}`, ...addresses])).toEqual([]);
    expect(await annual()).toEqual(before);
  });

  it('a coordinator erases a person named by @mention, and the access log records it and earlier reads', async () => {
    const { u: victim, addresses } = demoUser(3);
    // They have talked to the bot, so the @mention resolves.
    await ask(victim, 'hej');
    await ask(coordinator, 'vilka deltog i RUN-konferens');
    const card = (await ask(coordinator, `radera person ${victim.name}`, { entities: [mention(victim)] })).card;
    const confirm = actions(card).find((a) => a.verb === 'privacy.erase.confirm');
    expect(confirm?.data).toEqual({ target: victim.aad });
    invokeMessage(await h.send(invoke(h.connector.url, coordinator, 'privacy.erase.confirm', confirm?.data ?? {})));
    expect(await scan([victim.aad, victim.name, ...addresses])).toEqual([]);
    await h.app.privacy?.accessLog.idle();
    const log = await ask(coordinator, 'åtkomstlogg');
    expect(log.text).toContain('attended');
    expect(log.text).toContain('erase');
    expect(log.text).not.toContain(victim.name);
    expect((await ask(manager, 'åtkomstlogg')).text).toContain('bara samordnare');
  });

  it('retention: after the configured months the purge leaves no person in an old activity, the report stays, and a second run does nothing', async () => {
    clock.set('2023-01-15T10:00:00Z');
    const before = await annual();
    const old = demo.activities.find((a) => a.id === 'demo-run-konferens-2022');
    const inIt = demo.seats
      .filter((s) => s.activityId === old?.id)
      .flatMap((s) => s.userIds)
      .slice(0, 3);
    expect(inIt.length).toBeGreaterThan(0);
    clock.set('2030-01-01T00:00:00Z');
    const retention = h.app.retention;
    const first = await retention.run();
    expect(first.activities).toBeGreaterThan(0);
    const { resources } = await h.app.store
      .container('activities')
      .items.query({ query: 'SELECT * FROM c WHERE c.activityId = @a', parameters: [{ name: '@a', value: old?.id ?? '' }] })
      .fetchAll();
    const json = JSON.stringify(resources);
    for (const id of inIt) expect(json).not.toContain(id);
    expect(json).not.toMatch(/"texts":\{"/);
    expect(await annual()).toEqual(before);
    const second = await retention.run();
    expect(second).toEqual({ texts: 0, activities: 0, accessLog: expect.any(Number), linkUses: expect.any(Number) });
    // The access log of 2023 is past its 24 months now.
    expect((await ask(coordinator, 'åtkomstlogg')).text).not.toContain('erase');
  });
});

describe('erasure and the scheduler', () => {
  let h: Harness;
  const clock = fixedClock('2026-11-01T10:00:00Z');
  const seminarForm = seminarFormAt(clock.now());

  async function scan(needles: string[]): Promise<string[]> {
    const found: string[] = [];
    for (const name of Object.keys(CONTAINERS) as ContainerName[]) {
      const { resources } = await h.app.store.container(name).items.query('SELECT * FROM c').fetchAll();
      for (const r of resources) for (const n of needles) if (JSON.stringify(r).toLowerCase().includes(n.toLowerCase())) found.push(`${name}/${String(r.id)}`);
    }
    return found;
  }
  async function ask(u: User, text: string): Promise<void> {
    expect((await h.send(message(h.connector.url, u, text))).status).toBe(200);
  }

  beforeAll(async () => {
    h = await startHarness({ coordinators: [coordinator.aad], clock });
  });
  afterAll(async () => {
    await h.close();
  });

  it('someone erased with a reminder due gets nothing, and whoever waited moves up', async () => {
    const { activityId } = await createPublished(h, coordinator, seminarForm({ capacity: 1, minParticipants: 1 }));
    const gone = user('p1');
    const waiting = user('p2');
    await ask(gone, 'hej');
    await ask(waiting, 'hej');
    await registerWithProfile(h, gone, activityId);
    await registerWithProfile(h, waiting, activityId);
    await h.app.scheduler.planNow();
    await h.settle();
    const before = h.connector.posts(`a:personal-${gone.aad}`).length;
    const beforeWaiting = h.connector.posts(`a:personal-${waiting.aad}`).length;
    invokeMessage(await h.send(invoke(h.connector.url, gone, 'privacy.erase.confirm', {})));
    await h.settle();
    // The place went to the one who waited, and they were told.
    expect(h.connector.posts(`a:personal-${waiting.aad}`).length).toBeGreaterThan(beforeWaiting);
    const promotedTold = h.connector.posts(`a:personal-${waiting.aad}`).length;
    clock.set('2026-12-07T08:30:00Z');
    await h.app.scheduler.planNow();
    await h.settle();
    // The day-before reminder went out to the one who holds the place now, and to nobody erased.
    expect(h.connector.posts(`a:personal-${waiting.aad}`).length).toBeGreaterThan(promotedTold);
    expect(h.connector.posts(`a:personal-${gone.aad}`).length).toBe(before);
    expect(await scan([gone.aad, gone.name])).toEqual([]);
  });
});
