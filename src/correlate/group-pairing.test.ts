import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { GroupPairing } from './group-pairing.ts';
import { pairPreflights, type HopFacts, type PreflightFacts } from './pairing.ts';

const URL_ = 'https://api.b.test/poll';
const ORIGIN = 'https://app.a.test';

/** Times drawn from a small range so that windows overlap and preflights compete for hops. */
const time = fc.option(fc.integer({ min: 0, max: 60 }), { nil: undefined, freq: 12 });
const names = fc.subarray(['x-a', 'x-b']);

const preflight = (key: string) =>
  fc.record({ startedAt: time, duration: fc.option(fc.integer({ min: 0, max: 20 }), { nil: undefined }), asked: names }).map(({ startedAt, duration, asked }): PreflightFacts => {
    const p: PreflightFacts = {
      key,
      scope: '1',
      url: URL_,
      headers: [
        { name: 'Access-Control-Request-Method', value: 'PUT' },
        ...(asked.length ? [{ name: 'Access-Control-Request-Headers', value: asked.join(',') }] : []),
        { name: 'Origin', value: ORIGIN },
      ],
    };
    if (startedAt !== undefined) p.startedAt = startedAt;
    if (startedAt !== undefined && duration !== undefined) p.endedAt = startedAt + duration;
    return p;
  });

const hop = (key: string) =>
  fc
    .record({
      startedAt: time,
      sendDelay: fc.option(fc.integer({ min: 0, max: 30 }), { nil: undefined }),
      endDelay: fc.option(fc.integer({ min: 0, max: 40 }), { nil: undefined }),
      carried: fc.option(names, { nil: undefined }),
      origin: fc.constantFrom<string[] | undefined>([ORIGIN], ['null'], undefined),
    })
    .map(({ startedAt, sendDelay, endDelay, carried, origin }): HopFacts => {
      const h: HopFacts = { key, scope: '1', url: URL_, method: 'PUT' };
      if (origin) h.origins = origin;
      if (carried) h.headerNames = new Set(carried);
      if (startedAt !== undefined) {
        h.startedAt = startedAt;
        if (sendDelay !== undefined) h.sentAt = startedAt + sendDelay;
        if (endDelay !== undefined) h.endedAt = startedAt + (sendDelay ?? 0) + endDelay;
      }
      return h;
    });

type Op =
  | { kind: 'set-preflight'; p: PreflightFacts }
  | { kind: 'delete-preflight'; key: string }
  | { kind: 'set-hop'; h: HopFacts }
  | { kind: 'delete-hop'; key: string }
  | { kind: 'commit' };

const keys = (prefix: string) => fc.integer({ min: 0, max: 11 }).map((i) => `${prefix}${i}`);
const op: fc.Arbitrary<Op> = fc.oneof(
  { weight: 4, arbitrary: keys('p').chain((k) => preflight(k)).map((p) => ({ kind: 'set-preflight' as const, p })) },
  { weight: 1, arbitrary: keys('p').map((key) => ({ kind: 'delete-preflight' as const, key })) },
  { weight: 4, arbitrary: keys('h').chain((k) => hop(k)).map((h) => ({ kind: 'set-hop' as const, h })) },
  { weight: 1, arbitrary: keys('h').map((key) => ({ kind: 'delete-hop' as const, key })) },
  { weight: 3, arbitrary: fc.constant({ kind: 'commit' as const }) },
);

describe('GroupPairing', () => {
  it('pairs as pairPreflights does on what the group holds, after any history of changes and commits', () => {
    fc.assert(
      fc.property(fc.array(op, { minLength: 1, maxLength: 80 }), (ops) => {
        const g = new GroupPairing();
        const preflights = new Map<string, PreflightFacts>();
        const hops = new Map<string, HopFacts>();
        // What the reported changes say the pairing is: must stay equal to the real one.
        const followed = new Map<string, string>();
        for (const o of [...ops, { kind: 'commit' } as Op]) {
          if (o.kind === 'set-preflight') (g.setPreflight(o.p), preflights.set(o.p.key, o.p));
          else if (o.kind === 'delete-preflight') (g.deletePreflight(o.key), preflights.delete(o.key));
          else if (o.kind === 'set-hop') (g.setHop(o.h), hops.set(o.h.key, o.h));
          else if (o.kind === 'delete-hop') (g.deleteHop(o.key), hops.delete(o.key));
          else {
            for (const c of g.commit()) {
              expect(followed.get(c.hop)).toBe(c.before);
              if (c.after === undefined) followed.delete(c.hop);
              else followed.set(c.hop, c.after);
            }
            const expected = new Map([...pairPreflights([...preflights.values()], [...hops.values()])].map(([p, h]) => [h, p]));
            const actual = new Map([...hops.keys()].flatMap((h) => (g.preflightOf(h) === undefined ? [] : [[h, g.preflightOf(h)!] as const])));
            expect(actual).toEqual(expected);
            expect(followed).toEqual(expected);
          }
        }
      }),
      { numRuns: 400 },
    );
  });

  it('redoes only what a change can affect: a new request at the end does not revisit the earlier ones', () => {
    const g = new GroupPairing();
    const p = (i: number): PreflightFacts => ({ key: `p${i}`, scope: '1', url: URL_, headers: [{ name: 'Access-Control-Request-Method', value: 'PUT' }], startedAt: i * 100 + 1, endedAt: i * 100 + 5 });
    const h = (i: number): HopFacts => ({ key: `h${i}`, scope: '1', url: URL_, method: 'PUT', startedAt: i * 100, sentAt: i * 100 + 6, endedAt: i * 100 + 20 });
    for (let i = 0; i < 1000; i++) (g.setPreflight(p(i)), g.setHop(h(i)));
    expect(g.commit()).toHaveLength(1000);
    g.setHop(h(1000));
    g.setPreflight(p(1000));
    // The earlier pairs are settled: only the new hop's pairing is reported.
    expect(g.commit()).toEqual([{ hop: 'h1000', before: undefined, after: 'p1000' }]);
    // And the work was that of one preflight, not of all of them.
    let calls = 0;
    const spy = g as unknown as { optionsOf: (p: PreflightFacts) => HopFacts[] };
    const original = spy.optionsOf.bind(g);
    spy.optionsOf = (x) => (calls++, original(x));
    g.setPreflight({ ...p(1000), endedAt: p(1000).endedAt! + 1 });
    expect(g.commit()).toEqual([]);
    expect(calls).toBe(1);
  });
});
