import { formatDate, formatSpan, stockholmTime } from '../../kernel/time';
import { translator } from '../i18n';
import type { Reply } from '../../platform/teams/actionTypes';
import type { AttendanceTurn } from './ports';
import { summaryAttachment } from './cards';
import { importReport, type ImportOutcome } from './importReport';
import { FileAttachmentSchema, type FileAttachment } from './schemas';

/** The file attachments Teams delivers when someone sends the bot a file in a 1:1 chat. */
export function fileAttachmentsOf(attachments: readonly unknown[]): FileAttachment[] {
  return attachments.flatMap((a) => {
    const p = FileAttachmentSchema.safeParse(a);
    return p.success ? [p.data] : [];
  });
}

const when = (ms: number, lang: 'sv' | 'en') => `${formatDate(new Date(ms), lang)} ${stockholmTime(new Date(ms))}`;

function explain(turn: AttendanceTurn, outcome: Exclude<ImportOutcome, { kind: 'imported' }>): Reply {
  const lang = turn.actor.lang;
  const t = translator(lang);
  switch (outcome.kind) {
    case 'unreadable':
      return { message: t(`att_err_${outcome.reason}`, { max: Math.round((turn.ports.attendance.maxReportBytes ?? 0) / 1024 / 1024) }) };
    case 'writeFailed':
      return { message: t('att_err_writeFailed') };
    case 'otherMeeting':
      return {
        message: t('att_err_otherMeeting', {
          reportWhen: when(outcome.reportStart, lang),
          sessionWhen: formatSpan(new Date(outcome.target.session.start), new Date(outcome.target.session.end), lang),
        }),
      };
    case 'noTarget': {
      const params = { name: outcome.name ?? '', when: outcome.reportStart !== undefined ? when(outcome.reportStart, lang) : '?' };
      return { message: t(`att_err_${outcome.reason}`, params) };
    }
  }
}

/** A coordinator sent a file: download it, import it, answer with the summary or why not. */
export async function receiveReportFile(turn: AttendanceTurn, files: readonly FileAttachment[], text: string): Promise<Reply> {
  const t = translator(turn.actor.lang);
  const ports = turn.ports;
  if (!(await turn.isCoordinator())) return { message: t('err_forbidden') };
  if (turn.conversation.type !== 'personal') return { message: t('att_err_notPersonal') };
  if (files.length !== 1) return { message: t('att_err_tooManyFiles') };
  const file = files[0] as FileAttachment;
  const got = await ports.attendance.download(file.content.downloadUrl);
  if (!got.ok) {
    ports.log.info({ reason: got.reason }, 'report file not downloaded');
    return { message: got.reason === 'tooLarge' ? t('att_err_tooLarge', { max: Math.round(ports.attendance.maxReportBytes / 1024 / 1024) }) : t('att_err_download') };
  }
  const outcome = await importReport(ports, turn.actor, { bytes: got.bytes, text });
  if (outcome.kind !== 'imported') {
    ports.log.info({ outcome: outcome.kind, reason: 'reason' in outcome ? outcome.reason : undefined }, 'report file not imported');
    return explain(turn, outcome);
  }
  return { card: summaryAttachment(outcome.summary, turn.actor.lang, await ports.directory.organizations()) };
}
