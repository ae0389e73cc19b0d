/**
 * Failed sign-ins, counted per key (an address, an account) over a sliding window. Past the limit a key must
 * wait until its oldest counted failure leaves the window — a lock that always ends, so a real user is never
 * shut out for good — and a successful sign-in clears the account's count. In memory: per server process.
 */
export interface LoginLimits {
  windowMs: number;
  perAccount: number;
  perAddress: number;
}

export const defaultLoginLimits: LoginLimits = { windowMs: 15 * 60 * 1000, perAccount: 5, perAddress: 30 };

/** Keys kept at most; past it the stalest are forgotten (a flood of addresses cannot grow memory). */
const MAX_KEYS = 10_000;

export class LoginLimiter {
  private readonly failures = new Map<string, number[]>();
  constructor(
    readonly limits: LoginLimits = defaultLoginLimits,
    private readonly now: () => number = Date.now,
  ) {}

  /** Seconds to wait before another attempt for this address and account, or 0. */
  retryAfterSeconds(address: string, account: string): number {
    const wait = Math.max(this.waitMs(`addr:${address}`, this.limits.perAddress), this.waitMs(`acct:${account}`, this.limits.perAccount));
    return wait > 0 ? Math.ceil(wait / 1000) : 0;
  }

  recordFailure(address: string, account: string): void {
    for (const key of [`addr:${address}`, `acct:${account}`]) {
      const list = this.recent(key);
      list.push(this.now());
      this.failures.delete(key);
      this.failures.set(key, list);
    }
    while (this.failures.size > MAX_KEYS) {
      const oldest = this.failures.keys().next().value;
      if (oldest === undefined) break;
      this.failures.delete(oldest);
    }
  }

  recordSuccess(account: string): void {
    this.failures.delete(`acct:${account}`);
  }

  private recent(key: string): number[] {
    const cutoff = this.now() - this.limits.windowMs;
    return (this.failures.get(key) ?? []).filter((t) => t > cutoff);
  }

  private waitMs(key: string, limit: number): number {
    const list = this.recent(key);
    if (list.length < limit) return 0;
    const oldestCounted = list[list.length - limit] ?? this.now();
    return oldestCounted + this.limits.windowMs - this.now();
  }
}
