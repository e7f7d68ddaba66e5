/**
 * `pairPreflights` (./pairing.ts) for one group (tab, URL, method) that changes a little at a time:
 * a page polling one endpoint puts thousands of preflights and hops in one group, and pairing them
 * all again on every batch is quadratic.
 *
 * pairPreflights takes preflights in time order and gives each the earliest free compatible hop,
 * moving earlier preflights along augmenting paths when none is free. A preflight is compatible
 * only with hops whose time window holds its start (a hop cannot wait for a preflight that started
 * after it was sent, nor before it started), so a change to items at time ≥ t leaves the work done
 * for every preflight that started before t exactly as it was. This class keeps that work as a log
 * and, on each commit, undoes it back to the earliest change and redoes it from there: the result
 * is pairPreflights' own (group-pairing.test.ts checks it on random histories), at a cost
 * proportional to the preflights since the earliest change.
 */
import { byTime, CLOCK_SLACK_MS, compatible, type HopFacts, type PreflightFacts } from './pairing.ts';

/** Beyond the clock slack, so that rounding never excludes a candidate; compatible() decides exactly. */
const MARGIN_MS = CLOCK_SLACK_MS + 1;
/** Hop windows are indexed in buckets of this width; longer windows are checked on every query. */
const BUCKET_MS = 64;
const MAX_BUCKETS = 256;

/** A hop's window: preflights that started in [lo, hi] may be compatible with it. */
function windowOf(h: HopFacts): { lo: number; hi: number } {
  const lo = h.startedAt === undefined ? -Infinity : h.startedAt - MARGIN_MS;
  let hi = Infinity;
  if (h.sentAt !== undefined) hi = Math.min(hi, h.sentAt + MARGIN_MS);
  if (h.endedAt !== undefined) hi = Math.min(hi, h.endedAt + MARGIN_MS);
  return { lo, hi };
}

const timeOf = (p: PreflightFacts) => p.startedAt ?? 0;

/** Hops by time window: which hops may a preflight that started at `t` belong to. */
class HopWindows {
  private buckets = new Map<number, Set<HopFacts>>();
  /** Windows too long (or open-ended) for buckets. */
  private wide = new Set<HopFacts>();
  private placed = new Map<HopFacts, number[] | null>();

  add(h: HopFacts): void {
    const { lo, hi } = windowOf(h);
    const first = Math.floor(lo / BUCKET_MS);
    const last = Math.floor(hi / BUCKET_MS);
    if (!Number.isFinite(first) || !Number.isFinite(last) || last - first >= MAX_BUCKETS) {
      this.wide.add(h);
      this.placed.set(h, null);
      return;
    }
    const ids: number[] = [];
    for (let b = first; b <= last; b++) {
      let set = this.buckets.get(b);
      if (!set) this.buckets.set(b, (set = new Set()));
      set.add(h);
      ids.push(b);
    }
    this.placed.set(h, ids);
  }

  delete(h: HopFacts): void {
    const ids = this.placed.get(h);
    this.placed.delete(h);
    if (ids === null) this.wide.delete(h);
    for (const b of ids ?? []) {
      const set = this.buckets.get(b)!;
      set.delete(h);
      if (set.size === 0) this.buckets.delete(b);
    }
  }

  /** Every hop whose window may hold `t` (a superset; undefined `t`: every hop). */
  *around(t: number | undefined): Iterable<HopFacts> {
    if (t === undefined) {
      yield* this.placed.keys();
      return;
    }
    yield* this.wide;
    yield* this.buckets.get(Math.floor(t / BUCKET_MS)) ?? [];
  }
}

interface LogEntry {
  /** Start time of the preflight whose turn made this change. */
  time: number;
  hop: string;
  prev: string | undefined;
}

export interface PairChange {
  hop: string;
  /** The preflight the hop had before the commit, and has now (undefined: none). */
  before: string | undefined;
  after: string | undefined;
}

export class GroupPairing {
  private preflights = new Map<string, PreflightFacts>();
  /** Preflights in the order pairPreflights takes them. */
  private order: PreflightFacts[] = [];
  private hops = new Map<string, HopFacts>();
  /** Indexed only once the group has a preflight: most groups never do (simple requests). */
  private windows: HopWindows | null = null;
  /** Preflights without a start time are compatible with hops at any time. */
  private untimed = 0;
  private options = new Map<string, HopFacts[]>();
  private hopOwner = new Map<string, string>();
  private log: LogEntry[] = [];
  /** Undo back to preflights that started at or after this time at the next commit. */
  private from = Infinity;

  get size(): number {
    return this.preflights.size + this.hops.size;
  }

  /** The preflight paired with a hop. */
  preflightOf(hopKey: string): string | undefined {
    return this.hopOwner.get(hopKey);
  }

  setPreflight(p: PreflightFacts): void {
    this.deletePreflight(p.key);
    this.rewindTo(timeOf(p));
    this.preflights.set(p.key, p);
    if (p.startedAt === undefined) this.untimed++;
    if (!this.windows) {
      this.windows = new HopWindows();
      for (const h of this.hops.values()) this.windows.add(h);
    }
    this.order.splice(this.insertionPoint(p), 0, p);
  }

  deletePreflight(key: string): void {
    const p = this.preflights.get(key);
    if (!p) return;
    this.rewindTo(timeOf(p));
    this.preflights.delete(key);
    if (p.startedAt === undefined) this.untimed--;
    let i = this.insertionPoint(p);
    if (this.order[i] !== p) i = this.order.indexOf(p);
    this.order.splice(i, 1);
    this.options.delete(key);
  }

  setHop(h: HopFacts): void {
    this.deleteHop(h.key);
    this.rewindTo(this.untimed > 0 ? -Infinity : windowOf(h).lo);
    this.hops.set(h.key, h);
    this.windows?.add(h);
  }

  deleteHop(key: string): void {
    const h = this.hops.get(key);
    if (!h) return;
    this.rewindTo(this.untimed > 0 ? -Infinity : windowOf(h).lo);
    this.hops.delete(key);
    this.windows?.delete(h);
  }

  /**
   * Brings the pairing up to date with the changes since the last commit; returns the hops whose
   * preflight changed (a deleted hop that had one included).
   */
  commit(): PairChange[] {
    if (this.from === Infinity) return [];
    const before = new Map<string, string | undefined>();
    const touch = (hop: string) => {
      if (!before.has(hop)) before.set(hop, this.hopOwner.get(hop));
    };
    // Undo the turns of every preflight that started at or after `from`...
    while (this.log.length > 0 && this.log.at(-1)!.time >= this.from) {
      const e = this.log.pop()!;
      touch(e.hop);
      if (e.prev === undefined) this.hopOwner.delete(e.hop);
      else this.hopOwner.set(e.hop, e.prev);
    }
    // ...and take them again, in order, on what the group holds now.
    let i = this.firstAtOrAfter(this.from);
    this.from = Infinity;
    for (; i < this.order.length; i++) {
      const p = this.order[i]!;
      const t = timeOf(p);
      this.options.set(p.key, this.optionsOf(p));
      this.assign(p.key, new Set(), (hop, owner) => {
        touch(hop);
        this.log.push({ time: t, hop, prev: this.hopOwner.get(hop) });
        this.hopOwner.set(hop, owner);
      });
    }
    const changes: PairChange[] = [];
    for (const [hop, was] of before) {
      const now = this.hopOwner.get(hop);
      if (now !== was) changes.push({ hop, before: was, after: now });
    }
    return changes;
  }

  private rewindTo(t: number): void {
    if (t < this.from) this.from = t;
  }

  private optionsOf(p: PreflightFacts): HopFacts[] {
    const out: HopFacts[] = [];
    for (const h of this.windows!.around(p.startedAt)) if (compatible(p, h)) out.push(h);
    return out.sort(byTime);
  }

  /** pairPreflights' tryAssign: the earliest free hop, else an augmenting path through a taken one. */
  private assign(p: string, seen: Set<string>, set: (hop: string, owner: string) => void): boolean {
    const options = this.options.get(p)!;
    for (const h of options) {
      if (!this.hopOwner.has(h.key) && !seen.has(h.key)) {
        seen.add(h.key);
        set(h.key, p);
        return true;
      }
    }
    for (const h of options) {
      if (seen.has(h.key)) continue;
      seen.add(h.key);
      if (this.assign(this.hopOwner.get(h.key)!, seen, set)) {
        set(h.key, p);
        return true;
      }
    }
    return false;
  }

  private insertionPoint(p: PreflightFacts): number {
    let lo = 0;
    let hi = this.order.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (byTime(this.order[mid]!, p) < 0) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  private firstAtOrAfter(t: number): number {
    let lo = 0;
    let hi = this.order.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (timeOf(this.order[mid]!) < t) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }
}
