import type { Activity } from '../../kernel/activity';
import type { SeatEntry } from '../../kernel/seats';
import { formatSpan } from '../../kernel/time';
import { langOfPerson } from '../i18n';
import type { RegistrationPorts } from './ports';

/** Tells someone 1:1 (through the scheduler) that they moved up from the waitlist. */
export async function notifyPromoted(ports: Pick<RegistrationPorts, 'config' | 'directory' | 'now' | 'scheduler'>, activity: Activity, scope: string, entries: readonly SeatEntry[]): Promise<void> {
  const session = activity.sessions.find((s) => s.id === scope);
  for (const entry of entries) {
    const person = await ports.directory.person(entry.userId);
    const lang = langOfPerson(person?.doc, ports.config.DEFAULT_LOCALE);
    // One notice per promotion: the id names the seat list, the person and when they took their place in it.
    await ports.scheduler.enqueue({
      id: `promoted-${activity.id}-${scope}-${entry.userId}-${Date.parse(entry.at)}`,
      kind: 'notice',
      toUserId: entry.userId,
      activityId: activity.id,
      lang,
      payload: session
        ? { textKey: 'notice_promoted', title: activity.title, when: formatSpan(new Date(session.start), new Date(session.end), lang) }
        : { textKey: 'notice_promotedSeries', title: activity.title },
      dueAt: ports.now(),
    });
  }
}
