import type { Card } from '../../platform/cards/render';
import { attachment, expand } from '../../platform/cards/render';

// One typed view per registration template; only these functions touch them.

interface ConfirmationSessionRow {
  when: string;
  /** "Inställt" for a cancelled session; '' otherwise. */
  note: string;
  joinUrl: string;
  icsUrl: string;
}

export interface ConfirmationView {
  t: Record<'sessions' | 'join' | 'calendar' | 'cancel', string>;
  heading: string;
  title: string;
  status: string;
  statusColor: 'Good' | 'Warning';
  activityId: string;
  scope: string;
  canCancel: boolean;
  sessions: ConfirmationSessionRow[];
}

/** The 1:1 confirmation someone keeps after registering from a channel or group chat. */
export function confirmationCard(view: ConfirmationView): Card {
  return attachment(expand('registration-confirmation', view));
}
