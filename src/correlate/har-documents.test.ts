import { describe, expect, it } from 'vitest';
import { documentEvidence, type DocEntry } from './har-documents.ts';

const entry = (url: string, startedAt: number, more: Partial<DocEntry> = {}): DocEntry => ({
  url,
  scope: 'page@1',
  startedAt,
  isDocument: false,
  committed: false,
  ...more,
});
const doc = (url: string, startedAt: number, frame: string, more: Partial<DocEntry> = {}) =>
  entry(url, startedAt, { frame, isDocument: true, committed: true, ip: '127.0.0.1', ...more });

describe('documentEvidence', () => {
  it("Chrome DevTools: the page's URL (its title) and its document entry", () => {
    const d = entry('https://a.test/', 0, { scope: 'page_1', isDocument: true, committed: true, ip: '10.0.0.1' });
    const x = entry('https://api.test/x', 5, { scope: 'page_1' });
    const ev = documentEvidence([d, x], [{ id: 'page_1', title: 'https://a.test/' }]);
    expect(ev.get(x)).toEqual({
      documentUrl: { url: 'https://a.test/', from: 'the URL of the HAR page the entry belongs to' },
      topLevelUrl: { url: 'https://a.test/', from: 'the URL of the HAR page the entry belongs to' },
      document: { url: 'https://a.test/', ip: '10.0.0.1', from: "the HAR page's document entry" },
    });
  });

  it('Playwright: the last document each frame loaded before the request; the top level from the first frame', () => {
    const main1 = doc('https://a.test/one', 0, 'frame@main');
    const inOne = entry('https://api.test/1', 10, { frame: 'frame@main' });
    const iframe = doc('https://b.test/embed', 12, 'frame@sub', { ip: '192.168.1.2' });
    const inIframe = entry('https://api.test/2', 15, { frame: 'frame@sub' });
    const redirected = doc('https://a.test/old', 20, 'frame@main', { committed: false });
    const main2 = doc('https://a.test/two', 21, 'frame@main');
    const inTwo = entry('https://api.test/3', 30, { frame: 'frame@main' });
    const items = [main1, inOne, iframe, inIframe, redirected, main2, inTwo];
    const ev = documentEvidence(items, [{ id: 'page@1', title: 'Some title' }]);
    expect(ev.get(inOne)!.documentUrl!.url).toBe('https://a.test/one');
    expect(ev.get(inIframe)).toMatchObject({
      documentUrl: { url: 'https://b.test/embed' },
      topLevelUrl: { url: 'https://a.test/one' },
      document: { url: 'https://b.test/embed', ip: '192.168.1.2' },
    });
    // A redirect response does not replace the frame's document; the document it led to does.
    expect(ev.get(main2)!.documentUrl!.url).toBe('https://a.test/one');
    expect(ev.get(inTwo)).toMatchObject({ documentUrl: { url: 'https://a.test/two' }, topLevelUrl: { url: 'https://a.test/two' } });
    // Before any document, nothing is known.
    expect(ev.get(main1)).toEqual({});
  });

  it("without pages (mode 'minimal'), only the first frame is known to be a top level", () => {
    const main = doc('https://a.test/', 0, 'frame@main', { scope: '' });
    const other = doc('https://c.test/', 1, 'frame@other', { scope: '' });
    const inMain = entry('https://api.test/1', 5, { frame: 'frame@main', scope: '' });
    const inOther = entry('https://api.test/2', 6, { frame: 'frame@other', scope: '' });
    const ev = documentEvidence([main, other, inMain, inOther], []);
    expect(ev.get(inMain)!.topLevelUrl!.url).toBe('https://a.test/');
    expect(ev.get(inOther)!.documentUrl!.url).toBe('https://c.test/');
    expect(ev.get(inOther)!.topLevelUrl).toBeUndefined();
  });
});
