import { describe, expect, it } from 'vitest';
import type { WebRequestRecord } from '../model/webrequest.ts';
import { TabDocuments } from './webrequest-documents.ts';

const doc = (requestId: string, startedAt: number, urls: string[], over: Partial<WebRequestRecord> = {}): WebRequestRecord => ({
  requestId,
  tabId: 1,
  frameId: 0,
  type: 'main_frame',
  startedAt,
  hops: urls.map((url) => ({ url, method: 'GET', sent: true })),
  state: 'pending',
  revision: 0,
  ...over,
});

describe('TabDocuments', () => {
  it('follows a document through its revisions: unchanged ones say nothing changed, a redirect does', () => {
    const docs = new TabDocuments();
    expect(docs.note(doc('1', 10, ['https://a.test/']))).toBe(10);
    expect(docs.note(doc('2', 50, ['https://a.test/old']))).toBe(50);
    expect(docs.note(doc('3', 90, ['https://a.test/later']))).toBe(90);
    // A new revision that changes nothing a reader uses (status, headers).
    expect(docs.note(doc('2', 50, ['https://a.test/old'], { state: 'complete', revision: 3 }))).toBeUndefined();
    expect(docs.note(doc('2', 50, ['https://a.test/old', 'https://a.test/new'], { revision: 4 }))).toBe(50);
    expect(docs.topLevelUrl(1, 60)).toBe('https://a.test/new');
    expect(docs.topLevelUrl(1, 100)).toBe('https://a.test/later');
    expect(docs.topLevelUrl(1, 20)).toBe('https://a.test/');
    expect(docs.topLevelUrl(1, 5)).toBeUndefined();
    expect(docs.isDocumentUrl(1, 'https://a.test/old')).toBe(true);
    docs.note(doc('2', 50, ['https://a.test/old', 'https://a.test/new']), true);
    expect(docs.topLevelUrl(1, 60)).toBe('https://a.test/');
    expect(docs.isDocumentUrl(1, 'https://a.test/new')).toBe(false);
  });

  it("gives a frame's document and the IP it came from", () => {
    const docs = new TabDocuments();
    docs.note(doc('1', 10, ['https://a.test/']));
    docs.note({ ...doc('3', 20, ['https://a.test/frame'], { type: 'sub_frame', frameId: 7 }), hops: [{ url: 'https://a.test/frame', method: 'GET', sent: true, ip: '10.0.0.2' }] });
    expect(docs.documentAt(1, 7, 30)).toEqual({ url: 'https://a.test/frame', ip: '10.0.0.2' });
    expect(docs.documentAt(1, 0, 30)).toEqual({ url: 'https://a.test/' });
    expect(docs.documentAt(1, 7, 15)).toBeUndefined();
    // A sub_frame is not the top-level document.
    expect(docs.topLevelUrl(1, 30)).toBe('https://a.test/');
  });
});
