/**
 * Keys filed by URL and time, to answer "which flows have a hop at this URL that started between
 * these times" without looking at the others: the flows a preflight-cache entry could have served.
 */
interface Item {
  at: number;
  key: string;
}

export class LookupIndex {
  private byUrl = new Map<string, Item[]>();
  private where = new Map<string, { url: string; at: number }>();

  add(key: string, url: string, at: number): void {
    this.delete(key);
    let list = this.byUrl.get(url);
    if (!list) this.byUrl.set(url, (list = []));
    list.splice(upperBound(list, at), 0, { at, key });
    this.where.set(key, { url, at });
  }

  delete(key: string): void {
    const w = this.where.get(key);
    if (!w) return;
    this.where.delete(key);
    const list = this.byUrl.get(w.url)!;
    for (let i = lowerBound(list, w.at); i < list.length; i++) {
      if (list[i]!.key !== key) continue;
      list.splice(i, 1);
      break;
    }
    if (list.length === 0) this.byUrl.delete(w.url);
  }

  /** Keys filed at `url` with a time in [lo, hi]. */
  between(url: string, lo: number, hi: number): string[] {
    const list = this.byUrl.get(url);
    if (!list) return [];
    const out: string[] = [];
    for (let i = lowerBound(list, lo); i < list.length && list[i]!.at <= hi; i++) out.push(list[i]!.key);
    return out;
  }

  clear(): void {
    this.byUrl.clear();
    this.where.clear();
  }
}

/** First index whose time is ≥ t. */
function lowerBound(list: Item[], t: number): number {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (list[mid]!.at < t) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** First index whose time is > t. */
function upperBound(list: Item[], t: number): number {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (list[mid]!.at <= t) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
