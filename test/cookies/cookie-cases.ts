/**
 * The 28 cookie situations recorded into src/cookies/fixtures/chromium-156.json: a page on one
 * site fetches from another (or the same) site, with a jar filled beforehand by top-level visits,
 * and Set-Cookie lines covering SameSite, Secure, Partitioned, prefixes, Domain, Path, oversize
 * and malformed lines. Each case sets up its routes on the lab server.
 */
import type { LabServer, ReceivedRequest, RouteSpec } from '../lab/server.ts';

export interface CookieRequest {
  url: string;
  credentials?: RequestCredentials;
  method?: string;
}

export interface CookieCase {
  name: string;
  /** The page the request is made from. */
  page: string;
  /** Top-level visits first, to fill the jar. */
  jar?: string[];
  /** Requests the page makes before the recorded one (their cookies go in the jar). */
  pre?: CookieRequest[];
  setup(s: LabServer): void;
  req: CookieRequest;
}

const A = 'app.site-a.test';
const B = 'api.site-b.test';
const A2 = 'api.site-a.test';

const SET_LINES = [
  'u1=v',
  'l2=v; SameSite=Lax',
  's3=v; SameSite=Strict',
  'n4=v; SameSite=None',
  'ns5=v; SameSite=None; Secure',
  'p6=v; SameSite=None; Secure; Partitioned',
  'p7=v; SameSite=None; Partitioned',
  '__Host-h8=v; SameSite=None; Secure; Domain=site-b.test',
  '__Secure-s9=v; SameSite=None',
  'd10=v; SameSite=None; Secure; Domain=site-c.test',
  'd11=v; SameSite=None; Secure; Domain=test',
  'b14=v; SameSite=Bogus',
  'x17=v; SameSite=None; Secure; Max-Age=0',
  'nv18',
  '=v19',
  ' ; SameSite=None',
  '',
  'big=' + 'x'.repeat(4100),
  'sec20=v; Secure',
  'hostsec=v; SameSite=None; Secure; Path=/',
  '__Host-ok=v; SameSite=None; Secure; Path=/',
  '__Host-nopath=v; SameSite=None; Secure',
  '__secure-lc=v; SameSite=None',
  'd21=v; SameSite=None; Secure; Domain=.site-b.test',
  'lp=v; SameSite=None; Secure; Path=/x; Partitioned',
];

const JAR_LINES = [
  'j_u=v',
  'j_l=v; SameSite=Lax',
  'j_s=v; SameSite=Strict',
  'j_n=v; SameSite=None; Secure',
  'j_p=v; SameSite=None; Secure; Partitioned',
  'j_path=v; SameSite=None; Secure; Path=/other',
  'j_dom=v; SameSite=None; Secure; Domain=site-b.test',
  'j_secl=v; Secure; SameSite=Lax',
];

const toSiteA = (lines: string[]) => lines.map((l) => l.replace('site-b', 'site-a'));

const COMBOS = [
  '__Host-c1=v; Domain=site-b.test; Path=/',
  '__Host-c1b=v; Domain=site-c.test; Secure; Path=/',
  'c2=v\x01; Domain=site-c.test',
  'c2b=' + 'q'.repeat(4100) + '\x01',
  '=__Host-' + 'q'.repeat(4100),
  'c4=v; SameSite=None; Secure; Partitioned; Domain=site-c.test',
  'c5=v; Secure; SameSite=Lax',
  'c6=v; SameSite=Lax; Partitioned; Secure',
  'c7=v; Partitioned; Secure',
  'c8=v; Partitioned; Secure; SameSite=None',
  '__Secure-c9=v; SameSite=None; Domain=site-c.test',
  'c10=v; SameSite=None; Secure; Partitioned; Path=/\x01',
];

export function cookieCases(server: LabServer): CookieCase[] {
  const S = (h: string, p: string) => server.url(h, p, { secure: true });
  const H = (h: string, p: string) => server.url(h, p);
  const cors = (o: string): [string, string][] => [
    ['Access-Control-Allow-Origin', o],
    ['Access-Control-Allow-Credentials', 'true'],
  ];
  const originOf = (r: ReceivedRequest) => r.headers.find(([k]) => k.toLowerCase() === 'origin')?.[1];
  /** Answers with CORS for the request's Origin (credentials allowed) and these Set-Cookie lines. */
  const setting = (lines: string[], extra: [string, string][] = []): RouteSpec => ({
    actual: (r) => {
      const o = originOf(r);
      return { headers: [...(o ? cors(o) : []), ...extra, ...lines.map((l): [string, string] => ['Set-Cookie', l])], body: 'ok' };
    },
  });
  const redirecting = (to: string, lines: string[] = []): RouteSpec => ({
    actual: (r) => {
      const o = originOf(r);
      return { status: 302, headers: [...(o ? cors(o) : []), ['Location', to], ...lines.map((l): [string, string] => ['Set-Cookie', l])] };
    },
  });
  /** Lines written raw (Node refuses control characters in headers; browsers take them). */
  const raw = (origin: string, lines: string[]): RouteSpec => ({
    actual: {
      rawHead: ['HTTP/1.1 200 OK', `Access-Control-Allow-Origin: ${origin}`, 'Access-Control-Allow-Credentials: true', ...lines.map((l) => `Set-Cookie: ${l}`)].join('\r\n'),
      body: 'ok',
    },
  });
  const pageA = S(A, '/page');
  const originA = server.origin(A, { secure: true });
  const jarAndGet = (jarLines: string[]) => (s: LabServer) => {
    s.route('/jar', setting(jarLines));
    s.route('/get', setting([]));
  };

  return [
    { name: 'set-cross-site-include', page: pageA, setup: (s) => s.route('/set', setting(SET_LINES)), req: { url: S(B, '/set'), credentials: 'include' } },
    { name: 'set-cross-site-omit', page: pageA, setup: (s) => s.route('/set', setting(SET_LINES)), req: { url: S(B, '/set'), credentials: 'omit' } },
    { name: 'set-cross-site-same-origin-mode', page: pageA, setup: (s) => s.route('/set', setting(SET_LINES)), req: { url: S(B, '/set') } },
    { name: 'set-same-site-include', page: pageA, setup: (s) => s.route('/set', setting(toSiteA(SET_LINES))), req: { url: S(A2, '/set'), credentials: 'include' } },
    { name: 'set-same-origin-omit', page: pageA, setup: (s) => s.route('/set', setting(['o1=v', 'o2=v; SameSite=Strict'])), req: { url: S(A, '/set'), credentials: 'omit' } },
    { name: 'set-http-cross-site-include', page: H(A, '/page'), setup: (s) => s.route('/set', setting(SET_LINES)), req: { url: H(B, '/set'), credentials: 'include' } },
    {
      name: 'set-schemeful-include',
      page: H(A, '/page'),
      setup: (s) => s.route('/set', setting(['u1=v', 'l2=v; SameSite=Lax', 's3=v; SameSite=Strict', 'ns5=v; SameSite=None; Secure'])),
      req: { url: S(A2, '/set'), credentials: 'include' },
    },
    { name: 'set-no-acao-include', page: pageA, setup: (s) => s.route('/set', { actual: { headers: [['Set-Cookie', 'noacao=v; SameSite=None; Secure']] } }), req: { url: S(B, '/set'), credentials: 'include' } },
    {
      name: 'set-preflight',
      page: pageA,
      setup: (s) =>
        s.route('/set', {
          preflight: { status: 204, headers: [...cors(originA), ['Access-Control-Allow-Methods', 'PUT'], ['Set-Cookie', 'pf=v; SameSite=None; Secure'], ['Set-Cookie', 'pfl=v; SameSite=Lax']] },
          actual: setting(['act=v; SameSite=None; Secure']).actual,
        }),
      req: { url: S(B, '/set'), credentials: 'include', method: 'PUT' },
    },
    {
      name: 'set-redirect-cross-then-same',
      page: pageA,
      setup: (s) => {
        s.route('/redir', redirecting(S(A2, '/final'), ['r1=v; SameSite=Lax', 'r2=v; SameSite=None; Secure']));
        s.route('/final', setting(['f1=v; SameSite=Lax', 'f2=v', 'f3=v; SameSite=Strict']));
      },
      req: { url: S(B, '/redir'), credentials: 'include' },
    },
    {
      name: 'send-cross-site-include',
      page: pageA,
      jar: [S(B, '/jar'), S('www.site-b.test', '/jarw')],
      setup: (s) => {
        jarAndGet(JAR_LINES)(s);
        s.route('/jarw', setting(['w_host=v; SameSite=None; Secure']));
      },
      req: { url: S(B, '/get'), credentials: 'include' },
    },
    { name: 'send-cross-site-omit', page: pageA, jar: [S(B, '/jar')], setup: jarAndGet(JAR_LINES), req: { url: S(B, '/get'), credentials: 'omit' } },
    { name: 'send-cross-site-same-origin-mode', page: pageA, jar: [S(B, '/jar')], setup: jarAndGet(JAR_LINES), req: { url: S(B, '/get') } },
    { name: 'send-same-site-include', page: pageA, jar: [S(A2, '/jar')], setup: jarAndGet(toSiteA(JAR_LINES)), req: { url: S(A2, '/get'), credentials: 'include' } },
    {
      name: 'send-http-from-http-cross-include',
      page: H(A, '/page'),
      jar: [S(B, '/jar'), H(B, '/jarh')],
      setup: (s) => {
        jarAndGet(JAR_LINES)(s);
        s.route('/jarh', setting(['h_u=v', 'h_l=v; SameSite=Lax']));
      },
      req: { url: H(B, '/get'), credentials: 'include' },
    },
    { name: 'send-schemeful', page: H(A, '/page'), jar: [S(A2, '/jar')], setup: jarAndGet(toSiteA(JAR_LINES)), req: { url: S(A2, '/get'), credentials: 'include' } },
    {
      name: 'send-preflight',
      page: pageA,
      jar: [S(B, '/jar')],
      setup: (s) => {
        s.route('/jar', setting(JAR_LINES));
        s.route('/get', { preflight: { status: 204, headers: [...cors(originA), ['Access-Control-Allow-Methods', 'PUT']] }, actual: setting([]).actual });
      },
      req: { url: S(B, '/get'), credentials: 'include', method: 'PUT' },
    },
    {
      name: 'send-redirect-cross-then-same',
      page: pageA,
      jar: [S(A2, '/jar')],
      setup: (s) => {
        jarAndGet(toSiteA(JAR_LINES))(s);
        s.route('/redir', redirecting(S(A2, '/get')));
      },
      req: { url: S(B, '/redir'), credentials: 'include' },
    },
    {
      name: 'x-rawchars',
      page: pageA,
      setup: (s) =>
        s.route(
          '/raw',
          raw(originA, [
            'c1=a\x01b; SameSite=None; Secure',
            'c\x7f2=ab; SameSite=None; Secure',
            'c3=a\tb; SameSite=None; Secure',
            'c4=\tab; SameSite=None; Secure',
            'c5=ab; SameSite=None; Secure; Path=/\x01',
            'c6=h\u00e9; SameSite=None; Secure',
            'a b=c; SameSite=None; Secure',
            'c7=v;;; SameSite=None;Secure',
            'c8="quoted"; SameSite=None; Secure',
            'c9=v; SameSite=None; Secure; Path=/' + 'x'.repeat(1100),
            'c10=v; SameSite=None; Secure; Domain=.SITE-B.test',
            'c11 = v ; SameSite = None ; Secure',
            'c12=' + 'y'.repeat(4090),
            'c13=' + 'y'.repeat(4092),
          ]),
        ),
      req: { url: S(B, '/raw'), credentials: 'include' },
    },
    {
      name: 'x-overwrite-secure',
      page: H(B, '/page'),
      jar: [S(B, '/jar')],
      setup: (s) => {
        s.route('/jar', setting(['ow=1; Secure; SameSite=None', 'owp=1; Secure; Path=/x', 'ownd=1; Secure; Domain=site-b.test']));
        s.route('/set', setting(['ow=2', 'owp=2; Path=/x/y', 'owp2=2; Path=/', 'ownd=2', 'ow=3; Domain=site-b.test']));
      },
      req: { url: H(B, '/set'), credentials: 'include' },
    },
    {
      name: 'x-localhost',
      page: H('localhost', '/page'),
      setup: (s) => s.route('/set', setting(['lh1=v; Secure', '__Secure-lh=v; Secure', '__Host-lh=v; Secure; Path=/', 'lh2=v; SameSite=None; Secure', 'lh3=v; Domain=localhost', 'lhp=v; Secure; SameSite=None; Partitioned'])),
      pre: [{ url: H('localhost', '/set') }],
      req: { url: H('localhost', '/set') },
    },
    {
      name: 'x-ip',
      page: H('127.0.0.1', '/page'),
      setup: (s) => s.route('/set', setting(['ip1=v', 'ip2=v; Domain=127.0.0.1', 'ip3=v; Domain=0.0.1', 'ip4=v; Secure'])),
      pre: [{ url: H('127.0.0.1', '/set') }],
      req: { url: H('127.0.0.1', '/set') },
    },
    {
      name: 'x-partitioned-readback',
      page: pageA,
      setup: (s) => {
        s.route('/set', setting(['pp=v; SameSite=None; Secure; Partitioned', 'pn=v; SameSite=None; Secure', 'pl=v; SameSite=Lax; Secure; Partitioned', 'px=v; SameSite=None; Partitioned']));
        s.route('/get', setting([]));
      },
      pre: [{ url: S(B, '/set'), credentials: 'include' }],
      req: { url: S(B, '/get'), credentials: 'include' },
    },
    {
      name: 'x-delete',
      page: pageA,
      jar: [S(B, '/jar')],
      setup: (s) => {
        s.route('/jar', setting(['del=v; SameSite=None; Secure', 'del2=v; SameSite=None; Secure', 'dell=v; SameSite=Lax']));
        s.route('/set', setting(['del=; SameSite=None; Secure; Max-Age=0', 'del2=x; SameSite=None; Secure; Expires=Thu, 01 Jan 1970 00:00:00 GMT', 'dell=; Max-Age=0']));
      },
      req: { url: S(B, '/set'), credentials: 'include' },
    },
    {
      name: 'x-same-origin-mode-redirect-back',
      page: pageA,
      jar: [S(A, '/jar')],
      setup: (s) => {
        s.route('/jar', setting(['so=v']));
        s.route('/redir', { actual: { status: 302, headers: [['Access-Control-Allow-Origin', '*'], ['Location', S(A, '/get')]] } });
        s.route('/get', { actual: { headers: [['Access-Control-Allow-Origin', '*'], ['Set-Cookie', 'so2=v']] } });
      },
      req: { url: S(B, '/redir') },
    },
    {
      name: 'y-weird',
      page: pageA,
      setup: (s) =>
        s.route(
          '/rawa',
          raw(originA, [
            '=a=b', '=', '=;', ' =v2', '__Host-=v', '=__Host-x', '=__Secure-x', '=__host-y',
            'w1=b; Expires=garbage', 'w2=b; Max-Age=abc', 'w3=b; Domain=', 'w4=b; Domain=.', 'w5=b; Path=relative', 'w6=b; SameSite',
            'w7=b; Partitioned; Secure', 'w8=b; Domain=api.site-a.test', 'w9=b; Domain=site-a.test:443', 'w10=b; Domain=\u00ebxample.site-a.test',
            'w11=b; Domain=..site-a.test', 'w12=b; Secure; Domain=app.site-a.test', 'w13=b; HttpOnly', 'w14=b; SameSite=None; Secure; Max-Age=-1',
            'w15=b; SameSite="Strict"', 'w16=b; SameSite=LAX', 'w17=' + 'z'.repeat(4093), 'w18 ' + 'z'.repeat(4093), 'w19=b; Path=/; Path=/other',
            'w20=b; Secure=false', 'w21=b;Domain=SITE-A.TEST;Path=/', '__Host-w22=b; Secure; Path=/; Partitioned', '__Secure-w23=b; Secure; Domain=site-a.test',
            '__HOST-w24=b; Secure; Path=/', 'w\u00e925=b', '\u00e9=\u00e9', 'w26=b; Domain=localhost', 'w27', 'w28=b; Path=' + '/p'.repeat(600),
          ]),
        ),
      req: { url: S(A2, '/rawa'), credentials: 'include' },
    },
    { name: 'z-combos-https', page: pageA, setup: (s) => s.route('/rz', raw(originA, COMBOS)), req: { url: S(B, '/rz'), credentials: 'include' } },
    { name: 'z-combos-http', page: H(A, '/page'), setup: (s) => s.route('/rzh', raw(server.origin(A), COMBOS)), req: { url: H(B, '/rzh'), credentials: 'include' } },
  ];
}
