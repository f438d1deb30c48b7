import type { Card } from '../../platform/cards/render';
import { attachment, expand } from '../../platform/cards/render';

// One typed view per privacy template (cards/privacy-*.json); only these functions touch them.

export interface MyDataView {
  heading: string;
  intro: string;
  empty: string;
  sections: { title: string; lines: string[] }[];
  more: string;
  /** Above the download buttons (one per format). */
  downloadHeading: string;
  links: { title: string; url: string }[];
  eraseTitle: string;
}

export function myDataCard(view: MyDataView): Card {
  return attachment(expand('privacy-mydata', view));
}

export interface ConfirmView {
  heading: string;
  /** Who will be erased when a coordinator asks for someone else; '' for oneself. */
  name: string;
  lines: string[];
  confirmTitle: string;
  cancelTitle: string;
  /** Ids only: the handler decides again who may erase whom. */
  data: { target?: string };
}

export function eraseConfirmCard(view: ConfirmView): Card {
  return attachment(expand('privacy-confirm', view));
}
