import type { Card } from '../../platform/cards/render';
import { buildInvitationView, type InvitationMode } from './invitationView';
import { invitationCard, type InvitationView } from './views';
import type { Activity } from '../../kernel/activity';
import type { Seats } from '../../kernel/seats';
import type { Lang } from '../i18n';

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

export type InvitationInput = {
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
};

/** The invitation card from what its caller read (./invitationData.ts): the seat lists, the postings, the time. */
export function invitationAttachment(
  input: InvitationInput,
  data: { seats: ReadonlyMap<string, Seats>; postings: readonly { conversationType?: string | undefined; postedAt: string }[]; now: Date },
): Card {
  const { seats } = data;
  return invitationCard(
    buildInvitationView({
      activity: input.activity,
      seats,
      lang: input.lang,
      now: data.now,
      mode: input.mode,
      ...(input.viewerId ? { viewerId: input.viewerId } : {}),
      ...(input.viewerIsCoordinator ? { viewerIsCoordinator: true } : {}),
      ...(input.notice ? { notice: input.notice } : {}),
      postings: data.postings,
      ...(input.askRepublish ? { askRepublish: true } : {}),
      refreshUserIds: input.mode === 'preview' ? (input.viewerMri ? [input.viewerMri] : []) : refreshIds(seats, input.viewerMri ? [input.viewerMri] : []),
    }),
  );
}
