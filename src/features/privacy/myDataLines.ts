import type { Activity } from '../../kernel/activity';
import { formatDate, formatSpan } from '../../kernel/time';
import { isMessageKey, langFromLocale, translator, type Lang, type MessageKey } from '../i18n';
import type { MyData, Section } from './myData';

// "mina uppgifter" as a page about a person, in their language: names instead of ids, dates
// and times in words, statuses as words. The export (myData.ts) keeps the raw fields.

type Row = Section['rows'][number];

export interface MyDataLookups {
  activity(id: string): Promise<Activity | null>;
  /** Organisation names by id. */
  organizations(): Promise<ReadonlyMap<string, string>>;
}

const str = (v: Row[string] | undefined): string => (typeof v === 'string' ? v : '');
const SEP = ' · ';

export async function myDataLines(data: MyData, lookups: MyDataLookups, lang: Lang): Promise<{ key: Section['key']; lines: string[] }[]> {
  const t = translator(lang);
  const cache = new Map<string, Promise<Activity | null>>();
  const activityOf = (id: string) => {
    if (!cache.has(id)) cache.set(id, id ? lookups.activity(id) : Promise.resolve(null));
    return cache.get(id) ?? Promise.resolve(null);
  };
  const orgs = await lookups.organizations();
  const date = (iso: string) => (Number.isFinite(Date.parse(iso)) ? formatDate(new Date(iso), lang) : '');
  const titleOf = (a: Activity | null) => a?.title ?? t('priv_unknownActivity');
  const sessionWhen = (a: Activity | null, id: string) => {
    const s = a?.sessions.find((x) => x.id === id);
    return s ? formatSpan(new Date(s.start), new Date(s.end), lang) : '';
  };
  const join = (parts: string[]) => parts.filter((p) => p !== '').join(SEP);

  const profile = (rows: Row[]): string[] => {
    const v = (field: string) => rows.find((r) => r.field === field)?.value;
    const out: string[] = [];
    if (str(v('name'))) out.push(t('priv_f_name', { value: str(v('name')) }));
    if (str(v('email'))) out.push(t('priv_f_email', { value: str(v('email')) }));
    if (str(v('upn')) && str(v('upn')) !== str(v('email'))) out.push(t('priv_f_upn', { value: str(v('upn')) }));
    if (date(str(v('identityAt')))) out.push(t('priv_f_identityAt', { date: date(str(v('identityAt'))) }));
    const orgId = str(v('organizationId'));
    const org = orgId === 'other' ? str(v('organizationOther')) : (orgs.get(orgId) ?? '');
    if (org) out.push(t('priv_f_organization', { value: org }));
    const role = `role_${str(v('jobRole'))}`;
    if (isMessageKey(role)) out.push(t('priv_f_jobRole', { value: t(role) }));
    const appRoles = str(v('roles'))
      .split(',')
      .map((r) => `roles_${r.trim()}`)
      .filter((k): k is MessageKey => isMessageKey(k))
      .map((k) => t(k));
    if (appRoles.length > 0) out.push(t('priv_f_appRoles', { value: appRoles.join(', ') }));
    const locale = str(v('locale'));
    if (locale) out.push(t('priv_f_language', { value: t(langFromLocale(locale, lang) === 'sv' ? 'priv_lang_sv' : 'priv_lang_en') }));
    if (rows.some((r) => r.field === 'remindersOff')) out.push(t(v('remindersOff') === true ? 'priv_f_remindersOff' : 'priv_f_remindersOn'));
    const managerOf = orgs.get(str(v('managerOf')));
    if (managerOf) out.push(t('priv_f_managerOf', { value: managerOf }));
    if (v('conversationReference') === true) out.push(t('priv_f_chat'));
    if (date(str(v('updatedAt')))) out.push(t('priv_f_updated', { date: date(str(v('updatedAt'))) }));
    return out;
  };

  const registration = async (r: Row): Promise<string> => {
    const a = await activityOf(str(r.activityId));
    const scope = str(r.scope);
    const first = a?.sessions[0];
    const when =
      scope === 'series' && a && first
        ? t('priv_series', { n: a.sessions.filter((s) => s.status !== 'cancelled').length, when: formatSpan(new Date(first.start), new Date(first.end), lang) })
        : sessionWhen(a, scope);
    const status = r.status === 'waitlisted' ? t('priv_reg_waitlisted', { date: date(str(r.at)) }) : t('priv_reg_registered', { date: date(str(r.at)) });
    return join([titleOf(a), when, status, r.teamId ? t('priv_reg_team') : '']);
  };

  const attendance = async (r: Row): Promise<string> => {
    const a = await activityOf(str(r.activityId));
    const minutes = typeof r.minutes === 'number' && r.minutes > 0 ? r.minutes : 0;
    const status = r.present !== true ? t('priv_att_absent') : minutes > 0 ? t('priv_att_minutes', { minutes }) : t('priv_att_present');
    return join([titleOf(a), sessionWhen(a, str(r.sessionId)), status]);
  };

  const answer = (r: Row): string => {
    const kind = `unr_kind_${str(r.survey)}`;
    // ratings are "overall=4, useful=5"; texts "takeaway: … | changeText: …" (myData.ts).
    const ratings = str(r.ratings)
      .split(', ')
      .map((p) => p.split('=')[1] ?? '')
      .filter((x) => x !== '');
    const texts = str(r.texts)
      .split(/ \| (?=\w+: )/)
      .map((p) => p.replace(/^\w+: /, '').trim())
      .filter((x) => x !== '')
      .map((x) => (lang === 'sv' ? `”${x}”` : `“${x}”`));
    return join([
      str(r.activity),
      `${isMessageKey(kind) ? t(kind) : t('priv_msg_survey')}, ${t('priv_ans_answered', { date: date(str(r.answeredAt)) })}`,
      ratings.length > 0 ? t('priv_ans_ratings', { values: ratings.join(', ') }) : '',
      ...texts,
    ]);
  };

  const network = (r: Row): string =>
    join([str(r.network), date(str(r.addedAt)) ? t('priv_net_since', { date: date(str(r.addedAt)) }) : '', r.remindersOff === true ? t('priv_net_remindersOff') : '']);

  const messageLine = async (r: Row): Promise<string> => {
    const kindKey = r.kind === 'survey' ? `unr_kind_${str(r.survey) || 'evaluation'}` : `unr_kind_${str(r.kind)}`;
    const a = r.activityId ? await activityOf(str(r.activityId)) : null;
    const status = str(r.status);
    const fate =
      status === 'sent'
        ? t('priv_msg_sent', { date: date(str(r.sentAt)) })
        : status === 'held'
          ? t('priv_msg_held')
          : status === 'skipped' || status === 'cancelled'
            ? t('priv_msg_notSent')
            : status === 'failed' || status === 'indoubt'
              ? t('priv_msg_failed')
              : t('priv_msg_planned', { date: date(str(r.dueAt)) });
    return join([isMessageKey(kindKey) ? t(kindKey) : t('priv_msg_survey'), r.activityId ? titleOf(a) : '', fate]);
  };

  const out: { key: Section['key']; lines: string[] }[] = [];
  for (const sec of data.sections) {
    let lines: string[];
    switch (sec.key) {
      case 'profile':
        lines = profile(sec.rows);
        break;
      case 'registrations':
        lines = await Promise.all(sec.rows.map(registration));
        break;
      case 'attendance':
        lines = await Promise.all(sec.rows.map(attendance));
        break;
      case 'answers':
        lines = sec.rows.map(answer);
        break;
      case 'networks':
        lines = sec.rows.map(network);
        break;
      case 'messages':
        lines = await Promise.all(sec.rows.map(messageLine));
        break;
      default:
        lines = [];
    }
    out.push({ key: sec.key, lines: lines.map((l) => l.slice(0, 400)) });
  }
  return out;
}
