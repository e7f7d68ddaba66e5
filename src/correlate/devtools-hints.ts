/**
 * What the DevTools network panel knows about a request and webRequest does not. webRequest calls
 * both fetch() and XMLHttpRequest `xmlhttprequest`, so the API named in Chrome's message ("Access
 * to fetch at" / "Access to XMLHttpRequest at") is a guess for live flows; the HAR entries of
 * `devtools.network.onRequestFinished` and `getHAR()` name it in Chrome (`_resourceType`: fetch,
 * xhr, script, …; `_initiator`). Firefox's entries carry no resource type (its HAR builder writes
 * the HAR 1.2 fields, `_securityState` and the IP): there they add nothing the flow lacks, and
 * Firefox's messages do not name the API anyway.
 *
 * An entry gives a record its resource kind when one of the record's hops has the entry's URL and
 * method, the same status (0: no response) and a start within MATCH_WINDOW_MS; of several such
 * entries the closest in time wins, and a tie between different kinds gives no hint.
 */
import type { WebRequestRecord } from '../model/webrequest.ts';
import { kindOfDevToolsType, type ResourceKind } from './infer.ts';

/** An entry as far as matching and hinting need it. */
export interface DevtoolsEntry {
  url: string;
  method: string;
  /** startedDateTime, in ms since the epoch (DevTools rounds to the millisecond). */
  startedAt: number;
  /** The response status; 0 when none arrived. */
  status: number;
  /** Chrome's `_resourceType`. */
  resourceType?: string;
  /** Cookies went with the request (its Cookie header or cookie list). */
  cookies: boolean;
}

/** What an entry tells about a record's request. */
export interface DevtoolsHint {
  /** The resource kind DevTools names, and where it came from (for flow.inferred). */
  kind?: { kind: ResourceKind; from: string };
  /** DevTools saw cookies go with the request. */
  cookies: boolean;
}

/**
 * DevTools' start time and webRequest's differ by a millisecond or two (measured in Chromium 156:
 * 0.5–1.3 ms); a loaded browser may dispatch webRequest events later.
 */
export const MATCH_WINDOW_MS = 1000;

/** Entries kept (one per finished request); the oldest go first. */
export const MAX_DEVTOOLS_ENTRIES = 20_000;

const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);
const obj = (v: unknown): Record<string, unknown> => (v && typeof v === 'object' ? (v as Record<string, unknown>) : {});

/** A HAR entry from the DevTools API, checked (it comes from outside the core); null when unusable. */
export function devtoolsEntryOf(raw: unknown): DevtoolsEntry | null {
  const e = obj(raw);
  const req = obj(e.request);
  const res = obj(e.response);
  const url = str(req.url);
  const method = str(req.method);
  const startedAt = Date.parse(str(e.startedDateTime) ?? '');
  if (!url || !method || !Number.isFinite(startedAt)) return null;
  const status = typeof res.status === 'number' && res.status > 0 ? res.status : 0;
  const headers = Array.isArray(req.headers) ? req.headers : [];
  const cookies = (Array.isArray(req.cookies) && req.cookies.length > 0) || headers.some((h) => str(obj(h).name)?.toLowerCase() === 'cookie');
  const entry: DevtoolsEntry = { url, method, startedAt, status, cookies };
  const type = str(e._resourceType);
  if (type) entry.resourceType = type;
  return entry;
}

const indexKey = (method: string, url: string) => `${method}\n${url}`;

/** Entries by method and URL, at most `cap` of them (the oldest go first). */
export class DevtoolsEntries {
  private byKey = new Map<string, DevtoolsEntry[]>();
  private order: DevtoolsEntry[] = [];

  constructor(private readonly cap = MAX_DEVTOOLS_ENTRIES) {}

  /** Adds entries; returns the method+URL keys they touched (see keysOfRecord). */
  add(entries: readonly DevtoolsEntry[]): Set<string> {
    const touched = new Set<string>();
    for (const e of entries) {
      // Preflights are requests of their own; the flow's request is the entry to read.
      if (e.resourceType === 'preflight') continue;
      const key = indexKey(e.method, e.url);
      let list = this.byKey.get(key);
      if (!list) this.byKey.set(key, (list = []));
      list.push(e);
      this.order.push(e);
      touched.add(key);
    }
    while (this.order.length > this.cap) {
      const old = this.order.shift()!;
      const key = indexKey(old.method, old.url);
      const list = this.byKey.get(key)!;
      list.splice(list.indexOf(old), 1);
      if (list.length === 0) this.byKey.delete(key);
      touched.add(key);
    }
    return touched;
  }

  at(method: string, url: string): readonly DevtoolsEntry[] {
    return this.byKey.get(indexKey(method, url)) ?? [];
  }

  clear(): void {
    this.byKey.clear();
    this.order = [];
  }
}

/** The method+URL keys under which entries for a record's hops are filed. */
export function keysOfRecord(rec: WebRequestRecord): string[] {
  return rec.hops.map((h) => indexKey(h.method, h.url));
}

/** The hint for a record, from the entries that match one of its hops. */
export function hintFor(rec: WebRequestRecord, entries: DevtoolsEntries): DevtoolsHint | undefined {
  let best: { gap: number; entry: DevtoolsEntry } | undefined;
  let tie = false;
  rec.hops.forEach((h, i) => {
    const start = h.startedAt ?? (i === 0 ? rec.startedAt : undefined);
    if (start === undefined) return;
    for (const e of entries.at(h.method, h.url)) {
      const gap = Math.abs(e.startedAt - start);
      if (gap > MATCH_WINDOW_MS || e.status !== (h.statusCode ?? 0)) continue;
      if (!best || gap < best.gap) {
        best = { gap, entry: e };
        tie = false;
      } else if (gap === best.gap && e.resourceType !== best.entry.resourceType) tie = true;
    }
  });
  if (!best || tie) return undefined;
  const { entry } = best;
  const kind = kindOfDevToolsType(entry.resourceType);
  if (!kind && !entry.cookies) return undefined;
  const hint: DevtoolsHint = { cookies: entry.cookies };
  if (kind) hint.kind = { kind, from: `the DevTools network panel's resource type ${entry.resourceType}` };
  return hint;
}

/** A key to tell whether a record's hint changed. */
export const hintKey = (h: DevtoolsHint | undefined) => (h ? `${h.kind?.kind}\n${h.kind?.from}\n${h.cookies}` : '');
