/**
 * Flows kept in the order the page made the requests (start time, then id), updated in place:
 * adding, replacing or removing one flow costs a binary search and one splice, so an incremental
 * correlator never re-sorts everything.
 */
import type { Flow } from '../model/flow.ts';

export function compareFlows(a: Pick<Flow, 'startedAt' | 'id'>, b: Pick<Flow, 'startedAt' | 'id'>): number {
  return (a.startedAt ?? 0) - (b.startedAt ?? 0) || compareIds(a.id, b.id);
}

/** Ids that end in a number (webRequest request ids, HAR entry indexes) compare numerically. */
function compareIds(a: string, b: string): number {
  const na = Number(a.slice(a.search(/\d+$/)));
  const nb = Number(b.slice(b.search(/\d+$/)));
  if (/\d$/.test(a) && /\d$/.test(b) && na !== nb) return na - nb;
  return a < b ? -1 : a > b ? 1 : 0;
}

export class OrderedFlows {
  private list: Flow[] = [];
  /** keys[i] is the key of list[i]. */
  private keys: string[] = [];
  private byKey = new Map<string, Flow>();

  get size(): number {
    return this.list.length;
  }

  get(key: string): Flow | undefined {
    return this.byKey.get(key);
  }

  entries(): IterableIterator<[string, Flow]> {
    return this.byKey.entries();
  }

  set(key: string, flow: Flow): void {
    const old = this.byKey.get(key);
    if (old) {
      const i = this.indexOf(old);
      if (compareFlows(old, flow) === 0) {
        this.list[i] = flow;
        this.byKey.set(key, flow);
        return;
      }
      this.list.splice(i, 1);
      this.keys.splice(i, 1);
    }
    this.byKey.set(key, flow);
    const at = this.insertionPoint(flow);
    this.list.splice(at, 0, flow);
    this.keys.splice(at, 0, key);
  }

  delete(key: string): void {
    const old = this.byKey.get(key);
    if (!old) return;
    const i = this.indexOf(old);
    this.list.splice(i, 1);
    this.keys.splice(i, 1);
    this.byKey.delete(key);
  }

  clear(): void {
    this.list = [];
    this.keys = [];
    this.byKey.clear();
  }

  /** Keys of the flows that started at or after `startedAt`, in order. */
  *keysFrom(startedAt: number): Iterable<string> {
    for (let i = this.insertionPoint({ startedAt, id: '' }, true); i < this.keys.length; i++) yield this.keys[i]!;
  }

  /** A copy, in order. */
  toArray(): Flow[] {
    return this.list.slice();
  }

  /** Where `flow` goes: after the flows that sort equal to it (`before`: before them). */
  private insertionPoint(flow: Pick<Flow, 'startedAt' | 'id'>, before = false): number {
    let lo = 0;
    let hi = this.list.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      const c = compareFlows(this.list[mid]!, flow);
      if (c < 0 || (c === 0 && !before)) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  private indexOf(flow: Flow): number {
    // Equal keys sit together; find this very object among them.
    for (let i = this.insertionPoint(flow, true); i < this.list.length && compareFlows(this.list[i]!, flow) === 0; i++) if (this.list[i] === flow) return i;
    const i = this.list.indexOf(flow);
    if (i < 0) throw new Error('OrderedFlows: flow not found');
    return i;
  }
}
