// Teams' documented limits, enforced before a request is sent rather than learned from 429s.

export interface PaceLimits {
  /** Requests per second for the whole app in a tenant (Teams: about 50). */
  globalPerSecond: number;
  /** Per conversation: [count, window ms] pairs (Teams: 7/1 s, 8/2 s, 60/30 s, 1800/1 h). */
  perConversation: [number, number][];
}

export const TEAMS_LIMITS: PaceLimits = {
  globalPerSecond: 50,
  perConversation: [
    [7, 1_000],
    [8, 2_000],
    [60, 30_000],
    [1_800, 3_600_000],
  ],
};

/**
 * Decides when the next request may go. Global requests are spaced evenly (1/rate apart), so
 * no window of any alignment sees more than the rate; each conversation keeps its recent
 * send times and must fit every window. Time is passed in, so the rules are testable.
 */
export class Pacer {
  private nextGlobal = 0;
  // Times requests actually left, newest last, and how many slots were booked but not yet used:
  // a mirror of the service's sliding window, so a request delayed past its slot (a stall, a
  // slow read) cannot land in a window that is already full.
  private readonly sent: number[] = [];
  private sentTotal = 0;
  private booked = 0;
  private readonly history = new Map<string, number[]>();
  private readonly pausedUntil = new Map<string, number>();
  private readonly longest: number;

  constructor(private readonly limits: PaceLimits) {
    this.longest = Math.max(0, ...limits.perConversation.map(([, w]) => w));
  }

  /** Earliest time a request to this conversation is allowed, ignoring the global spacing. */
  conversationReadyAt(conversation: string, now: number): number {
    let ready = Math.max(now, this.pausedUntil.get(conversation) ?? 0);
    const times = this.history.get(conversation) ?? [];
    for (const [count, window] of this.limits.perConversation) {
      if (times.length >= count) {
        // The count-th most recent send must leave the window first.
        const t = times[times.length - count] ?? 0;
        ready = Math.max(ready, t + window);
      }
    }
    return ready;
  }

  /**
   * Books the next global slot and returns it. Booking when the send is decided (not after the
   * write that precedes it) keeps the spacing at exactly 1/rate instead of drifting by the
   * write's latency on every request.
   */
  bookGlobal(now: number): number {
    const limit = Math.max(1, Math.floor(this.limits.globalPerSecond));
    let slot = Math.max(now, this.nextGlobal);
    const unsent = Math.min(limit - 1, Math.max(0, this.booked - this.sentTotal));
    const back = this.sent[this.sent.length - (limit - unsent)];
    if (back !== undefined) slot = Math.max(slot, back + 1000 + 50);
    this.booked++;
    this.nextGlobal = slot + 1000 / this.limits.globalPerSecond;
    return slot;
  }

  /** Records that a request left now (after its slot). */
  markSent(at: number): void {
    this.sent.push(at);
    this.sentTotal++;
    const limit = Math.max(1, Math.floor(this.limits.globalPerSecond));
    if (this.sent.length > 4 * limit) this.sent.splice(0, this.sent.length - 2 * limit);
  }

  /** A booked slot that will not be used (the job was taken by another instance). */
  release(): void {
    this.booked = Math.max(this.sentTotal, this.booked - 1);
  }

  /** Records a send to a conversation at time `at`, for the per-conversation windows. */
  record(conversation: string, at: number): void {
    const times = this.history.get(conversation) ?? [];
    times.push(at);
    while (times.length > 0 && (times[0] ?? 0) < at - this.longest) times.shift();
    this.history.set(conversation, times);
  }

  /** After a 429 with Retry-After: this conversation waits; others go on. */
  pause(conversation: string, until: number): void {
    this.pausedUntil.set(conversation, Math.max(until, this.pausedUntil.get(conversation) ?? 0));
  }

  /** Forgets conversations that have been quiet longer than the longest window. */
  prune(now: number): void {
    for (const [c, times] of this.history) {
      if ((times[times.length - 1] ?? 0) < now - this.longest) this.history.delete(c);
    }
    for (const [c, until] of this.pausedUntil) if (until < now) this.pausedUntil.delete(c);
  }
}
