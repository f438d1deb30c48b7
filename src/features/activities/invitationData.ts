import type { Card } from '../../platform/cards/render';
import { invitationAttachment, type InvitationInput } from './invitationCards';
import type { InvitationPorts } from './ports';

/** Reads what an invitation shows (the seat lists unless given, a preview's postings) and builds the card. */
export async function invitation(ports: InvitationPorts, input: InvitationInput): Promise<Card> {
  const seats = input.seats ?? (await ports.activities.seatLists(input.activity));
  // The preview says where the invitation is posted; it refreshes for its coordinator, so a
  // preview opened after publishing in a channel no longer says "not published".
  const postings = input.mode === 'preview' && input.activity.status === 'published' ? await ports.activities.postingsOf(input.activity.id) : [];
  return invitationAttachment(input, { seats, postings, now: ports.now() });
}
