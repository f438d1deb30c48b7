/**
 * End to end in the Microsoft 365 Agents Playground, driven by Chromium like a person would:
 * a coordinator creates an activity, publishes the invitation in the personal chat and
 * registers for it (profile question first). Run with:
 *
 *   npx jest --config test/e2e/jest.config.js
 *
 * Needs /usr/bin/chromium (apt-get install -y chromium); fails, never skips, without it.
 * Screenshots and logs go to test-artifacts/e2e/.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { type BrowserContext, type Locator, type Page } from 'playwright-core';
import { launchChromium } from './browser';
import { PLAYGROUND_USER_AAD_OBJECT_ID, startPlayground, type OutputSource, type RunningPlayground } from '../../scripts/playground';
import { messages, type MessageKey } from '../../src/features/i18n';
import { render } from '../../src/platform/i18n';

const ROOT = path.resolve(__dirname, '..', '..');
const ARTIFACTS = path.join(ROOT, 'test-artifacts', 'e2e');
const STEP_TIMEOUT = 30_000;
const RECORDING = path.join(ARTIFACTS, 'playground-events.log');

type Lang = 'sv' | 'en';
/** The little of the DOM used inside page functions (the project compiles without the DOM lib). */
interface PageElement {
  innerText: string;
  getAttribute(name: string): string | null;
  querySelectorAll(selector: string): ArrayLike<PageElement>;
}
const { sv, en } = messages;
const catalogs: Record<Lang, Record<MessageKey, string>> = { sv, en };

const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const exactly = (...texts: string[]) => new RegExp(`^(${texts.map(escapeRe).join('|')})$`);

/** YYYY-MM-DD of today + days, in local time (what a date picker shows). */
function isoDay(days: number): string {
  const d = new Date();
  d.setDate(d.getDate() + days);
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}`;
}

/** "8 december 2026" / "8 December 2026", as the bot writes dates in both languages. */
function longDate(iso: string, lang: Lang): string {
  const [y, m, d] = iso.split('-').map(Number) as [number, number, number];
  return new Intl.DateTimeFormat(lang === 'sv' ? 'sv-SE' : 'en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' }).format(Date.UTC(y, m - 1, d));
}

async function portClosed(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const s = net.connect({ port, host: '127.0.0.1' });
    s.once('connect', () => {
      s.destroy();
      resolve(false);
    });
    s.once('error', () => resolve(true));
  });
}

async function until(check: () => Promise<boolean>, what: string, timeoutMs = STEP_TIMEOUT): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** The last activities in the Playground's events recording, one line each: who sent what, and what came back. */
function lastActivities(file: string, n = 8): string {
  if (!existsSync(file)) return '(no events recording)';
  const entries = readFileSync(file, 'utf8')
    .split(/\n---\n/)
    .filter((e) => e.trim());
  return entries
    .slice(-n)
    .map((raw) => {
      try {
        const e = JSON.parse(raw) as {
          direction?: string;
          activityName?: string;
          displayText?: string;
          request?: { body?: { value?: { action?: { verb?: string } } } };
          response?: { statusCode?: number; body?: unknown };
        };
        const verb = e.request?.body?.value?.action?.verb;
        const answer = JSON.stringify(e.response?.body ?? '').slice(0, 200);
        return `${e.direction}: ${e.activityName}${verb ? ` ${verb}` : ''} "${(e.displayText ?? '').slice(0, 160)}" -> ${e.response?.statusCode} ${answer}`;
      } catch {
        return raw.slice(0, 200);
      }
    })
    .join('\n');
}

async function withTimeout<T>(p: Promise<T>, ms: number, what: string): Promise<T | undefined> {
  let timer: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([p, new Promise<undefined>((resolve) => (timer = setTimeout(() => (process.stderr.write(`${what} timed out\n`), resolve(undefined)), ms)))]);
  } finally {
    clearTimeout(timer);
  }
}

describe('Träffpunkt in the Microsoft 365 Agents Playground', () => {
  let tmp = '';
  let running: RunningPlayground | undefined;
  let context: BrowserContext | undefined;
  let page: Page;
  const output: Record<OutputSource, string[]> = { bot: [], playground: [] };
  const pageErrors: string[] = [];
  const consoleLines: string[] = [];
  let shotNo = 0;

  const shot = async (name: string, focus?: Locator) => {
    if (focus) await focus.scrollIntoViewIfNeeded().catch(() => undefined);
    shotNo++;
    await page.screenshot({ path: path.join(ARTIFACTS, `${String(shotNo).padStart(2, '0')}-${name}.png`) });
  };

  beforeAll(async () => {
    mkdirSync(ARTIFACTS, { recursive: true });
    // Only this test's own artefacts: the tab test writes tab-* files into the same folder.
    for (const f of readdirSync(ARTIFACTS)) if (!f.startsWith('tab') && /^(\d\d-.*\.png|.*\.(log|jsonl?))$/.test(f)) rmSync(path.join(ARTIFACTS, f), { force: true });
    tmp = mkdtempSync(path.join(os.tmpdir(), 'traffpunkt-e2e-'));

    running = await startPlayground({
      botPort: 0,
      playgroundPort: 0,
      dataDir: path.join(tmp, 'data'),
      coordinators: [PLAYGROUND_USER_AAD_OBJECT_ID],
      // A clean bot: embedded store, any tenant (the Playground's is made up), no app credentials.
      botEnv: { COSMOS_ENDPOINT: undefined, COSMOS_KEY: undefined, ALLOWED_TENANTS: undefined, LOG_LEVEL: 'info', NODE_ENV: 'development' },
      // No .m365agentsplayground.yml from the repository, so the user is the default Alex Wilber.
      playgroundCwd: tmp,
      playgroundLogFile: path.join(ARTIFACTS, 'playground-devtools.log'),
      recordingFile: RECORDING,
      onOutput: (source, line) => output[source].push(line),
      startTimeoutMs: 60_000,
    });

    context = await launchChromium(tmp, { viewport: { width: 1400, height: 1000 }, locale: 'en-US', what: 'the end-to-end test' });
    page = context.pages()[0] ?? (await context.newPage());
    page.setDefaultTimeout(STEP_TIMEOUT);
    page.on('pageerror', (err) => pageErrors.push(`${err.name}: ${err.message}`));
    page.on('console', (m) => consoleLines.push(`[${m.type()}] ${m.text()}`));
    page.on('requestfailed', (r) => consoleLines.push(`[requestfailed] ${r.url()} ${r.failure()?.errorText ?? ''}`));
  }, 120_000);

  afterAll(async () => {
    if (context) await withTimeout(context.close(), 15_000, 'closing Chromium');
    const ports = running ? [new URL(running.botUrl).port, new URL(running.playgroundUrl).port].map(Number) : [];
    await running?.stop();
    if (existsSync(ARTIFACTS)) {
      writeFileSync(path.join(ARTIFACTS, 'bot.log'), output.bot.join('\n') + '\n');
      writeFileSync(path.join(ARTIFACTS, 'playground.log'), output.playground.join('\n') + '\n');
      writeFileSync(path.join(ARTIFACTS, 'browser-console.log'), consoleLines.join('\n') + '\n');
    }
    if (tmp) rmSync(tmp, { recursive: true, force: true });
    for (const port of ports) expect(await portClosed(port)).toBe(true);
  }, 60_000);

  it('creates, publishes and registers for an activity through the real Playground UI', async () => {
    const cards = page.locator('.ac-adaptiveCard');
    const composer = page.locator('[data-lexical-editor=true][role=textbox]');

    /** The input a card label points at (<label for=…>), whatever control the renderer chose. */
    const control = async (card: Locator, label: string): Promise<Locator> => {
      const l = card
        .locator('label')
        .filter({ hasText: new RegExp(`^\\s*${escapeRe(label)}`) })
        .first();
      const id = await l.getAttribute('for');
      if (!id) throw new Error(`label "${label}" points at no input`);
      return card.locator(`[id="${id}"]`);
    };
    /** Types into text, number, date and time inputs (native ones, or Fluent pickers that parse typed text on blur). */
    const fill = async (card: Locator, label: string, value: string) => {
      const input = await control(card, label);
      await input.fill(value);
      await input.press('Tab');
      const shown = await input.inputValue();
      if (!shown) throw new Error(`"${label}" is empty after typing "${value}"`);
      return shown;
    };
    /** Picks a ChoiceSet option: a <select>, an <input list=…> or a (filtered) combobox with role=option items. */
    const choose = async (card: Locator, label: string, option: string) => {
      const input = await control(card, label);
      const tag = await input.evaluate((e) => e.tagName.toLowerCase());
      if (tag === 'select') {
        await input.selectOption({ label: option });
        return;
      }
      if (await input.getAttribute('list')) {
        await input.fill(option);
        await input.press('Tab');
        return;
      }
      await input.click();
      const item = page.getByRole('option', { name: option, exact: true });
      if (!(await item.isVisible())) await input.fill(option.slice(0, Math.min(option.length, 6)));
      await item.click();
      expect(await input.inputValue()).toBe(option);
    };
    const say = async (text: string) => {
      await composer.click();
      await page.keyboard.type(text);
      await page.keyboard.press('Enter');
    };

    try {
      await page.goto(running?.playgroundUrl ?? '', { waitUntil: 'domcontentloaded' });
      await composer.waitFor({ state: 'visible', timeout: 60_000 });
      // The Playground installs the bot on load; let its welcome (sent on conversationUpdate) arrive first.
      await page
        .getByText(/Träffpunkt/)
        .first()
        .waitFor({ state: 'visible', timeout: 10_000 })
        .catch(() => undefined);
      await shot('welcome');

      // 1. The coordinator asks for a new activity and gets the form.
      await say('ny aktivitet');
      const save = page.getByRole('button', { name: exactly(sv.form_save, en.form_save) });
      const form = cards.filter({ has: save }).last();
      await form.waitFor({ state: 'visible' });
      // The Playground sends locale en-US on every message and invoke; `npm run playground` makes the bot answer in Swedish.
      const lang: Lang = 'sv';
      const t = catalogs[lang];
      await form.getByRole('button', { name: sv.form_save, exact: true }).waitFor({ state: 'visible' });
      await expect(form.getByText(t.form_titleNew, { exact: true }).first().isVisible()).resolves.toBe(true);
      await shot(`form-${lang}`, form);

      const title = `Läslyftet – e2e ${Date.now().toString(36)}`;
      const day = isoDay(30);
      const deadline = isoDay(20);
      await fill(form, t.form_title, title);
      await fill(form, t.form_purpose, 'Att pröva hela flödet i Playground.');
      await fill(form, t.form_targetGroup, 'Rektorer och förstelärare');
      await fill(form, t.form_format, 'Digitalt seminarium i Teams');
      await fill(form, t.form_date, day);
      await fill(form, t.form_start, '09:00');
      await fill(form, t.form_end, '11:00');
      await fill(form, t.form_capacity, '25');
      await fill(form, t.form_deadline, deadline);
      await shot('form-filled', form.getByRole('button', { name: t.form_save, exact: true }));

      // 2. Save and preview.
      await form.getByRole('button', { name: t.form_save, exact: true }).click();
      const preview = cards.filter({ hasText: t.inv_preview });
      await preview.waitFor({ state: 'visible' }).catch(async (err: Error) => {
        throw new Error(
          `no preview after saving; the card says:\n${await cards
            .last()
            .innerText()
            .catch(() => '?')}\n${err.message}`,
        );
      });
      const previewText = await preview.innerText();
      expect(previewText).toContain(title);
      expect(previewText).toContain(longDate(day, lang));
      expect(previewText).toContain('09:00–11:00');
      expect(previewText).toContain(render(lang, t.inv_deadline, { date: longDate(deadline, lang) }));
      await shot('preview', preview);

      // 3. Publish here: the personal card confirms, and the shared invitation is posted as a new message.
      await preview.getByRole('button', { name: t.inv_publish, exact: true }).click();
      const published = cards.filter({ hasText: t.inv_published });
      await published.waitFor({ state: 'visible' });
      await until(async () => (await cards.count()) === 2, 'the posted invitation');
      const posted = cards.last();
      const postedText = await posted.innerText();
      expect(postedText).toContain(title);
      expect(postedText).not.toContain(t.inv_published);
      expect(postedText).toContain(render(lang, t.inv_placesLeft, { n: 25, capacity: 25 }));
      await posted.getByRole('button', { name: t.inv_register, exact: true }).waitFor({ state: 'visible' });
      await shot('published', posted);

      // 4. Register from the posted invitation: first the one-time profile question.
      await posted.getByRole('button', { name: t.inv_register, exact: true }).click();
      const profile = cards.filter({ hasText: t.profile_title });
      await profile.waitFor({ state: 'visible' });
      await shot('profile', profile);
      await choose(profile, t.profile_organization, 'Sundsvalls kommun');
      await choose(profile, t.profile_role, t.role_teacher);
      await shot('profile-filled', profile);

      // 5. Save and register: the card turns into "registered" with a cancel button.
      await profile.getByRole('button', { name: t.profile_continue, exact: true }).click();
      // About 250 ms later the bot updates the shared invitation (places left) with updateActivity. Teams
      // would then refresh this user's view (refresh.userIds); the Playground has no user-specific views,
      // so it shows the shared card again. Read the registered view in one go, in the page, when it appears.
      const seen = await page.waitForFunction(
        ({ registeredText, cancel }) => {
          const { document } = globalThis as unknown as { document: PageElement };
          for (const card of Array.from(document.querySelectorAll('.ac-adaptiveCard'))) {
            const text = card.innerText;
            if (!text.includes(registeredText)) continue;
            const buttons = Array.from(card.querySelectorAll('button')).map((b) => (b.getAttribute('aria-label') || b.innerText).trim());
            if (buttons.includes(cancel)) return { text, buttons };
          }
          return null;
        },
        { registeredText: t.inv_youAreRegistered, cancel: t.inv_cancel },
        { timeout: STEP_TIMEOUT },
      );
      const registered = (await seen.jsonValue()) as { text: string; buttons: string[] };
      await shot('registered', cards.filter({ hasText: t.inv_youAreRegistered }).first()).catch(() => undefined); // best effort, see above
      expect(registered.text).toContain(title);
      expect(registered.text).toContain(t.inv_justRegistered);
      expect(registered.buttons).toContain(t.inv_cancel);
      expect(registered.buttons).not.toContain(t.inv_register);

      // 6. The posted invitation is updated in place through the Playground's connector (PUT): one place fewer.
      const updated = cards.filter({ hasText: render(lang, t.inv_placesLeft, { n: 24, capacity: 25 }) });
      await updated.waitFor({ state: 'visible' });
      expect(await updated.innerText()).toContain(title);
      expect(await cards.count()).toBe(2);
      await shot('shared-card-updated', updated);

      // 7. The user switches to English and back: the chosen language wins over the Playground's setting.
      const lastText = (text: string) => page.getByText(text, { exact: false }).last();
      await say('language english');
      await lastText(en.lang_setEn.replace(/\*\*/g, '').slice(0, 40)).waitFor({ state: 'visible' });
      await say('help');
      await cards.filter({ hasText: en.help_title }).last().waitFor({ state: 'visible' });
      await shot('english-help', cards.filter({ hasText: en.help_title }).last());
      await say('språk svenska');
      await lastText(sv.lang_setSv.replace(/\*\*/g, '').slice(0, 40)).waitFor({ state: 'visible' });
      await say('hjälp');
      await cards.filter({ hasText: sv.help_title }).last().waitFor({ state: 'visible' });
      await shot('swedish-help', cards.filter({ hasText: sv.help_title }).last());
    } catch (err) {
      await shot('failure').catch(() => undefined);
      const tail = (lines: string[]) => lines.slice(-25).join('\n');
      throw new Error(
        `${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n\n--- bot output ---\n${tail(output.bot)}\n\n--- playground output ---\n${tail(output.playground)}\n\n--- last activities (${RECORDING}) ---\n${lastActivities(RECORDING)}`,
      );
    }

    expect(pageErrors).toEqual([]);
    // Anything the bot logged at error level (a failed turn, a failed card update) is a bug here.
    const botErrors = output.bot.filter((l) => /"level":(50|60)/.test(l));
    expect(botErrors).toEqual([]);
  }, 180_000);
});
