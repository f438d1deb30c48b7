import { refused } from '../refusal';
import { answer } from '../../platform/teams/router';
import { plain } from '../../kernel/wellFormed';
import { z } from 'zod';
import { translator, type MessageKey } from '../i18n';
import { aadIdOf, mentionsIn } from '../roles';
import type { HandlerMap, Reply } from '../../platform/teams/actionTypes';
import type { PrivacyTurn } from './ports';
import type { CommandSpec } from '../../platform/teams/actionTypes';
import { eraseConfirmCard, myDataCard } from './cards';
import { myDataLines } from './myDataLines';
import { myDataPath, myDataToken, type MyDataFormat } from './routes';

// "mina uppgifter", "radera mina uppgifter", "radera person @namn", "åtkomstlogg", "gallring".

const AadIdSchema = z.string().regex(/^[A-Za-z0-9-]{1,64}$/);
/** The confirmation card's payload: at most whom to erase. Who may is decided here, from stored roles. */
const EraseConfirmSchema = z.object({ target: AadIdSchema.optional() });

const LINES_PER_SECTION = 8;

const say = (turn: PrivacyTurn, key: MessageKey, params?: Record<string, string | number>): Reply => ({ message: translator(turn.actor.lang)(key, params) });

async function myData(turn: PrivacyTurn): Promise<Reply> {
  const p = turn.ports.privacy;
  const t = translator(turn.actor.lang);
  const data = await p.myData(turn.actor.aadObjectId);
  const base = turn.ports.reports.baseUrl() ?? '';
  const link = (format: MyDataFormat) => `${base}${myDataPath(format, myDataToken(p.linkSecret, { userId: turn.actor.aadObjectId, lang: turn.actor.lang, format }, turn.ports.now()))}`;
  const sections = await myDataLines(
    data,
    {
      activity: async (id) => (await turn.ports.activities.get(id))?.doc ?? null,
      organizations: async () => new Map((await turn.ports.directory.organizations()).map((o) => [o.id, o.name])),
    },
    turn.actor.lang,
  );
  // The profile is shown whole; the long lists by their first lines (the export has everything).
  const shown = (key: string) => (key === 'profile' ? 12 : LINES_PER_SECTION);
  const more = sections.some((s) => s.lines.length > shown(s.key));
  return {
    card: myDataCard({
      heading: t('priv_myDataHeading'),
      intro: t('priv_myDataIntro'),
      empty: t('priv_empty'),
      sections: sections.map((s) => ({ title: t(`priv_sec_${s.key}`), lines: s.lines.slice(0, shown(s.key)) })),
      more: more ? t('priv_more') : '',
      links: [
        { title: t('priv_exportJson'), url: link('json') },
        { title: t('priv_exportXlsx'), url: link('xlsx') },
        { title: t('priv_exportCsv'), url: link('csv') },
      ],
      downloadHeading: t('priv_downloadHeading'),
      eraseTitle: t('priv_eraseButton'),
    }),
  };
}

function confirmSelf(turn: PrivacyTurn): Reply {
  const t = translator(turn.actor.lang);
  return { card: eraseConfirmCard({ heading: t('priv_confirmHeading'), name: '', lines: [t('priv_confirmSelf')], confirmTitle: t('priv_confirm'), cancelTitle: t('priv_cancel'), data: {} }) };
}

async function confirmOther(turn: PrivacyTurn): Promise<Reply> {
  const t = translator(turn.actor.lang);
  const mentions = mentionsIn(turn);
  if (mentions.length === 0) return say(turn, 'priv_err_mention');
  if (mentions.length > 1) return say(turn, 'priv_err_oneOnly');
  const m = mentions[0];
  if (!m) return say(turn, 'priv_err_mention');
  const id = await aadIdOf(turn, turn.ports.reports.roles, m, turn.ports.log);
  if (!id) return say(turn, 'priv_err_unknownPerson', { name: `"${plain((m.name ?? '').slice(0, 100))}"` });
  return {
    card: eraseConfirmCard({
      heading: t('priv_confirmHeading'),
      name: (m.name ?? '').slice(0, 200),
      lines: [t('priv_confirmOther')],
      confirmTitle: t('priv_confirm'),
      cancelTitle: t('priv_cancel'),
      data: { target: id },
    }),
  };
}

/** Erases the person the card names: oneself always; anyone else only for a coordinator (stored roles, now). */
async function confirmErase(turn: PrivacyTurn, data: Record<string, unknown>): Promise<Reply> {
  const input = EraseConfirmSchema.parse(data);
  const target = input.target ?? turn.actor.aadObjectId;
  const self = target === turn.actor.aadObjectId;
  if (!self && !(await turn.isCoordinator())) {
    turn.ports.log.info({ by: turn.actor.aadObjectId }, 'erase refused: not a coordinator');
    throw refused('forbidden');
  }
  const p = turn.ports.privacy;
  const result = await p.eraser.erase(turn.ports, target, self ? 'self' : turn.actor.aadObjectId);
  if (!self) {
    p.accessLog.record({ viewerId: turn.actor.aadObjectId, purpose: 'erase', export: false, scope: 'all', activityIds: [], rows: 0, subjectId: result.anonId });
    return say(turn, 'priv_erasedOther', { changed: result.changed, deleted: result.deleted });
  }
  return say(turn, 'priv_erasedSelf');
}

async function accessLog(turn: PrivacyTurn): Promise<Reply> {
  const t = translator(turn.actor.lang);
  const entries = await turn.ports.privacy.accessLog.latest(30);
  if (entries.length === 0) return say(turn, 'priv_accessEmpty');
  const people = await turn.ports.directory.people([...new Set(entries.map((e) => e.viewerId))]);
  const lines = entries.map((e) =>
    t('priv_accessLine', {
      at: e.at.slice(0, 16).replace('T', ' '),
      who: plain(people.get(e.viewerId)?.name ?? e.viewerId),
      purpose: e.purpose,
      export: e.export ? t('priv_accessExport') : '',
      activities: e.activities,
      rows: e.rows,
    }),
  );
  return { message: [`**${t('priv_accessHeading', { count: entries.length })}**`, ...lines].join('\n\n') };
}

async function retentionSchedule(turn: PrivacyTurn): Promise<Reply> {
  const t = translator(turn.actor.lang);
  const rows = await turn.ports.retention.schedule();
  if (rows.length === 0) return say(turn, 'priv_retentionEmpty');
  const day = (d: Date) => d.toISOString().slice(0, 10);
  const lines = rows
    .slice(0, 40)
    .map((r) =>
      r.removedAt
        ? t('priv_retentionDone', { title: plain(r.title.slice(0, 120)), at: r.removedAt.slice(0, 10) })
        : t('priv_retentionLine', { title: plain(r.title.slice(0, 120)), end: day(r.lastEnd), removeAt: day(r.removeAt), textsAt: day(r.textsAt) }),
    );
  return { message: [`**${t('priv_retentionHeading')}**`, ...lines].join('\n\n') };
}

export const privacyCommands: CommandSpec<PrivacyTurn>[] = [
  { name: 'privacy.myData', words: ['mina uppgifter', 'my data', 'mina personuppgifter'], run: async (turn) => answer(turn, await myData(turn)) },
  { name: 'privacy.eraseSelf', words: ['radera mina uppgifter', 'delete my data', 'erase my data'], run: async (turn) => answer(turn, confirmSelf(turn)) },
  { name: 'privacy.erasePerson', words: ['radera person', 'erase person', 'delete person'], takesArgument: true, coordinatorOnly: true, run: async (turn) => answer(turn, await confirmOther(turn)) },
  { name: 'privacy.retention', words: ['gallring', 'retention'], coordinatorOnly: true, run: async (turn) => answer(turn, await retentionSchedule(turn)) },
  { name: 'privacy.accessLog', words: ['åtkomstlogg', 'access log'], coordinatorOnly: true, run: async (turn) => answer(turn, await accessLog(turn)) },
];

export const privacyHandlers: HandlerMap<PrivacyTurn> = {
  'privacy.erase.ask': async (turn) => confirmSelf(turn),
  'privacy.erase.confirm': confirmErase,
  'privacy.erase.cancel': async (turn) => say(turn, 'priv_cancelled'),
};
