import { describe, expect, it } from 'vitest';
import { compatible, pairPreflights, type HopFacts, type PreflightFacts } from './pairing.ts';

const URL_ = 'https://api.b.test/x';
const pre = (key: string, over: Partial<PreflightFacts> = {}): PreflightFacts => ({
  key,
  scope: '1',
  url: URL_,
  headers: [
    { name: 'Access-Control-Request-Method', value: 'PUT' },
    { name: 'Access-Control-Request-Headers', value: 'x-api-key' },
    { name: 'Origin', value: 'https://app.a.test' },
  ],
  ...over,
});
const hop = (key: string, over: Partial<HopFacts> = {}): HopFacts => ({
  key,
  scope: '1',
  url: URL_,
  method: 'PUT',
  origins: ['https://app.a.test'],
  headerNames: new Set(['x-api-key', 'content-type']),
  ...over,
});

describe('compatible', () => {
  it('needs the same tab, URL, method, Origin and every requested header', () => {
    expect(compatible(pre('p'), hop('h'))).toBe(true);
    expect(compatible(pre('p'), hop('h', { scope: '2' }))).toBe(false);
    expect(compatible(pre('p'), hop('h', { url: `${URL_}?q` }))).toBe(false);
    expect(compatible(pre('p'), hop('h', { method: 'DELETE' }))).toBe(false);
    expect(compatible(pre('p'), hop('h', { origins: ['null'] }))).toBe(false);
    expect(compatible(pre('p'), hop('h', { headerNames: new Set(['content-type']) }))).toBe(false);
  });
  it('accepts a hop whose headers or Origin are unknown (never sent)', () => {
    expect(compatible(pre('p'), hop('h', { headerNames: undefined, origins: undefined }))).toBe(true);
  });
  it('rejects a hop sent before the preflight started or ended', () => {
    expect(compatible(pre('p', { startedAt: 20 }), hop('h', { startedAt: 10, sentAt: 15 }))).toBe(false);
    expect(compatible(pre('p', { startedAt: 12, endedAt: 30 }), hop('h', { startedAt: 10, sentAt: 25 }))).toBe(false);
    expect(compatible(pre('p', { startedAt: 12, endedAt: 20 }), hop('h', { startedAt: 10, sentAt: 25 }))).toBe(true);
  });
  it('rejects a preflight that started before its hop', () => {
    expect(compatible(pre('p', { startedAt: 5 }), hop('h', { startedAt: 10 }))).toBe(false);
  });
});

describe('pairPreflights', () => {
  it('pairs identical concurrent requests first come, first served', () => {
    const pairs = pairPreflights([pre('p2', { startedAt: 4 }), pre('p1', { startedAt: 3 })], [hop('b', { startedAt: 2 }), hop('a', { startedAt: 1 })]);
    expect([...pairs].sort()).toEqual([
      ['p1', 'a'],
      ['p2', 'b'],
    ]);
  });
  it('follows timing over order: each hop gets the preflight that ended before it was sent', () => {
    const pairs = pairPreflights(
      [pre('p1', { startedAt: 3, endedAt: 30 }), pre('p2', { startedAt: 4, endedAt: 20 })],
      [hop('a', { startedAt: 1, sentAt: 25 }), hop('b', { startedAt: 2, sentAt: 35 })],
    );
    expect(pairs.get('p2')).toBe('a');
    expect(pairs.get('p1')).toBe('b');
  });
  it('leaves a hop sent before any preflight (a preflight-cache hit) without one', () => {
    const pairs = pairPreflights([pre('p', { startedAt: 12, endedAt: 14 })], [hop('cached', { startedAt: 10, sentAt: 11 }), hop('b', { startedAt: 11, sentAt: 15 })]);
    expect([...pairs]).toEqual([['p', 'b']]);
  });
  it('finds a pairing for everyone when the first choice would block another', () => {
    const pairs = pairPreflights(
      [pre('p1', { startedAt: 5 }), pre('p2', { startedAt: 6 })],
      [hop('a', { startedAt: 1 }), hop('b', { startedAt: 2, headerNames: new Set(['content-type']) })],
    );
    // p1 and p2 both ask for x-api-key: only `a` carried it; one preflight stays unpaired.
    expect(pairs.size).toBe(1);
    const more = pairPreflights(
      [pre('p1', { startedAt: 5 }), pre('p2', { startedAt: 6, headers: [{ name: 'Access-Control-Request-Method', value: 'PUT' }] })],
      [hop('a', { startedAt: 1 }), hop('b', { startedAt: 2, headerNames: new Set() })],
    );
    // p2 asks for no header, so it fits both; p1 fits only `a`: the matching gives `a` to p1.
    expect(more.get('p1')).toBe('a');
    expect(more.get('p2')).toBe('b');
  });
});

describe('pairing by outcome', () => {
  it('never gives a hop the server answered a preflight that failed (not 2xx, or a network error)', () => {
    expect(compatible(pre('p', { failed: true }), hop('h', { answered: true }))).toBe(false);
    expect(compatible(pre('p', { failed: true }), hop('h'))).toBe(true);
    // Two identical PUTs in the same millisecond, one preflight refused: the refused one is the unanswered PUT's.
    const pairs = pairPreflights([pre('p1', { startedAt: 0, failed: true }), pre('p2', { startedAt: 0 })], [hop('a', { startedAt: 0, answered: true }), hop('b', { startedAt: 0 })]);
    expect(Object.fromEntries(pairs)).toEqual({ p1: 'b', p2: 'a' });
  });
});
