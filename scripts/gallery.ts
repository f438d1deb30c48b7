/**
 * The card gallery: every card template in cards/, expanded through its typed view with the
 * fixtures the unit tests use (test/support/galleryCases.ts), in Swedish and English, rendered
 * in the browser by the official Adaptive Cards renderer (npm adaptivecards) with Teams-like host
 * configs for the light, dark and high-contrast themes (scripts/gallery/hostConfigs.ts). One
 * static page; cards showing what no user should see (scripts/gallery/checks.ts) are marked.
 *
 *   npm run gallery                   writes test-artifacts/gallery/index.html and prints its path
 *   npm run gallery -- --serve        … and serves it on http://127.0.0.1:4730/ (or --serve=PORT)
 *   npm run gallery -- --out=DIR      writes DIR/index.html instead
 *   npm run gallery -- --screenshots  … and a screenshot per template (ordinary cases), DIR/<template>.png
 *
 * The page takes ?template=a,b&lang=sv&theme=dark&big=0 to show only some cards.
 *
 * test/e2e/gallery.test.ts builds it, opens it in Chromium and fails on the marked problems.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { build } from 'esbuild';
import type { Lang } from '../src/platform/i18n';
import type { Page } from 'playwright-core';
import { launchChromium } from '../test/e2e/browser';
import { GALLERY_CASES, TEMPLATES_WITHOUT_CASES, type Json } from '../test/support/galleryCases';
import { THEME_LABEL, THEMES, themeCss } from './gallery/hostConfigs';

const ROOT = path.join(__dirname, '..');
export const GALLERY_OUT_DIR = path.join(ROOT, 'test-artifacts', 'gallery');
export const LANGS: readonly Lang[] = ['sv', 'en'];
const LANG_LABEL: Record<Lang, string> = { sv: 'svenska', en: 'English' };
/** The width of a card in a Teams chat on the desktop (cards without msteams.width "Full"). */
export const CARD_WIDTH = 450;

export interface GalleryCard {
  /** The frame's element id: template, case number, language, theme. */
  id: string;
  template: string;
  name: string;
  lang: Lang;
  theme: (typeof THEMES)[number];
}

export interface Gallery {
  file: string;
  cases: number;
  cards: GalleryCard[];
  /** Templates the gallery cannot show: no case builds them yet. */
  missing: string[];
}

const escapeHtml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
/** JSON inside <script>: nothing in it can close the element. */
const scriptJson = (v: unknown) =>
  JSON.stringify(v)
    .replace(/</g, '\\u003c')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');

async function bundle(): Promise<string> {
  const out = await build({
    entryPoints: [path.join(__dirname, 'gallery', 'page.js')],
    bundle: true,
    write: false,
    format: 'iife',
    platform: 'browser',
    target: ['chrome100'],
    minify: true,
    legalComments: 'none',
    logLevel: 'warning',
  });
  const js = out.outputFiles[0]?.text;
  if (!js) throw new Error('esbuild produced no bundle');
  return js.replace(/<\/script/gi, '<\\/script');
}

function css(): string {
  const base = readFileSync(require.resolve('adaptivecards/lib/adaptivecards.css'), 'utf8');
  const themes = THEMES.map((t) => themeCss(t, `.theme-${t}`)).join('\n');
  return `${base}
${themes}
body { margin: 0; font-family: 'Segoe UI', Arial, 'Liberation Sans', sans-serif; background: #fff; color: #242424; }
header { padding: 16px 24px; border-bottom: 1px solid #ddd; position: sticky; top: 0; background: #fff; z-index: 2; }
header h1 { margin: 0 0 4px; font-size: 20px; }
header nav a { margin-right: 10px; font-size: 13px; white-space: nowrap; }
.summary { font-weight: 600; margin: 6px 0 0; }
.summary.bad { color: #c4314b; } .summary.good { color: #237b4b; }
main { padding: 8px 24px 48px; }
section.template > h2 { font-size: 18px; margin: 32px 0 0; padding-top: 8px; border-top: 3px solid #6264a7; }
article.case > h3 { font-size: 15px; margin: 16px 0 8px; font-weight: 600; }
article.case > h3 small { font-weight: 400; color: #616161; }
.grid { display: grid; grid-template-columns: repeat(${THEMES.length}, ${CARD_WIDTH + 32}px); gap: 12px; align-items: start; }
figure.cell { margin: 0; padding: 12px 16px 16px; border-radius: 6px; }
figure.cell figcaption { font-size: 12px; margin-bottom: 6px; opacity: .85; }
figure.cell.has-problems { outline: 3px solid #c4314b; }
.card-frame { width: ${CARD_WIDTH}px; overflow: hidden; }
/* The renderer gives a TextBlock's first child width: 100%; a markdown list's indent stays inside it. */
.card-frame .ac-textBlock ul, .card-frame .ac-textBlock ol { box-sizing: border-box; padding-left: 20px; margin: 0; }
ul.problems { margin: 8px 0 0; padding: 8px 8px 8px 24px; background: #fde7e9; color: #a4262c; font-size: 12px; border-radius: 4px; }
details.notes { font-size: 11px; margin-top: 6px; opacity: .8; }
`;
}

function page(cases: { template: string; name: string; big: boolean }[], cards: GalleryCard[], data: unknown, script: string): string {
  const templates = [...new Set(cases.map((c) => c.template))];
  const sections = templates.map((template) => {
    const articles = cases.flatMap((c, i) => {
      if (c.template !== template) return [];
      const cells = LANGS.flatMap((lang) =>
        THEMES.map((theme) => {
          const id = `${template}-${i}-${lang}-${theme}`;
          cards.push({ id, template, name: c.name, lang, theme });
          return `<figure class="cell theme-${theme}" lang="${lang}"><figcaption>${escapeHtml(`${template} · ${LANG_LABEL[lang]} · ${THEME_LABEL[theme]}`)}</figcaption><div class="card-frame" id="${id}" data-case="${i}" data-lang="${lang}" data-theme="${theme}"></div></figure>`;
        }),
      );
      return [`<article class="case" id="${template}-${i}"><h3>${escapeHtml(c.name)}${c.big ? ' <small>(worst case)</small>' : ''}</h3><div class="grid">${cells.join('')}</div></article>`];
    });
    return `<section class="template" id="t-${template}"><h2>${escapeHtml(template)} <small>cards/${escapeHtml(template)}.json</small></h2>${articles.join('')}</section>`;
  });
  return `<!doctype html>
<html lang="sv">
<head>
<meta charset="utf-8">
<title>Träffpunkt – kortgalleri · card gallery</title>
<style>${css()}</style>
</head>
<body>
<header>
<h1>Träffpunkt – kortgalleri · card gallery</h1>
<div>${cases.length} cases × ${LANGS.length} languages × ${THEMES.length} themes, rendered by adaptivecards with Teams-like host configs, ${CARD_WIDTH} px wide. Charts show their fallback (this renderer has no Chart.*); Action.ShowCard is shown opened.</div>
<nav>${templates.map((t) => `<a href="#t-${t}">${escapeHtml(t)}</a>`).join('')}</nav>
${TEMPLATES_WITHOUT_CASES.length ? `<p class="summary bad">No case shows ${escapeHtml(TEMPLATES_WITHOUT_CASES.join(', '))} yet: add one to test/support/galleryCases.ts or the feature's cardCases.ts.</p>` : ''}
<p id="filter"></p>
<p id="summary" class="summary">Rendering…</p>
</header>
<main>${sections.join('\n')}</main>
<script type="application/json" id="gallery-data">${scriptJson(data)}</script>
<script>${script}</script>
</body>
</html>
`;
}

/** Expands every case in both languages and writes the page; returns its path and what it shows. */
export async function buildGallery(outDir: string = GALLERY_OUT_DIR): Promise<Gallery> {
  const cases = await Promise.all(
    GALLERY_CASES.map(async (c) => {
      const cards: Partial<Record<Lang, Json>> = {};
      const errors: Partial<Record<Lang, string>> = {};
      for (const lang of LANGS) {
        try {
          cards[lang] = await c.card(lang);
        } catch (err) {
          // Shown on the page (and failed by the test) instead of the card.
          errors[lang] = `the view failed: ${err instanceof Error ? err.message : String(err)}`;
        }
      }
      return { template: c.template, name: c.name, big: c.big === true, cards, errors };
    }),
  );
  const script = await bundle();
  const cards: GalleryCard[] = [];
  const html = page(cases, cards, { cases }, script);
  mkdirSync(outDir, { recursive: true });
  const file = path.join(outDir, 'index.html');
  writeFileSync(file, html);
  return { file, cases: cases.length, cards, missing: [...TEMPLATES_WITHOUT_CASES] };
}

/** True in the page once every card is rendered and checked (then window.__gallery.cards holds the results). */
export const GALLERY_DONE = "document.documentElement.dataset.galleryDone === 'true'";

/** Opens the page in headless Chromium (filtered by `query`), waits for the cards and takes a full-page screenshot. */
export async function screenshot(page: Page, file: string, query: string, png: string): Promise<void> {
  await page.goto(`${pathToFileURL(file).href}${query ? `?${query}` : ''}`);
  await page.waitForFunction(GALLERY_DONE, undefined, { timeout: 90_000 });
  await page.screenshot({ path: png, fullPage: true });
}

async function screenshots(g: Gallery): Promise<void> {
  const tmp = mkdtempSync(path.join(os.tmpdir(), 'traffpunkt-gallery-'));
  const context = await launchChromium(tmp, { viewport: { width: 1560, height: 1000 }, locale: 'sv-SE', what: 'npm run gallery -- --screenshots' });
  try {
    const page = context.pages()[0] ?? (await context.newPage());
    for (const template of new Set(g.cards.map((c) => c.template))) {
      const png = path.join(path.dirname(g.file), `${template}.png`);
      await screenshot(page, g.file, `template=${template}&big=0`, png);
      console.log(png);
    }
  } finally {
    await context.close();
    rmSync(tmp, { recursive: true, force: true });
  }
}

function serve(file: string, port: number): void {
  const server = createServer((req, res) => {
    if (req.url === '/' || req.url?.startsWith('/index.html') || req.url?.startsWith('/?')) {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
      res.end(readFileSync(file));
    } else {
      res.writeHead(404).end();
    }
  });
  server.listen(port, '127.0.0.1', () => console.log(`serving it on http://127.0.0.1:${port}/ (Ctrl+C to stop)`));
}

async function main(args: string[]): Promise<void> {
  const out = args.find((a) => a.startsWith('--out='))?.slice('--out='.length);
  const serveArg = args.find((a) => a === '--serve' || a.startsWith('--serve='));
  const g = await buildGallery(out ? path.resolve(out) : undefined);
  console.log(`card gallery: ${g.cases} cases, ${g.cards.length} cards (${LANGS.join(', ')}; ${THEMES.join(', ')})`);
  if (g.missing.length) console.log(`no case shows: ${g.missing.join(', ')}`);
  console.log(g.file);
  if (args.includes('--screenshots')) await screenshots(g);
  if (serveArg) serve(g.file, serveArg.includes('=') ? Number(serveArg.split('=')[1]) : 4730);
}

if (require.main === module) {
  main(process.argv.slice(2)).catch((err: unknown) => {
    console.error(err);
    process.exit(1);
  });
}
