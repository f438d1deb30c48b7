import type { ExportLink, Overview, OverviewActivity, UploadResult } from '../../api/contract';
import { barChart, chartWithTable, lineChart, table } from '../charts';
import { h, uid } from '../dom';
import { formatDay, formatWhen, isKey, termName } from '../i18n';
import type { PageEnv } from './my';

// "Översikt": a term's activities for coordinators (everything) and managers (their
// organisation): registered and present per session, the attendance curve, participants per
// municipality, the waiting list, response rates, exports and the attendance report upload.

function sessionsFigure(env: PageEnv, a: OverviewActivity): HTMLElement {
  const { t, lang } = env;
  const live = a.sessions.filter((s) => !s.cancelled);
  const rows = a.sessions.map((s) => [`${t('session')} ${s.number}${s.cancelled ? ` (${t('cancelledSession')})` : ''}`, formatWhen(s.start, lang), s.registered, s.present ?? t('notRecorded')]);
  const tbl = table(t('sessions'), [t('session'), t('date'), t('registered'), t('present')], rows, [false, false, true, true]);
  const chart =
    live.length > 1
      ? lineChart({
          title: `${t('attendanceCurve')}: ${a.title}`,
          summary: live.map((s) => `${t('session')} ${s.number}: ${t('registered')} ${s.registered}, ${t('present')} ${s.present ?? t('notRecorded')}`).join('. '),
          xLabels: live.map((s) => `${s.number}\n${formatDay(s.start, lang)}`),
          series: [
            { name: t('registered'), values: live.map((s) => s.registered) },
            { name: t('present'), values: live.map((s) => s.present) },
          ],
        })
      : null;
  return chartWithTable({ heading: live.length > 1 ? t('attendanceCurve') : t('sessions'), level: 'h3', chart, table: tbl, showTable: t('showTable'), openTable: true });
}

function organizationsFigure(env: PageEnv, a: OverviewActivity): HTMLElement {
  const { t } = env;
  const tbl = table(
    t('perOrganization'),
    [t('organization'), t('participants')],
    a.perOrganization.map((b) => [b.label, b.value]),
    [false, true],
  );
  const chart = a.perOrganization.length
    ? barChart({ title: `${t('perOrganization')}: ${a.title}`, summary: a.perOrganization.map((b) => `${b.label} ${b.value}`).join(', '), bars: a.perOrganization.slice(0, 25) })
    : null;
  const fig = chartWithTable({ heading: t('perOrganization'), level: 'h3', chart, table: tbl, showTable: t('showTable') });
  if (a.basis === 'registrations') fig.append(h('p', { class: 'note' }, t('basisRegistrations')));
  return fig;
}

function waitlistBlock(env: PageEnv, a: OverviewActivity): HTMLElement {
  const { t } = env;
  const scopeText = (scope: string) => (scope === 'series' ? t('wholeSeries') : `${t('session')} ${scope.slice(1)}`);
  return h(
    'section',
    { class: 'block' },
    h('h3', {}, t('waitlist')),
    a.waitlist.length
      ? table(
          t('waitlist'),
          [t('position'), t('name'), t('organization'), t('session')],
          a.waitlist.map((w) => [w.position, w.name, w.organization, scopeText(w.scope)]),
        )
      : h('p', {}, t('noWaitlist')),
  );
}

function responsesBlock(env: PageEnv, a: OverviewActivity): HTMLElement {
  const { t } = env;
  return h(
    'section',
    { class: 'block' },
    h('h3', {}, t('responses')),
    h(
      'ul',
      { class: 'plain' },
      a.responses.map((r) =>
        h(
          'li',
          {},
          h('strong', {}, r.surveyKind === 'evaluation' ? t('surveyEvaluation') : t('surveyFollowUp')),
          ': ',
          r.sent === 0 ? t('notSent') : t('responseRate', { answered: r.answered, sent: r.sent, percent: Math.round((100 * r.answered) / r.sent) }),
        ),
      ),
    ),
  );
}

function exportsBlock(env: PageEnv, a: OverviewActivity): HTMLElement {
  const { t } = env;
  const open = async (report: 'stats' | 'registered' | 'attended', format: 'xlsx' | 'csv') => {
    try {
      const link = await env.api.post<ExportLink>('/api/tab/export', { activityId: a.activityId, report, format, lang: env.lang });
      window.open(link.url, '_blank', 'noopener');
      env.announce(t('exportOpened'));
    } catch (err) {
      env.fail(err);
    }
  };
  const button = (report: 'stats' | 'registered' | 'attended', format: 'xlsx' | 'csv', label: string) =>
    h(
      'button',
      {
        type: 'button',
        class: 'secondary',
        'data-export': `${report}.${format}`,
        'aria-label': `${t('exports')}: ${label} (${format.toUpperCase()}) – ${a.title}`,
        onclick: () => void open(report, format),
      },
      `${label} (${format === 'xlsx' ? 'Excel' : 'CSV'})`,
    );
  return h(
    'section',
    { class: 'block' },
    h('h3', {}, t('exports')),
    h(
      'div',
      { class: 'actions' },
      button('stats', 'xlsx', t('exportStats')),
      button('stats', 'csv', t('exportStats')),
      button('registered', 'xlsx', t('exportRegistered')),
      button('attended', 'xlsx', t('exportAttended')),
    ),
  );
}

function activitySection(env: PageEnv, a: OverviewActivity): HTMLElement {
  const { t } = env;
  const headingId = uid('act');
  const kind = `kind_${a.kind}`;
  return h(
    'section',
    { class: 'card activity', 'aria-labelledby': headingId, 'data-activity': a.activityId },
    h('h2', { id: headingId }, a.title),
    h(
      'p',
      { class: 'meta' },
      isKey(kind) ? t(kind) : a.kind,
      ' · ',
      // What is true: places (for teams when a team shares one) and how many people hold them.
      t(a.teamPlaces ? 'capacityTeams' : 'capacity', { n: a.capacity }),
      ' · ',
      a.registeredPeople === 1 ? t('registeredPerson') : t('registeredPeople', { n: a.registeredPeople }),
      a.status === 'cancelled' ? h('span', { class: 'badge warn' }, t('activityCancelled')) : null,
    ),
    sessionsFigure(env, a),
    organizationsFigure(env, a),
    waitlistBlock(env, a),
    responsesBlock(env, a),
    exportsBlock(env, a),
  );
}

function uploadForm(env: PageEnv, data: Overview, reload: () => Promise<void>): HTMLElement {
  const { t, lang } = env;
  const fileId = uid('file');
  const sessionId = uid('session');
  const result = h('p', { class: 'result', role: 'status' });
  const file = h('input', { id: fileId, type: 'file', accept: '.csv,.tsv,.txt,text/csv,text/tab-separated-values' });
  const session = h(
    'select',
    { id: sessionId },
    h('option', { value: '' }, t('uploadByTime')),
    data.activities.flatMap((a) =>
      a.sessions.filter((s) => !s.cancelled).map((s) => h('option', { value: `${a.activityId}|${s.number}` }, `${a.title} – ${t('session')} ${s.number} (${formatWhen(s.start, lang)})`)),
    ),
  );
  const submit = async (e: Event) => {
    e.preventDefault();
    const chosen = file.files?.[0];
    if (!chosen) {
      result.textContent = t('uploadChooseFile');
      file.focus();
      return;
    }
    const [activityId, number] = session.value.split('|');
    const qs = activityId && number ? `?activityId=${encodeURIComponent(activityId)}&session=${encodeURIComponent(number)}` : '';
    try {
      const out = await env.api.upload<UploadResult>(`/api/tab/attendance${qs}`, await chosen.arrayBuffer());
      result.textContent = out.ok ? t('uploadDone', { message: out.message, title: out.activityTitle ?? '', n: (out.sessionId ?? '').slice(1), people: out.people ?? 0 }) : out.message;
      if (out.ok && !out.already) await reload();
    } catch (err) {
      env.fail(err);
    }
  };
  return h(
    'section',
    { class: 'card upload', 'aria-labelledby': 'upload-h' },
    h('h2', { id: 'upload-h' }, t('upload')),
    h(
      'form',
      { onsubmit: (e) => void submit(e) },
      h('div', { class: 'field' }, h('label', { for: fileId }, t('uploadFile')), file),
      h('div', { class: 'field' }, h('label', { for: sessionId }, t('uploadSession')), session),
      h('button', { type: 'submit' }, t('uploadSubmit')),
    ),
    result,
  );
}

/** The chosen term is kept in the address (?term=ht26), so a reload or a theme change keeps it. */
function rememberTerm(term: string): void {
  const q = new URLSearchParams(location.search);
  if (q.get('term') === term) return;
  q.set('term', term);
  history.replaceState(history.state, '', `?${q.toString()}${location.hash}`);
}

export async function renderOverview(env: PageEnv, root: HTMLElement, options: { coordinator: boolean; term?: string }): Promise<void> {
  const { t } = env;
  const load = async (term?: string, focusTerm = false) => {
    const data = await env.api.get<Overview>(`/api/tab/overview${term ? `?term=${encodeURIComponent(term)}` : ''}`);
    if (term) rememberTerm(data.term);
    const termId = uid('term');
    const select = h(
      'select',
      { id: termId, onchange: () => void load(select.value, true).catch(env.fail) },
      data.terms.map((x) => h('option', { value: x, selected: x === data.term }, termName(x, t))),
    );
    root.replaceChildren(
      h('h1', {}, t('overviewTitle')),
      h('div', { class: 'toolbar' }, h('label', { for: termId }, t('term')), select),
      ...(data.organization ? [h('p', { class: 'note' }, t('scopeOrganization', { org: data.organization }))] : []),
      ...(options.coordinator ? [uploadForm(env, data, () => load(data.term))] : []),
      ...(data.activities.length ? data.activities.map((a) => activitySection(env, a)) : [h('p', {}, t('noActivities'))]),
    );
    if (focusTerm) select.focus();
  };
  await load(options.term);
}
