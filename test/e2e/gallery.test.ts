/**
 * The card gallery in a real browser (headless Chromium): every card template, with the unit
 * tests' fixtures, in Swedish and English, light, dark and high contrast, rendered by the
 * official Adaptive Cards renderer with Teams-like host configs (npm run gallery builds the same
 * page). Fails on what no user should see, naming the card, language, theme and text: ids
 * (UUIDs), ISO timestamps, field names (camelCase, snake_case), unfilled ${…}, English words in
 * a Swedish card, and text the renderer cut off. The checks are scripts/gallery/checks.ts.
 *
 * Needs /usr/bin/chromium (apt-get install -y chromium); fails, never skips, without it.
 * The page is test-artifacts/gallery/index.html; the cards with problems (light theme) are
 * photographed into test-artifacts/gallery/problems.png. Screenshots of every template:
 * npm run gallery -- --screenshots.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { BrowserContext, Page } from 'playwright-core';
import { buildGallery, GALLERY_DONE, GALLERY_OUT_DIR, screenshot, type Gallery } from '../../scripts/gallery';
import { PROBLEM_LABEL, type Problem } from '../../scripts/gallery/checks';
import { TEMPLATES } from '../../src/platform/cards/render';
import { launchChromium } from './browser';

interface CardResult {
  id: string;
  template: string;
  name: string;
  lang: string;
  theme: string;
  problems: Problem[];
}

/** One line per problem; the same problem in several themes is one line naming them. */
function report(cards: CardResult[]): string[] {
  const lines = new Map<string, string[]>();
  for (const c of cards) {
    for (const p of c.problems) {
      const key = `${c.template} · "${c.name}" · ${c.lang} · %THEMES% · ${PROBLEM_LABEL[p.kind]}: ${p.snippet}`;
      lines.set(key, [...(lines.get(key) ?? []), c.theme]);
    }
  }
  return [...lines].map(([key, themes]) => key.replace('%THEMES%', themes.join('+')));
}

describe('the card gallery in Chromium', () => {
  let gallery: Gallery;
  let tmp = '';
  let context: BrowserContext | undefined;
  let page: Page;
  let cards: CardResult[] = [];
  const pageErrors: string[] = [];

  beforeAll(async () => {
    gallery = await buildGallery(GALLERY_OUT_DIR);
    tmp = mkdtempSync(path.join(os.tmpdir(), 'traffpunkt-gallery-e2e-'));
    context = await launchChromium(tmp, { viewport: { width: 1560, height: 1000 }, locale: 'sv-SE', what: 'the card gallery test' });
    page = context.pages()[0] ?? (await context.newPage());
    page.on('pageerror', (err) => pageErrors.push(`${err.name}: ${err.message}`));
    await page.goto(pathToFileURL(gallery.file).href);
    await page.waitForFunction(GALLERY_DONE, undefined, { timeout: 90_000 });
    cards = (await page.evaluate('window.__gallery.cards')) as CardResult[];
  }, 150_000);

  afterAll(async () => {
    await context?.close();
    if (tmp) rmSync(tmp, { recursive: true, force: true });
  });

  it('shows every template in cards/ (each has a case in test/support/galleryCases.ts or a cardCases.ts)', () => {
    expect(gallery.missing).toEqual([]);
  });

  it('renders every card, in sv and en, light, dark and high contrast, without a page error', async () => {
    expect(pageErrors).toEqual([]);
    expect(cards).toHaveLength(gallery.cards.length);
    expect(gallery.cards.length).toBe(gallery.cases * 6);
    const rendered = await page.locator('.card-frame .ac-adaptiveCard').count();
    const failed = cards.filter((c) => c.problems.some((p) => p.kind === 'render')).map((c) => c.id);
    expect(rendered + failed.length).toBe(cards.length);
  });

  it.each(TEMPLATES.map((t) => [t]))('%s: no card shows an id, an ISO timestamp, a field name, ${…}, English in Swedish or cut-off text', (template) => {
    const mine = cards.filter((c) => c.template === template);
    if (!gallery.missing.includes(template)) expect(mine.length).toBeGreaterThan(0);
    expect(report(mine)).toEqual([]);
  });

  it('photographs the cards with problems (light theme) into test-artifacts/gallery/problems.png', async () => {
    const ids = cards.filter((c) => c.theme === 'light' && c.problems.length > 0).map((c) => c.id);
    if (ids.length === 0) return;
    await screenshot(page, gallery.file, `id=${ids.slice(0, 40).join(',')}`, path.join(GALLERY_OUT_DIR, 'problems.png'));
  }, 60_000);
});
