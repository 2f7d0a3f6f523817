/**
 * Per-account limit on questions (a model call is expensive, and a script hammering the assistant is a
 * misuse). In-process sliding windows: exact for one server process; with several processes each keeps its
 * own window, which only loosens the limit by the process count.
 */
export class AccountRateLimiter {
  private readonly hits = new Map<string, number[]>();
  constructor(private readonly windows: { limit: number; ms: number }[]) {}

  /** Records one attempt; returns the seconds to wait if over a limit, else 0. */
  take(key: string, now = Date.now()): number {
    const longest = Math.max(...this.windows.map((w) => w.ms));
    const recent = (this.hits.get(key) ?? []).filter((t) => now - t < longest);
    for (const w of this.windows) {
      const inWindow = recent.filter((t) => now - t < w.ms);
      if (inWindow.length >= w.limit) {
        this.hits.set(key, recent);
        return Math.ceil((inWindow[0]! + w.ms - now) / 1000);
      }
    }
    recent.push(now);
    this.hits.set(key, recent);
    return 0;
  }
}
