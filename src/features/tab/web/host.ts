import { app, authentication } from '@microsoft/teams-js';

// Where the page runs: inside Teams (context, theme, SSO token) or in a plain browser, which
// app.initialize() reveals by rejecting or never answering.

export type Theme = 'default' | 'dark' | 'contrast';

export interface Host {
  inTeams: boolean;
  locale: string | undefined;
  theme: Theme;
  /** The entity id of a channel tab's configuration, or the static tab's. */
  page: string | undefined;
  onThemeChange(handler: (theme: Theme) => void): void;
  token(): Promise<string>;
}

const INIT_TIMEOUT_MS = 2500;

export function themeOf(name: string | undefined | null): Theme {
  if (name === 'dark') return 'dark';
  if (name === 'contrast') return 'contrast';
  return 'default';
}

function within<T>(p: Promise<T>, ms: number): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('timeout')), ms);
    p.then(
      (v) => (clearTimeout(timer), resolve(v)),
      (e: unknown) => (clearTimeout(timer), reject(e instanceof Error ? e : new Error('rejected'))),
    );
  });
}

const outside: Host = {
  inTeams: false,
  locale: undefined,
  theme: 'default',
  page: undefined,
  onThemeChange: () => undefined,
  token: () => Promise.reject(new Error('not in Teams')),
};

export async function connect(): Promise<Host> {
  // A page opened directly (not framed by Teams) has nobody to answer initialize().
  if (window.parent === window && !window.opener) return outside;
  try {
    await within(app.initialize(), INIT_TIMEOUT_MS);
    const context = await within(app.getContext(), INIT_TIMEOUT_MS);
    app.notifySuccess();
    return {
      inTeams: true,
      locale: context.app.locale,
      theme: themeOf(context.app.theme),
      page: context.page.id,
      onThemeChange: (handler) => app.registerOnThemeChangeHandler((t) => handler(themeOf(t))),
      token: () => authentication.getAuthToken(),
    };
  } catch {
    return outside;
  }
}
