// The privacy templates with ordinary and very large views, for test/platform/cards/templates.test.ts.
import type { Attachment } from 'botbuilder';
import type { TemplateName } from '../../../src/platform/cards/render';
import { translator, type Lang } from '../../../src/features/i18n';
import { eraseConfirmCard, myDataCard } from '../../../src/features/privacy/cards';
import type { Json } from '../../unit/fixtures';

interface Case {
  template: TemplateName;
  name: string;
  big?: boolean;
  card: (lang: Lang) => Json;
}

const content = (a: Attachment): Json => a.content as Json;
const long = (n: number, seed: string) => seed.repeat(Math.ceil(n / seed.length)).slice(0, n);
const KEYS = ['profile', 'registrations', 'attendance', 'answers', 'networks', 'messages'] as const;

function myData(lang: Lang, lines: (i: number) => string[], token: string): Json {
  const t = translator(lang);
  return content(
    myDataCard({
      heading: t('priv_myDataHeading'),
      intro: t('priv_myDataIntro'),
      empty: t('priv_empty'),
      sections: KEYS.map((k, i) => ({ title: t(`priv_sec_${k}`), lines: lines(i) })),
      more: '',
      links: [
        { title: t('priv_exportJson'), url: `https://traffpunkt.miun.se/privacy/mydata.json?t=${token}` },
        { title: t('priv_exportXlsx'), url: `https://traffpunkt.miun.se/privacy/mydata.xlsx?t=${token}` },
      ],
      downloadHeading: t('priv_downloadHeading'),
      eraseTitle: t('priv_eraseButton'),
    }),
  );
}

export const PRIVACY_CARD_CASES: Case[] = [
  {
    template: 'privacy-mydata',
    name: 'a profile and one registration, the rest empty',
    card: (lang) =>
      myData(
        lang,
        (i) => (i === 0 ? ['Namn: Åsa Öberg', 'Organisation: Sundsvalls kommun'] : i === 1 ? ['Läslyftet · tisdag 8 december 2026 09:00–11:00 · anmäld 3 december 2026'] : []),
        'eyJ2IjoxfQ.abc',
      ),
  },
  {
    template: 'privacy-mydata',
    name: '8 lines of 400 characters in every section, hostile text',
    big: true,
    card: (lang) => myData(lang, () => Array.from({ length: 8 }, (_, j) => long(400, `**${j}** <b>Åsa</b> [länk](http://x) `)), long(2000, 'eyJ2IjoxLCJ1Ijoi')),
  },
  {
    template: 'privacy-confirm',
    name: 'oneself',
    card: (lang) => {
      const t = translator(lang);
      return content(eraseConfirmCard({ heading: t('priv_confirmHeading'), name: '', lines: [t('priv_confirmSelf')], confirmTitle: t('priv_confirm'), cancelTitle: t('priv_cancel'), data: {} }));
    },
  },
  {
    template: 'privacy-confirm',
    name: 'a coordinator erasing someone with a 200-character name',
    big: true,
    card: (lang) => {
      const t = translator(lang);
      return content(
        eraseConfirmCard({
          heading: t('priv_confirmHeading'),
          name: long(200, 'Åsa Öberg-Ängström '),
          lines: [t('priv_confirmOther')],
          confirmTitle: t('priv_confirm'),
          cancelTitle: t('priv_cancel'),
          data: { target: '00000000-0000-4000-8000-000000000042' },
        }),
      );
    },
  },
];
