import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DEV_USER_HEADER } from '../../src/features/tab/api/identity';
import type { MyPage, Overview } from '../../src/features/tab/api/contract';
import { FakeConnector } from '../support/fakeConnector';
import { createPublished, registerWithProfile, seminarFormAt } from '../support/flows';
import { fixedClock, startHarness, type Harness } from '../support/harness';
import { TENANT, user } from '../support/teams';
import { APP_ID, AUDIENCE, startFakeEntra, type FakeEntra } from '../features/tab/fakeEntra';

// The tab's API over HTTP with an app id configured: tokens signed by a local key set, data
// made through the bot in local mode first (same data directory), then read and changed
// through /api/tab/ by a member, a manager and a coordinator.

const coordinator = user('c7');
const manager = user('a7');
const a = user(7001); // sundsvall, registered
const b = user(7002); // ostersund, waitlisted behind a
const c = user(7003); // sundsvall, second activity
const clock = fixedClock('2026-11-20T10:00:00Z');
const seminarForm = seminarFormAt(clock.now());

interface Answer {
  status: number;
  body: unknown;
}

describe('the tab API with Entra ID tokens', () => {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'traffpunkt-tab-'));
  const connector = new FakeConnector();
  let entra: FakeEntra;
  let h: Harness;
  let small = '';
  let other = '';

  const call = async (method: 'GET' | 'POST', p: string, options: { who?: { aad: string }; token?: string; body?: unknown; headers?: Record<string, string>; raw?: Buffer } = {}): Promise<Answer> => {
    const token = options.token ?? (options.who ? await entra.sign({ oid: options.who.aad, name: 'x' }) : undefined);
    const res = await fetch(`${h.app.url}${p}`, {
      method,
      headers: {
        ...(token ? { authorization: `Bearer ${token}` } : {}),
        ...(options.body !== undefined ? { 'content-type': 'application/json' } : {}),
        ...(options.raw ? { 'content-type': 'application/octet-stream' } : {}),
        ...options.headers,
      },
      body: options.raw ?? (options.body !== undefined ? JSON.stringify(options.body) : undefined),
    });
    const text = await res.text();
    let body: unknown = text;
    try {
      body = JSON.parse(text);
    } catch {
      // not JSON
    }
    return { status: res.status, body };
  };
  const my = async (who: { aad: string }) => {
    const r = await call('GET', '/api/tab/my', { who });
    expect(r.status).toBe(200);
    return r.body as MyPage;
  };

  beforeAll(async () => {
    await connector.start();
    entra = await startFakeEntra();
    const local = await startHarness({ coordinators: [coordinator.aad], clock, dataDir, connector });
    small = (await createPublished(local, coordinator, seminarForm({ title: 'Läslyftet 2026', capacity: 1, minParticipants: 1 }))).activityId;
    other = (await createPublished(local, coordinator, seminarForm({ title: 'Matematiklyftet', capacity: 10, minParticipants: 1 }))).activityId;
    await registerWithProfile(local, a, small, 's1', 'sundsvall');
    await registerWithProfile(local, b, small, 's1', 'ostersund');
    await registerWithProfile(local, c, other, 's1', 'sundsvall');
    await registerWithProfile(local, manager, other, 's1', 'sundsvall');
    await local.app.reports?.roles.setManager(manager.aad, 'sundsvall', coordinator.aad, clock.now());
    await local.stop();
    h = await startHarness({
      clock,
      dataDir,
      connector,
      env: { MicrosoftAppId: APP_ID, MicrosoftAppTenantId: TENANT, ALLOWED_TENANTS: TENANT, TAB_JWKS_URL: entra.jwksUrl, TAB_AUDIENCE: AUDIENCE },
    });
  }, 60_000);

  afterAll(async () => {
    await h?.stop();
    await connector.stop();
    await entra.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('refuses requests without a token, and the development identity header when an app id is configured', async () => {
    expect((await call('GET', '/api/tab/my')).status).toBe(401);
    expect((await call('GET', '/api/tab/my', { headers: { [DEV_USER_HEADER]: a.aad } })).status).toBe(401);
    expect((await call('GET', '/api/tab/dev/people', { headers: { [DEV_USER_HEADER]: a.aad } })).status).toBe(404);
    expect(await call('GET', '/api/tab/config')).toEqual({ status: 200, body: { mode: 'teams', defaultLang: 'sv' } });
  });

  it('refuses tokens of another tenant, expired ones and ones signed by another key', async () => {
    expect((await call('GET', '/api/tab/my', { token: await entra.sign({ oid: a.aad, tid: '99999999-0000-4000-8000-000000000bbb' }) })).status).toBe(401);
    expect((await call('GET', '/api/tab/my', { token: await entra.sign({ oid: a.aad, iat: 1_700_000_000 }, { expiresIn: 1_700_000_600 }) })).status).toBe(401);
    expect((await call('GET', '/api/tab/my', { token: await entra.sign({ oid: a.aad }, { key: await entra.stranger() }) })).status).toBe(401);
  });

  it("shows a member's registrations with status, join link and a working calendar link", async () => {
    const page = await my(a);
    expect(page.upcoming).toHaveLength(1);
    const r = page.upcoming[0];
    expect(r).toMatchObject({ activityId: small, title: 'Läslyftet 2026', status: 'registered', scope: 's1', canCancel: true, past: false });
    expect(r?.sessions[0]?.joinUrl).toContain('https://teams.microsoft.com/');
    const ics = await fetch(`${h.app.url}${r?.sessions[0]?.icsPath}`);
    expect(ics.status).toBe(200);
    expect(await ics.text()).toContain('BEGIN:VCALENDAR');

    const waiting = await my(b);
    expect(waiting.upcoming[0]).toMatchObject({ activityId: small, status: 'waitlisted', position: 1 });
    expect(waiting.upcoming[0]?.sessions[0]?.joinUrl).toBeNull();
  });

  it('takes the user from the token: the me answer names roles from the store', async () => {
    expect((await call('GET', '/api/tab/me', { who: coordinator })).body).toMatchObject({ aadObjectId: coordinator.aad, coordinator: true, mayOverview: true });
    expect((await call('GET', '/api/tab/me', { who: manager })).body).toMatchObject({ coordinator: false, managerOf: 'Sundsvalls kommun', mayOverview: true });
    expect((await call('GET', '/api/tab/me', { who: a })).body).toMatchObject({ coordinator: false, managerOf: null, mayOverview: false });
  });

  it('shows a coordinator everything in the overview, a manager their organisation, and refuses a member', async () => {
    const all = await call('GET', '/api/tab/overview?term=ht26', { who: coordinator });
    expect(all.status).toBe(200);
    const o = all.body as Overview;
    expect(o).toMatchObject({ term: 'ht26', scope: 'all', organization: null });
    const s = o.activities.find((x) => x.activityId === small);
    expect(s?.sessions[0]).toMatchObject({ sessionId: 's1', registered: 1, present: null });
    expect(s?.waitlist).toEqual([{ position: 1, name: b.name, organization: 'Östersunds kommun', scope: 's1' }]);
    expect(s?.perOrganization).toEqual([{ label: 'Sundsvalls kommun', value: 1 }]);
    expect(s?.responses.map((r) => r.surveyKind)).toEqual(['evaluation', 'followUp']);

    const mine = await call('GET', '/api/tab/overview?term=ht26', { who: manager });
    expect(mine.status).toBe(200);
    const m = mine.body as Overview;
    expect(m).toMatchObject({ scope: 'organization', organization: 'Sundsvalls kommun' });
    expect(m.activities.find((x) => x.activityId === small)?.waitlist).toEqual([]); // b is from Östersund
    expect(m.activities.find((x) => x.activityId === other)?.perOrganization).toEqual([{ label: 'Sundsvalls kommun', value: 2 }]);

    expect((await call('GET', '/api/tab/overview', { who: a })).status).toBe(403);
    expect((await call('GET', '/api/tab/overview?term=2026', { who: coordinator })).status).toBe(400);
  });

  it('hands coordinators and managers an export link that downloads, and refuses members', async () => {
    const link = await call('POST', '/api/tab/export', { who: coordinator, body: { activityId: small, report: 'stats', format: 'xlsx' } });
    expect(link.status).toBe(200);
    const url = (link.body as { url: string }).url;
    expect(url).toMatch(/^\/reports\/export\.xlsx\?t=/);
    const file = await fetch(`${h.app.url}${url}`);
    expect(file.status).toBe(200);
    expect(file.headers.get('content-type')).toContain('spreadsheetml');

    const csv = await call('POST', '/api/tab/export', { who: manager, body: { activityId: other, report: 'registered', format: 'csv' } });
    const text = await (await fetch(`${h.app.url}${(csv.body as { url: string }).url}`)).text();
    expect(text).toContain(c.name);

    expect((await call('POST', '/api/tab/export', { who: a, body: { activityId: small, report: 'stats', format: 'xlsx' } })).status).toBe(403);
    expect((await call('POST', '/api/tab/export', { who: coordinator, body: { activityId: small, report: 'everything', format: 'xlsx' } })).status).toBe(400);
  });

  it('lets only coordinators upload an attendance report, and explains a file it cannot read', async () => {
    expect((await call('POST', '/api/tab/attendance', { who: a, raw: Buffer.from('x') })).status).toBe(403);
    const bad = await call('POST', '/api/tab/attendance', { who: coordinator, raw: Buffer.from('this is not an attendance report\n') });
    expect(bad.status).toBe(422);
    expect(bad.body).toMatchObject({ ok: false });
    expect(String((bad.body as { message: string }).message)).toContain('Ingenting har sparats');
  });

  it('cancels from the tab: the place is freed, the waitlist moves up, and a second cancel is refused', async () => {
    expect((await call('POST', '/api/tab/my/cancel', { who: a, body: { activityId: '../etc', sessionId: 's1' } })).status).toBe(400);
    const done = await call('POST', '/api/tab/my/cancel', { who: a, body: { activityId: small, sessionId: 's1' } });
    expect(done).toEqual({ status: 200, body: { ok: true } });
    expect((await my(a)).upcoming).toEqual([]);
    expect((await my(b)).upcoming[0]).toMatchObject({ activityId: small, status: 'registered' });
    expect(await call('POST', '/api/tab/my/cancel', { who: a, body: { activityId: small, sessionId: 's1' } })).toEqual({ status: 409, body: { error: 'notRegistered' } });
  });
});

describe('the tab API in local anonymous mode', () => {
  let h: Harness;
  const coordinatorHere = user('c8');
  beforeAll(async () => {
    h = await startHarness({ coordinators: [coordinatorHere.aad], clock });
  });
  afterAll(async () => {
    await h.close();
  });

  it('accepts the development identity header, lists known people for the picker, and still wants an identity', async () => {
    const get = (p: string, headers: Record<string, string> = {}) => fetch(`${h.app.url}${p}`, { headers });
    expect(await (await get('/api/tab/config')).json()).toEqual({ mode: 'local', defaultLang: 'sv' });
    expect((await get('/api/tab/my')).status).toBe(401);
    expect((await get('/api/tab/my', { [DEV_USER_HEADER]: 'not an id!' })).status).toBe(401);
    const me = await get('/api/tab/me', { [DEV_USER_HEADER]: coordinatorHere.aad });
    expect(await me.json()).toMatchObject({ aadObjectId: coordinatorHere.aad, coordinator: true });
    const people = (await (await get('/api/tab/dev/people')).json()) as { aadObjectId: string }[];
    expect(people.map((p) => p.aadObjectId)).toContain(coordinatorHere.aad);
  });
});
