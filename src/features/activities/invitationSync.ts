import type { Card } from '../../platform/cards/render';
import type { Logger } from 'pino';
import type { Lang } from '../i18n';
import type { InvitationPorts } from './ports';
import { invitation } from './invitationData';
import type { Messenger } from '../../platform/teams/messenger';

/**
 * Updates posted invitation cards (places left, refresh list) after seat changes. Bursts of
 * registrations coalesce into one update per activity; the card's Universal Actions refresh
 * corrects any view this misses, so a failure is logged rather than retried.
 */
export class PostedInvitationSync {
  private readonly dirty = new Set<string>();
  private readonly running = new Map<string, Promise<void>>();
  constructor(
    private readonly ports: InvitationPorts,
    private readonly messenger: Messenger,
    private readonly log: Logger,
    private readonly delayMs = 250,
  ) {}

  changed(activityId: string): void {
    this.dirty.add(activityId);
    if (!this.running.has(activityId)) {
      const run = this.loop(activityId).finally(() => this.running.delete(activityId));
      this.running.set(activityId, run);
    }
  }

  async idle(): Promise<void> {
    while (this.running.size > 0) await Promise.all(this.running.values());
  }

  private async loop(activityId: string): Promise<void> {
    while (this.dirty.has(activityId)) {
      await new Promise((r) => setTimeout(r, this.delayMs));
      this.dirty.delete(activityId);
      try {
        await this.update(activityId);
      } catch (err) {
        this.log.warn({ err, activityId }, 'posted invitation not updated');
      }
    }
  }

  private async update(activityId: string): Promise<void> {
    const ports = this.ports;
    const found = await ports.activities.get(activityId);
    if (!found) return;
    const postings = await ports.activities.postingsOf(activityId);
    if (postings.length === 0) return;
    const seats = await ports.activities.seatLists(found.doc);
    const cards = new Map<Lang, Card>();
    for (const p of postings) {
      let card = cards.get(p.lang);
      if (!card) {
        card = await invitation(ports, { activity: found.doc, lang: p.lang, mode: 'shared', seats });
        cards.set(p.lang, card);
      }
      await this.messenger.updateCard(p, p.messageId, card);
    }
  }
}
