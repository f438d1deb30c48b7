import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, type BrowserContext } from 'playwright-core';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

// Flags that keep Chromium off the (closed) network and working as root in CI.
const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

// @sparticuz/chromium's flags that would make the browser laxer than a real one (the tab test
// checks that no request fails); the rest (single process, no zygote, ...) are kept.
const LAX = ['--disable-web-security', '--allow-running-insecure-content'];

interface Browser {
  executablePath: string;
  args: string[];
  env: Record<string, string>;
}

/**
 * The Chromium that @sparticuz/chromium carries (npm ci brings it; no apt package needed),
 * unpacked once per version into the temp directory, with its bundled fonts (Open Sans, which
 * has å, ä and ö) added to the system's. The package is ESM with `import.meta.url`, so it runs
 * in a child Node, outside Jest's CommonJS module system; unpacking into a fresh directory that
 * is then renamed into place keeps two Jest workers from launching a half-written binary.
 */
function bundledChromium(): Browser {
  // Its exports map has no ./package.json; the entry is build/index.js.
  const pkg = path.join(path.dirname(require.resolve('@sparticuz/chromium')), '..', 'package.json');
  const { version } = JSON.parse(readFileSync(pkg, 'utf8')) as { version: string };
  const home = path.join(os.tmpdir(), `traffpunkt-chromium-${version}`);
  if (!existsSync(path.join(home, 'ready.json'))) {
    const work = mkdtempSync(path.join(os.tmpdir(), 'traffpunkt-chromium-unpack-'));
    const script = `const c = (await import('@sparticuz/chromium')).default; const executablePath = await c.executablePath(); process.stdout.write(JSON.stringify({ executablePath, args: c.args }));`;
    const out = execFileSync(process.execPath, ['--input-type=module', '-e', script], { cwd: path.dirname(pkg), env: { ...process.env, TMPDIR: work }, encoding: 'utf8' });
    const unpacked = JSON.parse(out) as { executablePath: string; args: string[] };
    mkdirSync(path.join(work, 'fontconfig-cache'), { recursive: true });
    writeFileSync(
      path.join(work, 'fonts.conf'),
      `<?xml version="1.0"?>\n<!DOCTYPE fontconfig SYSTEM "fonts.dtd">\n<fontconfig>\n  <include ignore_missing="yes">/etc/fonts/fonts.conf</include>\n  <dir>${path.join(home, 'fonts')}</dir>\n  <cachedir>${path.join(home, 'fontconfig-cache')}</cachedir>\n</fontconfig>\n`,
    );
    writeFileSync(path.join(work, 'ready.json'), JSON.stringify({ executable: path.relative(work, unpacked.executablePath), args: unpacked.args }));
    try {
      renameSync(work, home);
    } catch {
      rmSync(work, { recursive: true, force: true }); // another worker was first
    }
  }
  const ready = JSON.parse(readFileSync(path.join(home, 'ready.json'), 'utf8')) as { executable: string; args: string[] };
  return {
    executablePath: path.join(home, ready.executable),
    args: [...ready.args.filter((a) => !LAX.includes(a) && !a.startsWith('--headless')), ...ARGS.filter((a) => !ready.args.includes(a))],
    env: { FONTCONFIG_PATH: home, FONTCONFIG_FILE: path.join(home, 'fonts.conf') },
  };
}

/**
 * The environment for Chromium. Under libfaketime (CI's run with the clock shifted) Chromium
 * hangs, so it runs on the real clock and `launchChromium` moves the page's clock instead.
 */
function browserEnv(extra: Record<string, string>): { env: Record<string, string>; shifted: boolean } {
  const env: Record<string, string> = {};
  for (const [k, v] of Object.entries(process.env)) if (v !== undefined) env[k] = v;
  const shifted = /faketime/.test(env.LD_PRELOAD ?? '');
  if (shifted) {
    delete env.LD_PRELOAD;
    delete env.FAKETIME;
  }
  return { env: { ...env, ...extra }, shifted };
}

/**
 * Chromium, headless, with its profile under `dir`: Debian's (or CHROMIUM_PATH) when present,
 * else the one @sparticuz/chromium brings. Fails (never skips) when neither can be had.
 */
export async function launchChromium(dir: string, options: { viewport: { width: number; height: number }; locale: string; what: string }): Promise<BrowserContext> {
  let browser: Browser;
  if (existsSync(CHROMIUM)) {
    browser = { executablePath: CHROMIUM, args: ARGS, env: {} };
  } else {
    try {
      browser = bundledChromium();
    } catch (err) {
      throw new Error(`Chromium not found at ${CHROMIUM} and @sparticuz/chromium could not be unpacked (${String(err)}); ${options.what} needs one. Install it with: apt-get install -y chromium`);
    }
  }
  const { env, shifted } = browserEnv(browser.env);
  const context = await chromium.launchPersistentContext(path.join(dir, 'chromium'), {
    executablePath: browser.executablePath,
    headless: true,
    args: browser.args,
    env,
    viewport: options.viewport,
    locale: options.locale,
    // Date pickers turn typed dates into local dates; a fixed zone keeps that deterministic.
    timezoneId: 'Europe/Stockholm',
  });
  // This process's (shifted) time for the pages too; the clock then runs on from there.
  if (shifted) await context.clock.install({ time: Date.now() });
  return context;
}
