/**
 * Wrong verification codes counted per case number and caller (the throttle key: an IPv4 address
 * or an IPv6 /64), in this process's memory: after `max` in a window of an hour, the public rating
 * page refuses that case number from that caller — the right code too, so guessing cannot go on —
 * until the window ends. Memory, not the database: a wrong code must write nothing (the bad-input
 * and no-oracle guarantees), and with 40-bit codes the guard need not survive a restart to hold
 * (docs/ratings.md, “The public rating page”).
 */
export class CodeAttempts {
  private readonly windows = new Map<string, { failures: number; endsAt: number }>();

  constructor(
    private readonly max: number,
    private readonly windowMs = 3600_000,
    /** Keys kept at most; the oldest windows go first when a flood of new keys comes. */
    private readonly capacity = 100_000,
  ) {}

  /** Whether this caller has used up its wrong codes for this case number. */
  isBlocked(key: string, now = Date.now()): boolean {
    const window = this.windows.get(key);
    if (!window) return false;
    if (window.endsAt <= now) {
      this.windows.delete(key);
      return false;
    }
    return window.failures >= this.max;
  }

  /** Counts one wrong code (or unknown case number: the two are the same to the caller). */
  fail(key: string, now = Date.now()): void {
    const window = this.windows.get(key);
    if (window && window.endsAt > now) {
      window.failures++;
      return;
    }
    this.windows.delete(key);
    if (this.windows.size >= this.capacity) this.prune(now);
    this.windows.set(key, { failures: 1, endsAt: now + this.windowMs });
  }

  /** Drops ended windows; if still full, the oldest (a Map keeps insertion order). */
  private prune(now: number): void {
    for (const [key, window] of this.windows) if (window.endsAt <= now) this.windows.delete(key);
    for (const key of this.windows.keys()) {
      if (this.windows.size < this.capacity) break;
      this.windows.delete(key);
    }
  }
}
