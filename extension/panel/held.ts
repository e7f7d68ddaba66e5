/**
 * The records the panel holds, oldest first, so that it can drop the oldest past the background's
 * cap (as the background does) without sorting them all on every batch.
 */
interface Held {
  key: string;
  tabId: number;
  requestId: string;
  startedAt: number;
}

export class HeldRecords {
  /** Sorted by start time (ties: first seen first) from `head` on; before `head`, dropped. */
  private list: Held[] = [];
  private head = 0;
  private keys = new Set<string>();

  get size(): number {
    return this.keys.size;
  }

  /** Notes a record (again: nothing changes, a record's start time never does). */
  add(rec: { tabId: number; requestId: string; startedAt: number }): void {
    const key = `${rec.tabId}:${rec.requestId}`;
    if (this.keys.has(key)) return;
    this.keys.add(key);
    // After every record that started no later (usually the end: records come roughly in order).
    let lo = this.head;
    let hi = this.list.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.list[mid]!.startedAt <= rec.startedAt) lo = mid + 1;
      else hi = mid;
    }
    this.list.splice(lo, 0, { key, tabId: rec.tabId, requestId: rec.requestId, startedAt: rec.startedAt });
  }

  /** Drops the oldest records past `cap`; returns them. */
  dropBeyond(cap: number): { tabId: number; requestId: string }[] {
    const n = this.keys.size - cap;
    if (n <= 0) return [];
    const out = this.list.slice(this.head, this.head + n);
    this.head += n;
    for (const h of out) this.keys.delete(h.key);
    if (this.head > 1024 && this.head > this.list.length / 2) {
      this.list = this.list.slice(this.head);
      this.head = 0;
    }
    return out;
  }

  clear(): void {
    this.list = [];
    this.head = 0;
    this.keys.clear();
  }
}
