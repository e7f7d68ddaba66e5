import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { readJson, type WebRequestFixture } from '../../test/fixtures/load.ts';
import { flowsFromRecords } from '../correlate/webrequest.ts';
import type { EvaluationContext, Flow, StoredCookie } from '../model/index.ts';
import { buildFlow } from './flow-builder.ts';
import { analyzeFlows, evaluateAll, IncrementalAnalysis, IncrementalEvaluator } from './index.ts';

const NOW = Date.parse('2026-11-29T21:00:00Z');
const cookie = (over: Partial<StoredCookie>): StoredCookie => ({
  name: 'sid',
  value: '0',
  domain: 'api.b.test',
  hostOnly: true,
  path: '/',
  secure: true,
  httpOnly: false,
  sameSite: 'none',
  partitioned: false,
  ...over,
});
const CONTEXTS: [string, EvaluationContext][] = [
  ['empty jar', { browser: 'chrome', thirdPartyCookies: 'allowed', now: NOW }],
  // A jar handed in from outside: an expired cookie, a duplicate and an entry of the wrong shape.
  [
    'jar with an expired cookie and junk',
    {
      browser: 'chrome',
      thirdPartyCookies: 'blocked',
      now: NOW,
      cookieJar: [cookie({ name: 'old', expiresAt: NOW - 1000 }), cookie({ value: '1' }), cookie({ value: '2' }), { name: 1 } as unknown as StoredCookie],
    },
  ],
  ['Firefox', { browser: 'firefox', thirdPartyCookies: 'allowed', now: NOW }],
];

const recorded = (name: string) => flowsFromRecords(readJson<WebRequestFixture>(`webrequest/${name}.json`).records, { browser: { name: 'chrome' } });

/** Cookies set on one flow and sent on the next; one server granting two origins with credentials. */
function cookieFlows(): Flow[] {
  const grant = (origin: string, extra: [string, string][] = []) => ({
    requestHeaders: [['Origin', origin]] as [string, string][],
    headers: [['Access-Control-Allow-Origin', origin], ['Access-Control-Allow-Credentials', 'true'], ...extra] as [string, string][],
  });
  return [
    buildFlow({ url: 'https://api.b.test/login', credentials: 'include', origin: 'https://a.test' }, [grant('https://a.test', [['Set-Cookie', 'sid=1; SameSite=None; Secure']])], { id: 'c1', startedAt: 1 }),
    // A grant of a name reserved for examples: the evidence that api.b.test reflects any Origin.
    buildFlow({ url: 'https://api.b.test/me', credentials: 'include', origin: 'https://other.example' }, [grant('https://other.example')], { id: 'c2', startedAt: 2 }),
    buildFlow({ url: 'https://api.b.test/me', credentials: 'include', origin: 'https://a.test', headers: [['Cookie', 'sid=1']] }, [grant('https://a.test')], { id: 'c3', startedAt: 3 }),
    buildFlow({ url: 'https://api.b.test/logout', credentials: 'include', origin: 'https://a.test' }, [grant('https://a.test', [['Set-Cookie', 'sid=; Max-Age=0; SameSite=None; Secure']])], { id: 'c4', startedAt: 4 }),
    buildFlow({ url: 'https://api.b.test/me', credentials: 'include', origin: 'https://a.test' }, [grant('https://a.test')], { id: 'c5', startedAt: 5 }),
  ];
}

/** A changed copy of a flow (the correlator hands a new object when a flow changes). */
function mutated(flow: Flow, how: number): Flow {
  const f = structuredClone(flow);
  const last = f.hops.at(-1)!;
  switch (how % 5) {
    case 0:
      last.response = { status: 500, headers: [] };
      break;
    case 1: // drop or add a Set-Cookie
      if (last.response) {
        const had = last.response.headers.some((h) => h.name.toLowerCase() === 'set-cookie');
        last.response.headers = had
          ? last.response.headers.filter((h) => h.name.toLowerCase() !== 'set-cookie')
          : [...last.response.headers, { name: 'Set-Cookie', value: `n${how}=v; SameSite=None; Secure` }];
      }
      break;
    case 2:
      f.request.credentials = f.request.credentials === 'include' ? 'same-origin' : 'include';
      break;
    case 3: // grant another origin
      if (last.response) last.response.headers = last.response.headers.map((h) => (h.name.toLowerCase() === 'access-control-allow-origin' ? { ...h, value: 'https://third.test' } : h));
      break;
    default:
      delete last.response;
      last.sent = false;
  }
  return f;
}

const POOL: Flow[] = [...recorded('chromium-http'), ...recorded('chromium-https'), ...cookieFlows()];

type Step = { op: 'append' | 'insert' | 'delete' | 'mutate' | 'swap'; a: number; b: number };
const step: fc.Arbitrary<Step> = fc.record({ op: fc.constantFrom('append', 'insert', 'delete', 'mutate', 'swap'), a: fc.nat(), b: fc.nat() });

/** The next list, as live capture changes it: new flows, a flow changing, one evicted, starts reordering. */
function apply(list: Flow[], s: Step): Flow[] {
  const out = list.slice();
  const at = out.length ? s.a % out.length : 0;
  if (s.op === 'append' || out.length === 0) out.push(POOL[s.b % POOL.length]!);
  else if (s.op === 'insert') out.splice(at, 0, POOL[s.b % POOL.length]!);
  else if (s.op === 'delete') out.splice(at, 1);
  else if (s.op === 'mutate') out[at] = mutated(out[at]!, s.b);
  else if (at + 1 < out.length) [out[at], out[at + 1]] = [out[at + 1]!, out[at]!];
  return out;
}

describe('IncrementalEvaluator', () => {
  for (const [name, ctx] of CONTEXTS) {
    it(`equals evaluateAll after every change of a random history (${name})`, () => {
      fc.assert(
        fc.property(fc.array(fc.array(step, { minLength: 1, maxLength: 4 }), { minLength: 1, maxLength: 25 }), (updates) => {
          const inc = new IncrementalEvaluator(ctx);
          let list: Flow[] = [];
          for (const steps of updates) {
            list = steps.reduce(apply, list);
            expect(inc.update(list)).toEqual(evaluateAll(list, ctx));
          }
        }),
        { numRuns: 60 },
      );
    }, 120_000);
  }

  it('equals evaluateAll as a recorded list grows one flow at a time, and judges only the new flow', () => {
    const [, ctx] = CONTEXTS[0]!;
    for (const flows of [recorded('chromium-http'), recorded('chromium-https'), cookieFlows()]) {
      const inc = new IncrementalEvaluator(ctx);
      let before: ReturnType<typeof evaluateAll> = [];
      for (let n = 1; n <= flows.length; n++) {
        const after = inc.update(flows.slice(0, n));
        expect(after).toEqual(evaluateAll(flows.slice(0, n), ctx));
        expect(inc.judged).toBe(1);
        // The evaluations already there stay the same objects, unless the new flow added a reflection warning to them.
        const same = before.filter((e, i) => after[i] === e).length;
        const warned = after.slice(0, -1).filter((e, i) => e.warnings.length !== before[i]!.warnings.length).length;
        expect(same + warned).toBe(before.length);
        before = after;
      }
    }
  });

  it('judges again a changed flow, and the flows after it only when the cookie jar they receive changed', () => {
    const [, ctx] = CONTEXTS[0]!;
    const flows = cookieFlows();
    const inc = new IncrementalEvaluator(ctx);
    const first = inc.update(flows);
    // c2 sets no cookie: only c2 is judged again.
    const c2 = flows.map((f, i) => (i === 1 ? mutated(f, 0) : f));
    const second = inc.update(c2);
    expect(inc.judged).toBe(1);
    expect(second).toEqual(evaluateAll(c2, ctx));
    // c2 no longer grants another origin: the reflection warning leaves c1 and c3, and only that changes.
    expect(second[2]).not.toBe(first[2]);
    expect(second[2]).toEqual({ ...first[2], warnings: first[2]!.warnings.filter((w) => w.code !== 'ReflectedOriginWithCredentials') });
    // c1 no longer sets sid: c2, c3 and c4 receive another jar; c5 receives the same (c4 deletes sid).
    const c1 = c2.map((f, i) => (i === 0 ? mutated(f, 1) : f));
    expect(inc.update(c1)).toEqual(evaluateAll(c1, ctx));
    expect(inc.judged).toBe(4);
  });

  it('adds and withdraws the cross-flow reflection warning as grants come and go, without piling it up', () => {
    const [, ctx] = CONTEXTS[0]!;
    const inc = new IncrementalEvaluator(ctx);
    const count = (evs: ReturnType<typeof evaluateAll>) => evs.map((e) => e.warnings.filter((w) => w.code === 'ReflectedOriginWithCredentials').length);
    const flows = cookieFlows();
    expect(count(inc.update(flows.slice(0, 1)))).toEqual([0]);
    expect(count(inc.update(flows.slice(0, 2)))).toEqual([1, 1]);
    expect(inc.judged).toBe(1);
    expect(count(inc.update(flows))).toEqual(count(evaluateAll(flows, ctx)));
    expect(count(inc.update(flows))).toEqual(count(evaluateAll(flows, ctx)));
    expect(count(inc.update([flows[0]!, flows[2]!]))).toEqual([0, 0]);
  });
});

describe('IncrementalAnalysis', () => {
  for (const [name, ctx] of CONTEXTS) {
    it(`equals analyzeFlows (the CLI's path) after every change of a random history (${name})`, () => {
      fc.assert(
        fc.property(fc.array(fc.array(step, { minLength: 1, maxLength: 4 }), { minLength: 1, maxLength: 20 }), (updates) => {
          const inc = new IncrementalAnalysis(ctx);
          let list: Flow[] = [];
          for (const steps of updates) {
            list = steps.reduce(apply, list);
            expect(inc.update(list)).toEqual(analyzeFlows(list, ctx));
          }
        }),
        { numRuns: 40 },
      );
    }, 120_000);
  }

  it('reconciles a credentialed request answered with * (the browser failed what the guess allowed)', () => {
    const analyzed = new IncrementalAnalysis(CONTEXTS[0]![1]).update(recorded('chromium-http'));
    const wildcard = analyzed.find((a) => a.flow.request.url.endsWith('/lab/wildcard'))!;
    expect(wildcard.flow.request.credentials).toBe('include');
    expect(wildcard.evaluation.verdict).toBe('blocked');
    expect(wildcard.evaluation.error?.code).toBe('WildcardOriginNotAllowed');
  });

  it('judges a new flow once even while a reconciled flow makes it evaluate the list twice', () => {
    const flows = recorded('chromium-http');
    const inc = new IncrementalAnalysis(CONTEXTS[0]![1]);
    inc.update(flows.slice(0, -1));
    inc.update(flows);
    expect(inc.judged).toBe(1);
  });
});
