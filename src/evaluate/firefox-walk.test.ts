import { describe, expect, it } from 'vitest';
import { buildFlow } from './flow-builder.ts';
import { firefoxWalk } from './firefox-walk.ts';
import { evaluate } from './index.ts';

const O = 'https://app.site-a.test';
const API = 'https://api.site-b.test/x';
const keys = (r: ReturnType<typeof firefoxWalk>) => r.lines.map((l) => `${l.key}${l.param === undefined ? '' : `(${l.param})`}`);

describe('Firefox order of checks', () => {
  it('passes what it allows, prints nothing', () => {
    expect(keys(firefoxWalk(buildFlow({ url: API, origin: O }, [{ headers: [['Access-Control-Allow-Origin', '*']] }])))).toEqual([]);
  });
  it('two ACAO lines are refused before their values are compared', () => {
    const r = firefoxWalk(buildFlow({ url: API, origin: O }, [{ headers: [['Access-Control-Allow-Origin', O], ['Access-Control-Allow-Origin', O]] }]));
    expect(keys(r)).toEqual(['CORSMultipleAllowOriginNotAllowed']);
  });
  it('a method token check runs item by item: an invalid token after the method still fails', () => {
    const r = firefoxWalk(buildFlow({ url: API, origin: O, method: 'PUT' }, [{ noResponse: true, preflight: { headers: [['Access-Control-Allow-Origin', O], ['Access-Control-Allow-Methods', 'PUT, a b']] } }]));
    expect(keys(r)).toEqual(['CORSInvalidAllowMethod(a b)', 'CORSDidNotSucceed2']);
  });
  it('Authorization under * : a warning, not a block', () => {
    const r = firefoxWalk(buildFlow({ url: API, origin: O, headers: [['Authorization', 'x']] }, [{ headers: [['Access-Control-Allow-Origin', '*']], preflight: { headers: [['Access-Control-Allow-Origin', '*'], ['Access-Control-Allow-Headers', '*']] } }]));
    expect(r.lines).toEqual([]);
    expect(r.warning?.key).toBe('CORSAllowHeaderFromPreflightDeprecation');
  });
  it('Firefox preflights client hints Chromium safelists', () => {
    const r = firefoxWalk(buildFlow({ url: API, origin: O, headers: [['DPR', '2']] }, [{ headers: [['Access-Control-Allow-Origin', '*']], preflight: { headers: [['Access-Control-Allow-Origin', '*']] } }]));
    expect(keys(r)).toEqual(['CORSMissingAllowHeaderFromPreflight2(dpr)', 'CORSDidNotSucceed2']);
  });
  it('a redirect response is checked, then the tainted origin on the next hop', () => {
    const r = firefoxWalk(buildFlow({ url: API, origin: O }, [{ headers: [['Access-Control-Allow-Origin', '*']], location: 'https://api.site-c.test/t' }, { headers: [['Access-Control-Allow-Origin', O]] }]));
    expect(keys(r)).toEqual([`CORSAllowOriginNotMatchingOrigin(${O})`]);
    expect(r.lines[0]?.url).toBe('https://api.site-c.test/t');
  });
  it('a redirected preflight without ACAO fails the CORS check first (firefox-esr 153: three lines)', () => {
    const r = firefoxWalk(buildFlow({ url: API, origin: O, method: 'PUT' }, [{ noResponse: true, preflight: { status: 302, headers: [['Location', '/login']] } }]));
    expect(keys(r)).toEqual(['CORSMissingAllowOrigin2(302)', 'CORSDidNotSucceed2', 'CORSDidNotSucceed2']);
  });
  it('redirect: "manual" prints only the redirect response’s reason', () => {
    const r = firefoxWalk(buildFlow({ url: API, origin: O, redirect: 'manual' }, [{ location: 'https://api.site-c.test/t' }]));
    expect(keys(r)).toEqual(['CORSMissingAllowOrigin2(302)']);
  });
  it('after a cross-origin redirect the preflight still carries the page origin', () => {
    const r = firefoxWalk(
      buildFlow({ url: API, origin: O, method: 'PUT' }, [
        { status: 307, headers: [['Access-Control-Allow-Origin', O]], location: 'https://api.site-c.test/end', preflight: { headers: [['Access-Control-Allow-Origin', O], ['Access-Control-Allow-Methods', 'PUT']] } },
        { headers: [['Access-Control-Allow-Origin', 'null']], preflight: { headers: [['Access-Control-Allow-Origin', 'null'], ['Access-Control-Allow-Methods', 'PUT']] } },
      ]),
    );
    expect(keys(r)).toEqual(['CORSAllowOriginNotMatchingOrigin(null)', 'CORSDidNotSucceed2']);
  });
  it('once preflighted, a GET after 303 is preflighted again', () => {
    const r = firefoxWalk(
      buildFlow({ url: API, origin: O, method: 'PUT' }, [
        { status: 303, headers: [['Access-Control-Allow-Origin', O]], location: 'https://api.site-c.test/end', preflight: { headers: [['Access-Control-Allow-Origin', O], ['Access-Control-Allow-Methods', 'PUT']] } },
        { headers: [['Access-Control-Allow-Origin', '*']], preflight: { status: 204 } },
      ]),
    );
    expect(keys(r)).toEqual(['CORSMissingAllowOrigin2(204)', 'CORSDidNotSucceed2']);
  });
  it('no-cors and same-origin requests print no CORS line', () => {
    expect(firefoxWalk(buildFlow({ url: API, origin: O, mode: 'no-cors' }, [{}])).lines).toEqual([]);
    expect(firefoxWalk(buildFlow({ url: `${O}/y`, origin: O }, [{}])).lines).toEqual([]);
  });
});

describe('header lines Firefox reads otherwise than Chromium (firefox-esr 153)', () => {
  const judge = (browser: 'chrome' | 'firefox', headers: [string, string][], credentials: 'include' | 'same-origin' = 'same-origin') =>
    evaluate(buildFlow({ url: API, origin: O, credentials }, [{ headers }]), { browser, thirdPartyCookies: 'allowed' });

  it('counts Access-Control-Allow-Origin lines for "Multiple" only under that exact spelling', () => {
    expect(keys(firefoxWalk(buildFlow({ url: API, origin: O }, [{ headers: [['Access-Control-Allow-Origin', O], ['Access-Control-Allow-Origin', O]] }])))).toEqual([
      'CORSMultipleAllowOriginNotAllowed',
    ]);
    expect(keys(firefoxWalk(buildFlow({ url: API, origin: O }, [{ headers: [['ACCESS-CONTROL-ALLOW-ORIGIN', O], ['ACCESS-CONTROL-ALLOW-ORIGIN', O]] }])))).toEqual([
      `CORSAllowOriginNotMatchingOrigin(${O}, ${O})`,
    ]);
  });

  it('skips an empty line when it joins a header’s lines', () => {
    const r = firefoxWalk(buildFlow({ url: API, origin: O, credentials: 'include' }, [{ headers: [['access-control-allow-origin', O], ['access-control-allow-origin', '']] }]));
    expect(keys(r)).toEqual(['CORSMissingAllowCredentials']);
  });

  it('judged for Firefox, a response only Chromium blocks is allowed, with Chrome’s error kept as a warning', () => {
    const headers: [string, string][] = [['access-control-allow-origin', ''], ['access-control-allow-origin', O], ['X-Id', '1']];
    const chrome = judge('chrome', headers);
    expect(chrome.verdict).toBe('blocked');
    expect(chrome.error?.code).toBe('MultipleAllowOriginValues');
    const firefox = judge('firefox', headers);
    expect(firefox.verdict).toBe('allowed');
    expect(firefox.error).toBeNull();
    const warning = firefox.warnings.find((w) => w.code === 'BlockedInChromeOnly');
    expect(warning?.messages.chrome).toBe(chrome.error!.messages.chrome);
    expect(warning?.fix).toEqual(chrome.error!.fix);
    expect(warning?.why).toContain('Firefox lets this response through');
    expect(firefox.readableResponseHeaders).not.toContain('x-id');
  });

  it('keeps Chromium’s verdict where Firefox blocks too, or cannot be judged', () => {
    expect(judge('firefox', [['Access-Control-Allow-Origin', 'https://elsewhere.test']]).verdict).toBe('blocked');
    expect(judge('firefox', [['access-control-allow-origin', O], ['access-control-allow-origin', '']], 'include').error?.messages.firefox).toContain('Access-Control-Allow-Credentials');
  });
});
