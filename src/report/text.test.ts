import { describe, expect, it } from 'vitest';
import type { Flow } from '../model/flow.ts';
import { escapeControls } from './escape.ts';
import { analyzeFlows, buildReport, renderText } from './index.ts';

const ctx = { browser: 'chrome' as const, thirdPartyCookies: 'allowed' as const };
const ESC_PAYLOAD = '\x1b[31mred\x1b]8;;http://evil\x1b\\link';
/** What a terminal must never receive from network values (line breaks are the renderer's own). */
const RAW_CONTROL = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/;

function hostileFlow(): Flow {
  const url = 'https://api.b.test/invoice\u202Etxt.exe';
  return {
    id: 'evil',
    request: { url, method: 'G\x1b[2JET', headers: [], mode: 'cors', credentials: 'omit', initiatorType: 'fetch', origin: 'https://app.a.test' },
    hops: [
      {
        request: { url, method: 'G\x1b[2JET', headers: [{ name: 'Origin', value: 'https://app.a.test' }] },
        response: {
          status: 200,
          headers: [
            { name: 'Access-Control-Allow-Origin', value: ESC_PAYLOAD },
            { name: 'Set-Cookie', value: `c\x1b[1m=1; SameSite=None` },
          ],
        },
        error: 'net::ERR_FAILED\x07',
        sent: true,
      },
    ],
    error: 'net::ERR_FAILED\x07',
    inferred: [],
  };
}

describe('escapeControls', () => {
  it('writes C0, DEL, C1 and bidi controls as visible escapes and leaves the rest', () => {
    expect(escapeControls(ESC_PAYLOAD)).toBe('\\x1B[31mred\\x1B]8;;http://evil\\x1B\\link');
    expect(escapeControls('a\u202Eb\u2066c\x7f\x9b\td\n')).toBe('a\\u202Eb\\u2066c\\x7F\\x9B\\td\\n');
    expect(escapeControls('héllo wörld ✓ 日本')).toBe('héllo wörld ✓ 日本');
  });
});

describe('renderText', () => {
  const report = buildReport(analyzeFlows([hostileFlow()], ctx));
  for (const colors of [false, true]) {
    it(`prints no raw control or bidi character from the network (${colors ? 'colours' : 'no colours'})`, () => {
      const id = (s: string) => s;
      const c = colors ? { red: id, green: id, yellow: id, dim: id, bold: id, cyan: id, isColorSupported: true } : undefined;
      const text = renderText(report, c ? { colors: c } : {});
      expect(text).not.toMatch(RAW_CONTROL);
      expect(text).toContain('invoice\\u202Etxt.exe');
      expect(text).toContain('G\\x1B[2JET');
      expect(text).toContain('\\x1B[31mred\\x1B]8;;http://evil\\x1B\\link');
    });
  }
});

describe('renderMarkdown', () => {
  it('prints no raw control or bidi character from the network', async () => {
    const { renderMarkdown } = await import('./markdown.ts');
    const md = renderMarkdown(buildReport(analyzeFlows([hostileFlow()], ctx)));
    expect(md).not.toMatch(RAW_CONTROL);
    expect(md).toContain('invoice\\\\u202Etxt.exe');
  });
});
