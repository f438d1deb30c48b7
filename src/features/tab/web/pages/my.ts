import type { MyPage, MyRegistrationView, MySession, PendingSurvey } from '../../api/contract';
import type { Api } from '../api';
import { h } from '../dom';
import { formatTime, formatWhen, isKey, type T } from '../i18n';

// "Mina anmälningar": upcoming and past registrations, and evaluations waiting for an answer.

export interface PageEnv {
  api: Api;
  t: T;
  lang: 'sv' | 'en';
  announce(text: string): void;
  fail(err: unknown): void;
}

function sessionItem(env: PageEnv, s: MySession, showAttendance: boolean): HTMLLIElement {
  const { t, lang } = env;
  return h(
    'li',
    { class: s.cancelled ? 'session cancelled' : 'session' },
    h('span', { class: 'when' }, `${formatWhen(s.start, lang)}–${formatTime(s.end)}`),
    s.cancelled ? h('span', { class: 'badge warn' }, t('cancelledSession')) : null,
    showAttendance && !s.cancelled ? h('span', { class: s.attended ? 'badge ok' : 'badge' }, s.attended ? t('attended') : t('notAttended')) : null,
    h(
      'span',
      { class: 'links' },
      s.joinUrl ? h('a', { href: s.joinUrl, target: '_blank', rel: 'noopener noreferrer' }, t('join')) : null,
      !s.cancelled && !showAttendance ? h('a', { href: s.icsPath, download: `traffpunkt-${s.sessionId}.ics` }, t('addToCalendar')) : null,
    ),
  );
}

function registration(env: PageEnv, r: MyRegistrationView, reload: () => Promise<void>): HTMLElement {
  const { t } = env;
  const kind = `kind_${r.kind}`;
  const status = r.status === 'registered' ? t('statusRegistered') : t('statusWaitlisted', { n: r.position });
  const actions = h('div', { class: 'actions' });
  const showCancel = () => {
    actions.replaceChildren();
    if (!r.canCancel) return;
    actions.append(h('button', { type: 'button', class: 'secondary', 'aria-label': `${t('cancel')}: ${r.title}`, onclick: () => confirm() }, t('cancel')));
  };
  const confirm = () => {
    actions.replaceChildren(
      h('p', { class: 'confirm', role: 'alert' }, t('confirmQuestion', { title: r.title })),
      h('button', { type: 'button', class: 'danger', onclick: () => void doCancel() }, t('confirmCancel')),
      h('button', { type: 'button', class: 'secondary', onclick: () => showCancel() }, t('keep')),
    );
    actions.querySelector<HTMLButtonElement>('button.danger')?.focus();
  };
  const doCancel = async () => {
    try {
      await env.api.post('/api/tab/my/cancel', { activityId: r.activityId, sessionId: r.scope });
      env.announce(t('cancelledDone', { title: r.title }));
      await reload();
      document.getElementById('upcoming-h')?.focus();
    } catch (err) {
      env.fail(err);
    }
  };
  showCancel();
  return h(
    'li',
    { class: 'card registration', 'data-activity': r.activityId },
    h('h3', {}, r.title),
    h(
      'p',
      { class: 'meta' },
      [isKey(kind) ? t(kind) : r.kind, ...(r.scope === 'series' ? [t('wholeSeries')] : [])].join(' · '),
      h('span', { class: r.status === 'registered' ? 'badge ok' : 'badge warn' }, status),
    ),
    h(
      'ul',
      { class: 'sessions' },
      r.sessions.map((s) => sessionItem(env, s, r.past)),
    ),
    actions,
  );
}

function survey(env: PageEnv, p: PendingSurvey): HTMLLIElement {
  return h(
    'li',
    { class: 'card' },
    h('h3', {}, p.title),
    h('p', { class: 'meta' }, p.surveyKind === 'evaluation' ? env.t('surveyEvaluation') : env.t('surveyFollowUp')),
    h('p', {}, env.t('surveyHow')),
  );
}

export async function renderMy(env: PageEnv, root: HTMLElement): Promise<void> {
  const { t } = env;
  const reload = async () => {
    const data = await env.api.get<MyPage>('/api/tab/my');
    root.replaceChildren(
      h('h1', {}, t('myTitle')),
      h(
        'section',
        { 'aria-labelledby': 'upcoming-h' },
        h('h2', { id: 'upcoming-h', tabindex: -1 }, t('upcoming')),
        data.upcoming.length
          ? h(
              'ul',
              { class: 'cards', id: 'upcoming' },
              data.upcoming.map((r) => registration(env, r, reload)),
            )
          : h('p', {}, t('noUpcoming')),
      ),
      h(
        'section',
        { 'aria-labelledby': 'surveys-h' },
        h('h2', { id: 'surveys-h' }, t('surveys')),
        data.pendingSurveys.length
          ? h(
              'ul',
              { class: 'cards' },
              data.pendingSurveys.map((p) => survey(env, p)),
            )
          : h('p', {}, t('noSurveys')),
      ),
      h(
        'section',
        { 'aria-labelledby': 'past-h' },
        h('h2', { id: 'past-h' }, t('past')),
        data.past.length
          ? h(
              'ul',
              { class: 'cards', id: 'past' },
              data.past.map((r) => registration(env, r, reload)),
            )
          : h('p', {}, t('noPast')),
      ),
    );
  };
  await reload();
}
