import type { Card } from '../../platform/cards/render';
import { buildInvitationView, type InvitationMode } from './invitationView';
import { invitationCard, type InvitationView } from './views';
import type { Activity } from '../../kernel/activity';
import type { Seats } from '../../kernel/seats';
import type { Lang } from '../../platform/i18n';
import type { Services } from '../../services';

/** The user ids (Teams MRIs) whose clients refresh to their own view: registrants first, at most 60. */
export function refreshIds(seats: ReadonlyMap<string, Seats>, extra: string[] = []): string[] {
  const ids = new Set<string>(extra);
  // Stop at 60: a full seat list is a thousand entries, and this runs on every click.
  for (const s of seats.values()) {
    for (const e of s.entries) {
      if (ids.size >= 60) return [...ids].slice(0, 60);
      if (e.mri) ids.add(e.mri);
    }
  }
  return [...ids].slice(0, 60);
}

export async function invitationAttachment(
  svc: Services,
  input: {
    activity: Activity;
    lang: Lang;
    mode: InvitationMode;
    viewerId?: string;
    viewerMri?: string;
    viewerIsCoordinator?: boolean;
    notice?: { text: string; style: InvitationView['noticeStyle']; undoSessionId?: string };
    seats?: ReadonlyMap<string, Seats>;
    /** Preview only: ask before posting an invitation that is already published somewhere. */
    askRepublish?: boolean;
  },
): Promise<Card> {
  const seats = input.seats ?? (await svc.activities.seatLists(input.activity));
  // The preview says where the invitation is posted; it refreshes for its coordinator, so a
  // preview opened after publishing in a channel no longer says "not published".
  const postings = input.mode === 'preview' && input.activity.status === 'published' ? await svc.activities.postingsOf(input.activity.id) : [];
  return invitationCard(
    buildInvitationView({
      activity: input.activity,
      seats,
      lang: input.lang,
      now: svc.now(),
      mode: input.mode,
      ...(input.viewerId ? { viewerId: input.viewerId } : {}),
      ...(input.viewerIsCoordinator ? { viewerIsCoordinator: true } : {}),
      ...(input.notice ? { notice: input.notice } : {}),
      postings,
      ...(input.askRepublish ? { askRepublish: true } : {}),
      refreshUserIds: input.mode === 'preview' ? (input.viewerMri ? [input.viewerMri] : []) : refreshIds(seats, input.viewerMri ? [input.viewerMri] : []),
    }),
  );
}
