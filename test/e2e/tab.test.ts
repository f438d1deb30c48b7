/**
 * The Teams tab in a real browser (headless Chromium), outside Teams: the bot runs in local
 * anonymous mode, data is made through the bot over HTTP, and the page is used with the
 * development identity it offers there. Both pages load and show that data, a registration
 * is cancelled from the page, the dark theme is switched on, and no request fails.
 *
 * Needs /usr/bin/chromium (apt-get install -y chromium); fails, never skips, without it.
 * Screenshots go to test-artifacts/e2e/tab-*.png.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { type BrowserContext, type Page } from 'playwright-core';
import { launchChromium } from './browser';
import { buildTab } from '../../scripts/build-tab';
import { createPublished, dayAfter, registerWithProfile, seminarFormAt } from '../support/flows';
import { termLabel } from '../../src/features/reports/periods';
import { startHarness, type Harness } from '../support/harness';
import { user } from '../support/teams';

const ROOT = path.resolve(__dirname, '..', '..');
const ARTIFACTS = path.join(ROOT, 'test-artifacts', 'e2e');

// The bot runs on the real clock here, so the session's date follows it; the overview opens on
// the current term, and the test picks the session's term when that is another one.
const now = new Date();
const sessionDay = dayAfter(now, 30);
const sessionTerm = termLabel(sessionDay, 'sv');

describe('the Träffpunkt tab in Chromium, local mode', () => {
  const coordinator = user('c9');
  const member = user(9001);
  const title = `Läslyftet i fliken ${Date.now().toString(36)}`;
  let h: Harness;
  let tmp = '';
  let context: BrowserContext | undefined;
  let page: Page;
  let activityId = '';
  const problems: string[] = [];

  beforeAll(async () => {
    mkdirSync(ARTIFACTS, { recursive: true });
    tmp = mkdtempSync(path.join(os.tmpdir(), 'traffpunkt-tab-e2e-'));
    await buildTab();
    h = await startHarness({ coordinators: [coordinator.aad] });
    const form = seminarFormAt(now)({ title, capacity: 5, minParticipants: 1, deadline: dayAfter(now, 20), s0_date: sessionDay, s0_start: '09:00', s0_end: '11:00' });
    activityId = (await createPublished(h, coordinator, form)).activityId;
    await registerWithProfile(h, member, activityId, 's1', 'sundsvall');
    await registerWithProfile(h, coordinator, activityId, 's1', 'ostersund');

    context = await launchChromium(tmp, { viewport: { width: 1200, height: 1000 }, locale: 'sv-SE', what: "the tab's browser test" });
    page = context.pages()[0] ?? (await context.newPage());
    page.setDefaultTimeout(20_000);
    page.on('pageerror', (err) => problems.push(`page error: ${err.name}: ${err.message}`));
    page.on('requestfailed', (r) => problems.push(`request failed: ${r.url()} ${r.failure()?.errorText ?? ''}`));
    page.on('response', (r) => {
      if (r.status() >= 400) problems.push(`HTTP ${r.status()}: ${r.url()}`);
    });
  }, 120_000);

  afterAll(async () => {
    await context?.close();
    await h?.close();
    if (tmp) rmSync(tmp, { recursive: true, force: true });
  });

  const ready = () => page.locator('body[data-ready="true"]').waitFor({ state: 'attached' });
  const shot = (name: string) => page.screenshot({ path: path.join(ARTIFACTS, `tab-${name}.png`), fullPage: true });

  it('shows my registrations for the chosen development identity and cancels one', async () => {
    await page.goto(`${h.app.url}/tab/index.html?page=my&lang=sv`);
    await page.getByText('Lokalt utvecklingsläge').waitFor();
    await page.getByLabel('Utvecklingsidentitet').selectOption(member.aad);
    await ready();
    await expect(page.getByRole('heading', { level: 1, name: 'Mina anmälningar' }).isVisible()).resolves.toBe(true);
    const card = page.locator(`#upcoming li[data-activity="${activityId}"]`);
    await expect(card.getByRole('heading', { name: title }).isVisible()).resolves.toBe(true);
    await expect(card.getByText('Anmäld', { exact: true }).isVisible()).resolves.toBe(true);
    await expect(card.getByRole('link', { name: 'Anslut till mötet' }).getAttribute('href')).resolves.toContain('https://teams.microsoft.com/');
    const ics = await card.getByRole('link', { name: 'Lägg till i kalendern' }).getAttribute('href');
    expect(ics).toMatch(new RegExp(`^/ics/${activityId}/s1\\.ics\\?sig=`));
    await shot('my');

    await card.getByRole('button', { name: `Avboka: ${title}` }).click();
    await card.getByRole('button', { name: 'Ja, avboka' }).click();
    await page.getByRole('status').filter({ hasText: 'är avbokad' }).waitFor();
    await page.getByText('Du har inga kommande anmälningar.').waitFor();
    const seats = await h.app.activities.seatsWithUser(member.aad);
    expect(seats.filter((s) => s.activityId === activityId)).toEqual([]);
    await shot('my-cancelled');
  });

  it('shows the overview with charts and tables to a coordinator, also in the dark theme', async () => {
    await page.getByLabel('Utvecklingsidentitet').selectOption(coordinator.aad);
    await ready();
    await page.getByRole('link', { name: 'Översikt' }).click();
    await ready();
    await expect(page.getByRole('heading', { level: 1, name: 'Översikt' }).isVisible()).resolves.toBe(true);
    const termSelect = page.getByLabel('Termin');
    if ((await termSelect.inputValue()) !== sessionTerm) await termSelect.selectOption(sessionTerm);
    const section = page.locator(`section[data-activity="${activityId}"]`);
    await section.waitFor();
    await expect(section.getByRole('heading', { level: 2, name: title }).isVisible()).resolves.toBe(true);
    // After the member cancelled, one registration is left (the coordinator's, from Östersund).
    const sessions = section.locator('table').first();
    await expect(sessions.locator('tbody tr').first().innerText()).resolves.toMatch(/Tillfälle 1\s.*\s1\s/);
    await expect(section.getByRole('img', { name: /Deltagare per kommun och organisation/ }).count()).resolves.toBe(1);
    await section.getByText('Visa som tabell').click();
    await expect(section.getByRole('row', { name: /Östersunds kommun 1/ }).isVisible()).resolves.toBe(true);
    await expect(page.getByLabel('Närvarorapport (.csv från Teams)').isVisible()).resolves.toBe(true);
    await expect(section.getByRole('button', { name: /Exportera: Statistik \(XLSX\)/ }).isVisible()).resolves.toBe(true);
    await shot('overview');

    // Terms are named as people say them; the places line says how many hold them.
    await expect(termSelect.locator('option:checked').innerText()).resolves.toMatch(/^(Vårterminen|Höstterminen) 20\d\d$/);
    await expect(section.locator('p.meta').innerText()).resolves.toMatch(/5 platser · 1 person anmäld/);

    // The theme changes in place: the chosen term and the activity stay on the page.
    await page.getByLabel('Tema').selectOption('dark');
    await ready();
    await expect(page.locator('html').getAttribute('data-theme')).resolves.toBe('dark');
    await expect(termSelect.inputValue()).resolves.toBe(sessionTerm);
    await expect(section.isVisible()).resolves.toBe(true);
    // A reload (or a language change) keeps the term too: it is in the address.
    await page.reload();
    await ready();
    await expect(page.getByLabel('Termin').inputValue()).resolves.toBe(sessionTerm);
    const background = await page.evaluate('getComputedStyle(document.body).backgroundColor');
    expect(background).toBe('rgb(31, 31, 31)');
    await shot('overview-dark');
  });

  it('made no failed requests and raised no page errors', () => {
    expect(problems).toEqual([]);
  });
});
