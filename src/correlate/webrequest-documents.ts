/**
 * The documents (main_frame and sub_frame records) of each tab, which three things depend on: the
 * top-level URL of a request (its "site for cookies"), the document of its frame (whose IP gives
 * the page's address space), and whether a request is DevTools' own re-read of a document. Noting
 * a document says from when on a tab's requests may read differently.
 */
import type { WebRequestRecord } from '../model/webrequest.ts';
import { compareFlows } from './ordered-flows.ts';

const isDocument = (rec: WebRequestRecord) => rec.type === 'main_frame' || rec.type === 'sub_frame';
/** What the readers use of a document record; other changes (status, headers) affect no one. */
const signatureOf = (rec: WebRequestRecord) => `${rec.type}\n${rec.frameId}\n${rec.startedAt}\n${rec.hops.at(-1)?.ip}\n${rec.hops.map((h) => h.url).join('\n')}`;
const frameOf = (rec: WebRequestRecord) => rec.frameId ?? 0;
const order = (a: WebRequestRecord, b: WebRequestRecord) => compareFlows({ startedAt: a.startedAt, id: a.requestId }, { startedAt: b.startedAt, id: b.requestId });

interface TabDocs {
  byId: Map<string, { rec: WebRequestRecord; signature: string }>;
  /** main_frame records by start time. */
  mainFrames: WebRequestRecord[];
  /** Document records of each frame by start time (a sub_frame record carries the frame it loads). */
  frames: Map<number, WebRequestRecord[]>;
}

function insert(list: WebRequestRecord[], rec: WebRequestRecord): void {
  let i = list.length;
  while (i > 0 && order(list[i - 1]!, rec) > 0) i--;
  list.splice(i, 0, rec);
}

/** The last record of a list by start time that started no later than `at`. */
function lastAt(list: readonly WebRequestRecord[], at: number): WebRequestRecord | undefined {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (list[mid]!.startedAt <= at) lo = mid + 1;
    else hi = mid;
  }
  return list[lo - 1];
}

export class TabDocuments {
  private tabs = new Map<number, TabDocs>();

  /**
   * Notes a document record (new, changed or, with `removed`, gone). Returns the earliest start
   * time from which the tab's requests may read differently, or undefined when nothing they read changed.
   */
  note(rec: WebRequestRecord, removed = false): number | undefined {
    if (!isDocument(rec)) return undefined;
    let tab = this.tabs.get(rec.tabId);
    if (!tab) this.tabs.set(rec.tabId, (tab = { byId: new Map(), mainFrames: [], frames: new Map() }));
    const old = tab.byId.get(rec.requestId);
    const signature = signatureOf(rec);
    if (!removed && old?.signature === signature) {
      // Same place in the lists: only the object changes.
      tab.byId.set(rec.requestId, { rec, signature });
      for (const list of [tab.mainFrames, tab.frames.get(frameOf(rec))!]) {
        const i = list.indexOf(old.rec);
        if (i >= 0) list[i] = rec;
      }
      return undefined;
    }
    if (old) {
      tab.byId.delete(rec.requestId);
      if (old.rec.type === 'main_frame') tab.mainFrames.splice(tab.mainFrames.indexOf(old.rec), 1);
      const frame = tab.frames.get(frameOf(old.rec))!;
      frame.splice(frame.indexOf(old.rec), 1);
    }
    if (!removed) {
      tab.byId.set(rec.requestId, { rec, signature });
      if (rec.type === 'main_frame') insert(tab.mainFrames, rec);
      let frame = tab.frames.get(frameOf(rec));
      if (!frame) tab.frames.set(frameOf(rec), (frame = []));
      insert(frame, rec);
    }
    return Math.min(rec.startedAt, old?.rec.startedAt ?? Infinity);
  }

  hasDocuments(tabId: number): boolean {
    return (this.tabs.get(tabId)?.byId.size ?? 0) > 0;
  }

  isDocumentUrl(tabId: number, url: string): boolean {
    for (const { rec } of this.tabs.get(tabId)?.byId.values() ?? []) if (rec.hops.some((h) => h.url === url)) return true;
    return false;
  }

  /** The tab's top-level document at `at`: the last main_frame record that started no later. */
  topLevelUrl(tabId: number, at: number): string | undefined {
    return lastAt(this.tabs.get(tabId)?.mainFrames ?? [], at)?.hops.at(-1)?.url;
  }

  /** The document of a frame at `at` (its URL, and the IP it came from when known). */
  documentAt(tabId: number, frameId: number, at: number): { url: string; ip?: string } | undefined {
    const last = lastAt(this.tabs.get(tabId)?.frames.get(frameId) ?? [], at)?.hops.at(-1);
    if (!last) return undefined;
    return last.ip === undefined ? { url: last.url } : { url: last.url, ip: last.ip };
  }

  clear(): void {
    this.tabs.clear();
  }
}
