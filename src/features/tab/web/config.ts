import { app, pages } from '@microsoft/teams-js';
import { langOf, translator } from './i18n';

// The configuration page of the channel tab: one choice (the overview), so it is valid at once.

async function configure(): Promise<void> {
  const root = document.getElementById('app');
  if (!root) return;
  await app.initialize();
  const context = await app.getContext();
  const t = translator(langOf(context.app.locale, 'sv'));
  document.documentElement.dataset.theme = context.app.theme === 'dark' || context.app.theme === 'contrast' ? context.app.theme : 'default';
  const h1 = document.createElement('h1');
  h1.textContent = t('overviewTitle');
  const intro = document.createElement('p');
  intro.textContent = t('configIntro');
  const ready = document.createElement('p');
  ready.textContent = t('configReady');
  root.replaceChildren(h1, intro, ready);
  const base = `${location.origin}/tab/index.html?page=overview`;
  pages.config.registerOnSaveHandler((save) => {
    pages.config
      .setConfig({ entityId: 'overview', contentUrl: base, websiteUrl: base, suggestedDisplayName: `Träffpunkt – ${t('overviewTitle')}` })
      .then(() => save.notifySuccess())
      .catch((err: unknown) => save.notifyFailure(err instanceof Error ? err.message : 'failed'));
  });
  pages.config.setValidityState(true);
  app.notifySuccess();
}

void configure();
