import type { DevPerson, Lang, Me, TabConfig } from '../api/contract';
import { Api, ApiFailure, DEV_USER_HEADER } from './api';
import { h } from './dom';
import { connect, themeOf, type Host, type Theme } from './host';
import { langOf, translator, type T } from './i18n';
import { renderMy, type PageEnv } from './pages/my';
import { renderOverview } from './pages/overview';

// The tab page: finds out whether it runs in Teams, picks language and theme, identifies the
// user (SSO token in Teams; a development identity in local anonymous mode), then shows
// "Mina anmälningar" (?page=my) or "Översikt" (?page=overview).

const DEV_KEY = 'traffpunkt.devUser';
const params = new URLSearchParams(location.search);

function applyTheme(theme: Theme): void {
  document.documentElement.dataset.theme = theme;
}

async function getJson<T>(path: string): Promise<T> {
  const res = await fetch(path, { headers: { accept: 'application/json' } });
  if (!res.ok) throw new ApiFailure(res.status, 'failed');
  const data: unknown = await res.json();
  return shapedConfig<T>(data);
}

/** Our own API's answer (contract.ts). */
function shapedConfig<T>(value: unknown): T {
  return value as T;
}

function messageOf(t: T, err: unknown): string {
  if (err instanceof ApiFailure) {
    if (err.status === 401) return t('unauthorized');
    if (err.status === 403) return t('forbiddenOverview');
    if (err.status === 503) return t('unavailable');
  }
  return t('failed');
}

/** Keeps a setting in the address without reloading the page. */
function rememberParam(name: string, value: string): void {
  const next = new URLSearchParams(location.search);
  next.set(name, value);
  history.replaceState(history.state, '', `?${next.toString()}${location.hash}`);
}

/** "Annika Högberg – Ånge kommun, samordnare": roles in the page's language; people with the same name told apart. */
function personLabel(t: T, p: DevPerson, all: readonly DevPerson[]): string {
  const roles = p.roles.map((r) => (r === 'coordinator' ? t('devRole_coordinator') : r === 'manager' ? t('devRole_manager') : r));
  const about = [p.organization, ...roles].filter((x): x is string => !!x).join(', ');
  const name = p.name || t('devUnnamed');
  const label = about ? `${name} – ${about}` : name;
  const same = all.filter((o) => o.name === p.name && (o.organization ?? '') === (p.organization ?? '') && o.roles.join() === p.roles.join());
  return same.length > 1 ? `${label} (${same.indexOf(p) + 1})` : label;
}

function devControls(t: T, people: DevPerson[], current: string, theme: Theme, lang: Lang): HTMLElement {
  const reloadWith = (changes: Record<string, string>) => {
    const next = new URLSearchParams(location.search);
    for (const [k, v] of Object.entries(changes)) next.set(k, v);
    location.search = next.toString();
  };
  const who = h(
    'select',
    { id: 'dev-user', onchange: () => (sessionStorage.setItem(DEV_KEY, who.value), location.reload()) },
    h('option', { value: '' }, people.length ? t('devChoose') : t('devNobody')),
    people.map((p) => h('option', { value: p.aadObjectId, selected: p.aadObjectId === current }, personLabel(t, p, people))),
  );
  const themeSel = h(
    'select',
    // The theme changes in place, as in Teams: nothing is reloaded, the chosen term and person stay.
    { id: 'dev-theme', onchange: () => (applyTheme(themeOf(themeSel.value)), rememberParam('theme', themeSel.value)) },
    (['default', 'dark', 'contrast'] as const).map((v) => h('option', { value: v, selected: v === theme }, t(v === 'default' ? 'themeDefault' : v === 'dark' ? 'themeDark' : 'themeContrast'))),
  );
  const langSel = h(
    'select',
    { id: 'dev-lang', onchange: () => reloadWith({ lang: langSel.value }) },
    h('option', { value: 'sv', selected: lang === 'sv' }, 'Svenska'),
    h('option', { value: 'en', selected: lang === 'en' }, 'English'),
  );
  return h(
    'div',
    { class: 'dev', role: 'region', 'aria-label': t('devMode') },
    h('p', {}, t('devBanner')),
    h(
      'div',
      { class: 'toolbar' },
      h('label', { for: 'dev-user' }, t('devIdentity')),
      who,
      h('label', { for: 'dev-theme' }, t('theme')),
      themeSel,
      h('label', { for: 'dev-lang' }, t('language')),
      langSel,
    ),
  );
}

function nav(t: T, page: string, me: Me): HTMLElement {
  const link = (p: string, label: string) => {
    const q = new URLSearchParams(location.search);
    q.set('page', p);
    return h('a', { href: `?${q.toString()}`, 'aria-current': p === page ? 'page' : undefined }, label);
  };
  return h('nav', { 'aria-label': t('nav') }, h('ul', {}, h('li', {}, link('my', t('myTitle'))), me.mayOverview ? h('li', {}, link('overview', t('overviewTitle'))) : null));
}

async function boot(): Promise<void> {
  const app = document.getElementById('app');
  if (!app) return;
  const host: Host = await connect();
  const config = await getJson<TabConfig>('/api/tab/config');
  const lang: Lang = host.inTeams ? langOf(host.locale, config.defaultLang) : langOf(params.get('lang') ?? navigator.language, config.defaultLang);
  const t = translator(lang);
  document.documentElement.lang = lang;
  document.title = t('appName');
  applyTheme(host.inTeams ? host.theme : themeOf(params.get('theme')));
  host.onThemeChange(applyTheme);

  const status = h('div', { class: 'status', role: 'status', 'aria-live': 'polite', id: 'status' });
  const main = h('main', { id: 'main', tabindex: -1 }, h('p', {}, t('loading')));
  const header = h('header', {});
  app.replaceChildren(header, main, status);

  if (!host.inTeams && config.mode !== 'local') {
    main.replaceChildren(h('h1', {}, t('appName')), h('p', {}, t('notInTeams')));
    return;
  }
  let credentials: () => Promise<Record<string, string>>;
  if (host.inTeams) {
    credentials = async () => ({ authorization: `Bearer ${await host.token()}` });
  } else {
    const people = await getJson<DevPerson[]>('/api/tab/dev/people');
    const stored = sessionStorage.getItem(DEV_KEY) ?? '';
    const current = people.some((p) => p.aadObjectId === stored) ? stored : '';
    header.append(devControls(t, people, current, themeOf(params.get('theme')), lang));
    if (!current) {
      main.replaceChildren(h('h1', {}, t('appName')), h('p', {}, t('devChoose')));
      return;
    }
    credentials = async () => ({ [DEV_USER_HEADER]: current });
  }

  const api = new Api(credentials, lang);
  const env: PageEnv = {
    api,
    t,
    lang,
    announce: (text) => {
      status.textContent = text;
    },
    fail: (err) => {
      status.textContent = messageOf(t, err);
    },
  };
  const page = params.get('page') === 'overview' || host.page === 'overview' ? 'overview' : 'my';
  try {
    const me = await api.get<Me>('/api/tab/me');
    if (!host.inTeams) header.append(nav(t, page, me));
    if (page === 'overview') {
      if (!me.mayOverview) {
        main.replaceChildren(h('h1', {}, t('overviewTitle')), h('p', {}, t('forbiddenOverview')));
        return;
      }
      await renderOverview(env, main, { coordinator: me.coordinator, ...(params.get('term') ? { term: params.get('term') ?? '' } : {}) });
    } else {
      await renderMy(env, main);
    }
    document.body.dataset.ready = 'true';
  } catch (err) {
    main.replaceChildren(h('h1', {}, t('appName')), h('p', { role: 'alert' }, messageOf(t, err)));
    document.body.dataset.ready = 'error';
  }
}

void boot();
