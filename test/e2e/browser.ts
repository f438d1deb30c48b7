import { existsSync } from 'node:fs';
import path from 'node:path';
import { chromium, type BrowserContext } from 'playwright-core';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

// Flags that keep Chromium off the (closed) network and working as root in CI.
const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

/** Debian's Chromium, headless, with its profile under `dir`. Fails (never skips) when it is missing. */
export async function launchChromium(
  dir: string,
  options: { viewport: { width: number; height: number }; locale: string; what: string },
): Promise<BrowserContext> {
  if (!existsSync(CHROMIUM)) {
    throw new Error(`Chromium not found at ${CHROMIUM}; ${options.what} needs it. Install it with: apt-get install -y chromium`);
  }
  return chromium.launchPersistentContext(path.join(dir, 'chromium'), {
    executablePath: CHROMIUM,
    headless: true,
    args: ARGS,
    viewport: options.viewport,
    locale: options.locale,
    // Date pickers turn typed dates into local dates; a fixed zone keeps that deterministic.
    timezoneId: 'Europe/Stockholm',
  });
}
