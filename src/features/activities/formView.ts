import { ACTIVITY_KINDS, MAX_SESSIONS, MAX_TITLE, REGISTRATION_MODES, type Activity } from '../../kernel/activity';
import { stockholmDate, stockholmTime } from '../../kernel/time';
import { isMessageKey, translator, type Lang } from '../i18n';
import type { ActivityFormView, FormSessionRow } from './views';

export type RawForm = Record<string, unknown>;
/** Field path ("title", "sessions.1.end") → i18n message key. */
export type FieldErrors = Map<string, string>;

// Echoed values are cut so a pasted novel cannot push the card past Teams' size limit.
const str = (v: unknown): string => (typeof v === 'string' ? v.slice(0, 2000) : typeof v === 'number' ? String(v) : '');
const num = (v: unknown, fallback: number): number => {
  const n = typeof v === 'number' ? v : typeof v === 'string' && v.trim() !== '' ? Number(v) : NaN;
  return Number.isFinite(n) ? n : fallback;
};

/** The form's raw inputs for an existing activity, so "edit" starts from what is saved. */
export function rawFromActivity(a: Activity): { raw: RawForm; sessionCount: number } {
  const raw: RawForm = {
    title: a.title,
    kind: a.kind,
    purpose: a.purpose,
    targetGroup: a.targetGroup,
    format: a.format,
    prepBefore: a.prerequisites.before,
    prepDuring: a.prerequisites.during,
    prepAfter: a.prerequisites.after,
    capacity: a.capacity,
    minParticipants: a.minParticipants,
    deadline: a.deadline,
    registrationMode: a.registrationMode,
  };
  a.sessions.forEach((s, i) => {
    raw[`s${i}_date`] = stockholmDate(new Date(s.start));
    raw[`s${i}_start`] = stockholmTime(new Date(s.start));
    raw[`s${i}_end`] = stockholmTime(new Date(s.end));
    raw[`s${i}_link`] = s.meetingUrl ?? '';
  });
  return { raw, sessionCount: a.sessions.length };
}

export function buildFormView(input: { lang: Lang; raw: RawForm; sessionCount: number; activityId: string; errors?: FieldErrors; editing: boolean }): ActivityFormView {
  const t = translator(input.lang);
  const { raw } = input;
  const errors = input.errors ?? new Map<string, string>();
  const err = (path: string): string => {
    const key = errors.get(path);
    return key && isMessageKey(key) ? t(key) : key ? t('err_invalidInput') : '';
  };
  const count = Math.min(Math.max(1, input.sessionCount), MAX_SESSIONS);
  const sessions: FormSessionRow[] = [];
  for (let i = 0; i < count; i++) {
    const rowErrors = ['date', 'start', 'end', 'meetingUrl'].map((f) => err(`sessions.${i}.${f}`)).filter((s) => s);
    sessions.push({
      label: t('form_session', { n: i + 1 }),
      date: str(raw[`s${i}_date`]),
      start: str(raw[`s${i}_start`]),
      end: str(raw[`s${i}_end`]),
      link: str(raw[`s${i}_link`]),
      error: [...new Set(rowErrors)].join(' '),
    });
  }
  // The card marks no input isRequired: Teams would then refuse every Action.Execute, "Lägg till
  // tillfälle" too, until all were filled. Required fields say so in their label; saving checks them.
  const req = (label: string): string => `${label} *`;
  return {
    t: {
      intro: t('form_intro'),
      requiredNote: t('form_requiredNote'),
      placeholderDate: t('form_placeholderDate'),
      placeholderTime: t('form_placeholderTime'),
      title: req(t('form_title')),
      placeholderTitle: t('form_placeholderTitle'),
      kind: req(t('form_kind')),
      purpose: req(t('form_purpose')),
      targetGroup: req(t('form_targetGroup')),
      format: req(t('form_format')),
      prerequisites: t('form_prerequisites'),
      prepBefore: t('form_prepBefore'),
      prepDuring: t('form_prepDuring'),
      prepAfter: t('form_prepAfter'),
      sessions: t('form_sessions'),
      date: req(t('form_date')),
      start: req(t('form_start')),
      end: req(t('form_end')),
      link: t('form_link'),
      capacity: req(t('form_capacity')),
      min: t('form_min'),
      deadline: req(t('form_deadline')),
      mode: req(t('form_mode')),
      save: t('form_save'),
      addSession: t('form_addSession'),
    },
    heading: input.editing ? t('form_titleEdit') : t('form_titleNew'),
    formError: errors.size > 0 ? err('sessions') || t('err_formHasErrors') : '',
    activityId: input.activityId,
    f: {
      title: str(raw.title).slice(0, MAX_TITLE),
      kind: str(raw.kind) || 'seminar',
      purpose: str(raw.purpose),
      targetGroup: str(raw.targetGroup),
      format: str(raw.format),
      prepBefore: str(raw.prepBefore),
      prepDuring: str(raw.prepDuring),
      prepAfter: str(raw.prepAfter),
      capacity: num(raw.capacity, 30),
      minParticipants: num(raw.minParticipants, 0),
      deadline: str(raw.deadline),
      registrationMode: str(raw.registrationMode) || 'session',
    },
    e: {
      title: err('title'),
      kind: err('kind'),
      purpose: err('purpose'),
      targetGroup: err('targetGroup'),
      format: err('format'),
      capacity: err('capacity'),
      minParticipants: err('minParticipants'),
      deadline: err('deadline'),
      registrationMode: err('registrationMode'),
    },
    kinds: ACTIVITY_KINDS.map((k) => ({ title: t(`kind_${k}`), value: k })),
    modes: REGISTRATION_MODES.map((m) => ({ title: t(`mode_${m}`), value: m })),
    sessions,
    canAddSession: count < MAX_SESSIONS,
  };
}
