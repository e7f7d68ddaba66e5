/**
 * The document a HAR entry's request came from: its URL names the page (origin, when the wire
 * does not), the top-level URL decides the site for cookies, and the IP it was served from gives
 * the page's address space (Local Network Access). Exporters say it differently:
 * - Chrome DevTools writes one HAR page per navigation, titled with its URL: the page's document
 *   is the document entry at that URL (else the page's first document entry).
 * - Playwright writes one HAR page per tab, titled with `document.title` (none at all in
 *   `mode: 'minimal'`), and names each entry's frame (`_frameref`; a navigation's is the frame it
 *   navigates): a request's document is the last document that frame loaded before it; the
 *   top-level one is the last document of the page's first frame.
 */

/** What this module needs to know of an entry (har.ts's Item has it all). */
export interface DocEntry {
  url: string;
  scope: string;
  startedAt: number;
  frame?: string;
  ip?: string;
  /** A document (navigation) request. */
  isDocument: boolean;
  /** A response arrived and did not redirect: the frame now shows this document. */
  committed: boolean;
}

export interface DocumentEvidence {
  documentUrl?: { url: string; from: string };
  topLevelUrl?: { url: string; from: string };
  document?: { url: string; ip: string; from: string };
}

export interface PageInfo {
  id: string;
  title?: string;
}

/** A page title that is a URL (Chrome DevTools), else undefined. */
function titleUrl(pages: readonly PageInfo[], scope: string): string | undefined {
  const title = pages.find((p) => p.id === scope)?.title;
  return title && /^https?:\/\//.test(title) && URL.canParse(title) ? title : undefined;
}

/** Evidence per entry, for entries given in the order they started. */
export function documentEvidence<T extends DocEntry>(items: readonly T[], pages: readonly PageInfo[]): Map<T, DocumentEvidence> {
  const out = new Map<T, DocumentEvidence>();
  byPage(items, pages, out);
  byFrame(items, out);
  return out;
}

/** Chrome DevTools' convention: the page's URL and its document entry. */
function byPage<T extends DocEntry>(items: readonly T[], pages: readonly PageInfo[], out: Map<T, DocumentEvidence>): void {
  const docs = new Map<string, T>();
  for (const it of items) {
    if (!it.isDocument) continue;
    const url = titleUrl(pages, it.scope);
    const seen = docs.get(it.scope);
    if (!seen || (it.url === url && seen.url !== url)) docs.set(it.scope, it);
  }
  for (const it of items) {
    const ev: DocumentEvidence = {};
    const url = titleUrl(pages, it.scope);
    if (url) {
      ev.documentUrl = { url, from: 'the URL of the HAR page the entry belongs to' };
      ev.topLevelUrl = { url, from: 'the URL of the HAR page the entry belongs to' };
    }
    const doc = docs.get(it.scope);
    if (doc?.ip && doc !== it) ev.document = { url: doc.url, ip: doc.ip, from: "the HAR page's document entry" };
    out.set(it, ev);
  }
}

/** Playwright's convention: the last document each frame loaded. Overrides the page's evidence where it knows. */
function byFrame<T extends DocEntry>(items: readonly T[], out: Map<T, DocumentEvidence>): void {
  const mainFrame = new Map<string, string>();
  const shown = new Map<string, T>();
  for (const it of items) {
    if (it.frame === undefined) continue;
    if (it.isDocument && !mainFrame.has(it.scope)) mainFrame.set(it.scope, it.frame);
    const ev = out.get(it)!;
    const doc = shown.get(it.frame);
    if (doc) {
      const from = "the document last loaded in the request's frame (HAR _frameref)";
      ev.documentUrl = { url: doc.url, from };
      if (doc.ip) ev.document = { url: doc.url, ip: doc.ip, from };
      else delete ev.document;
    }
    // Frames of one page share its top level; without pages (minimal mode) only the first frame is known to be it.
    const main = mainFrame.get(it.scope);
    const top = main !== undefined && (it.frame === main || it.scope !== '') ? shown.get(main) : undefined;
    if (top) ev.topLevelUrl = { url: top.url, from: "the document last loaded in the page's first frame (HAR _frameref)" };
    if (it.isDocument && it.committed) shown.set(it.frame, it);
  }
}
