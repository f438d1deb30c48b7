import { importReport, type ImportOutcome } from '../../attendance';
import { formatDate, formatSpan, stockholmTime } from '../../../kernel/time';
import { translator, type Lang } from '../../i18n';
import type { Actor } from '../../../kernel/actor';
import type { TabPorts } from './ports';
import type { UploadResult } from './contract';

// A Teams attendance report uploaded from the overview page, imported exactly as a file sent
// to the bot in chat (attendance/importReport.ts), with the same explanations.

const plain = (s: string) => s.replace(/\*\*/g, '');
const when = (ms: number, lang: Lang) => `${formatDate(new Date(ms), lang)} ${stockholmTime(new Date(ms))}`;

function explain(outcome: Exclude<ImportOutcome, { kind: 'imported' }>, lang: Lang, maxBytes: number): string {
  const t = translator(lang);
  switch (outcome.kind) {
    case 'unreadable':
      return t(`att_err_${outcome.reason}`, { max: Math.round(maxBytes / 1024 / 1024) });
    case 'writeFailed':
      return t('att_err_writeFailed');
    case 'otherMeeting':
      return t('att_err_otherMeeting', {
        reportWhen: when(outcome.reportStart, lang),
        sessionWhen: formatSpan(new Date(outcome.target.session.start), new Date(outcome.target.session.end), lang),
      });
    case 'noTarget':
      return t(`att_err_${outcome.reason}`, { name: outcome.name ?? '', when: outcome.reportStart !== undefined ? when(outcome.reportStart, lang) : '?' });
  }
}

/** `hint`: the activity title and session number the coordinator picked, or '' to match by the report's times. */
export async function uploadReport(ports: TabPorts, actor: Actor, input: { bytes: Uint8Array; hint: string }): Promise<UploadResult> {
  const lang = actor.lang;
  const t = translator(lang);
  if (input.bytes.length === 0) return { ok: false, message: t('att_err_empty') };
  const outcome = await importReport(ports, actor, { bytes: input.bytes, text: input.hint });
  if (outcome.kind !== 'imported') {
    ports.log.info({ outcome: outcome.kind, reason: 'reason' in outcome ? outcome.reason : undefined }, 'tab report upload not imported');
    return { ok: false, message: plain(explain(outcome, lang, ports.attendance.maxReportBytes ?? 0)) };
  }
  const s = outcome.summary;
  return {
    ok: true,
    message: s.already ? t('att_summaryAlready') : t('att_summaryTitle'),
    activityTitle: s.ctx.activity.title,
    sessionId: s.ctx.session.id,
    people: s.plan.people.length,
    already: s.already,
  };
}
