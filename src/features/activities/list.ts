import type { Card } from '../../platform/cards/render';
import { activityListCard, type ActivityListView } from './views';
import { deadlineInstant, type Activity } from '../../kernel/activity';
import { fold } from '../../kernel/text';
import { formatDate } from '../../kernel/time';
import { translator, type Lang, type Translate } from '../i18n';
import { dateOf, findActivities } from '../reports';
import type { ActivityTurn } from './ports';

// `aktiviteter`: members see what is open for registration; coordinators see every published
// activity, coming first and then past, term by term, and find one by part of its name or a year.

const MEMBER_LIMIT = 25;
/** How many a coordinator sees at once: every coming one up to this, then the latest past ones. */
const COORDINATOR_LIMIT = 20;
const YEAR_LIMIT = 40;

const live = (a: Activity) => a.sessions.filter((s) => s.status !== 'cancelled');
const firstStart = (a: Activity) => (live(a)[0] ?? a.sessions[0])?.start ?? '';
const lastStart = (a: Activity) => (live(a).at(-1) ?? a.sessions.at(-1))?.start ?? '';
const isComing = (a: Activity, now: number) => live(a).some((s) => Date.parse(s.end) > now);

/** "Höstterminen 2026" / "Autumn term 2026": the term an instant falls in (spring: January–June). */
function termName(iso: string, t: Translate): string {
  const d = dateOf(iso);
  const year = d.slice(0, 4);
  return Number(d.slice(5, 7)) <= 6 ? t('term_spring', { year }) : t('term_autumn', { year });
}

function when(a: Activity, lang: Lang): string {
  const first = firstStart(a);
  const last = lastStart(a);
  if (!first) return '';
  const from = formatDate(new Date(first), lang);
  return first === last ? from : `${from} – ${formatDate(new Date(last), lang)}`;
}

function statusOf(a: Activity, now: number): 'open' | 'closed' | 'held' | 'cancelled' {
  if (live(a).length === 0) return 'cancelled';
  if (!isComing(a, now)) return 'held';
  return now <= deadlineInstant(a).getTime() ? 'open' : 'closed';
}

/** Items in order, each group's first item carrying the group's heading. */
function grouped(list: readonly Activity[], heading: (a: Activity) => string, detail: (a: Activity) => string): ActivityListView['items'] {
  let previous = '';
  return list.map((a) => {
    const g = heading(a);
    const item = { activityId: a.id, title: a.title, detail: detail(a), group: g === previous ? '' : g };
    previous = g;
    return item;
  });
}

export async function activitiesReply(turn: ActivityTurn, argument: string): Promise<Card | string> {
  const lang = turn.actor.lang;
  const t = translator(lang);
  const now = turn.ports.now().getTime();
  const published = (await turn.ports.activities.list({ status: 'published' })).filter((a) => a.sessions.length > 0);
  const detail = (a: Activity) => t('list_detail', { kind: t(`kind_${a.kind}`), when: when(a, lang), status: t(`list_status_${statusOf(a, now)}`) });
  const base = { buttonTitle: t('list_show'), verb: 'invitation.show' as const, empty: t('list_empty') };

  if (!(await turn.isCoordinator())) {
    const open = published.filter((a) => isComing(a, now)).sort((a, b) => firstStart(a).localeCompare(firstStart(b)));
    const shown = fold(argument) ? findActivities(argument, open) : open;
    return activityListCard({
      ...base,
      heading: t('list_title'),
      intro: '',
      items: shown.slice(0, MEMBER_LIMIT).map((a) => ({ activityId: a.id, title: a.title, detail: `${t(`kind_${a.kind}`)} · ${firstStart(a) ? formatDate(new Date(firstStart(a)), lang) : ''}` })),
    });
  }

  const coming = (list: readonly Activity[]) => list.filter((a) => isComing(a, now)).sort((a, b) => firstStart(a).localeCompare(firstStart(b)));
  const past = (list: readonly Activity[]) => list.filter((a) => !isComing(a, now)).sort((a, b) => lastStart(b).localeCompare(lastStart(a)));
  // Coming ones under the term of their first session, past ones under the term of their last.
  const heading = (a: Activity) => (isComing(a, now) ? t('list_upcoming', { term: termName(firstStart(a), t) }) : t('list_past', { term: termName(lastStart(a), t) }));

  const year = /^(?:19|20)\d\d$/.exec(argument.trim())?.[0];
  if (year) {
    const inYear = published.filter((a) => a.sessions.some((s) => dateOf(s.start).startsWith(year))).sort((a, b) => firstStart(a).localeCompare(firstStart(b)));
    return activityListCard({
      ...base,
      heading: t('list_year', { year }),
      intro: '',
      empty: t('list_noneFound', { name: year }),
      items: grouped(inYear.slice(0, YEAR_LIMIT), (a) => termName(firstStart(a), t), detail),
    });
  }

  if (fold(argument)) {
    const found = findActivities(argument, published);
    if (found.length === 0) return t('list_noneFound', { name: argument });
    const list = [...coming(found), ...past(found)].slice(0, MEMBER_LIMIT);
    return activityListCard({ ...base, heading: t('list_found', { name: argument }), intro: '', items: grouped(list, heading, detail) });
  }

  const ahead = coming(published);
  const behind = past(published);
  const shown = [...ahead.slice(0, COORDINATOR_LIMIT), ...behind.slice(0, Math.max(0, COORDINATOR_LIMIT - ahead.length))];
  const hidden = behind.slice(Math.max(0, COORDINATOR_LIMIT - ahead.length));
  const hiddenYear = hidden[0] ? dateOf(lastStart(hidden[0])).slice(0, 4) : '';
  return activityListCard({
    ...base,
    heading: t('list_allTitle'),
    intro: t('list_allIntro'),
    items: grouped(shown, heading, detail),
    more: hidden.length > 0 ? t('list_more', { shown: shown.length, n: published.length, year: hiddenYear }) : '',
  });
}
