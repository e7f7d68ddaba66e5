import { describe, expect, it } from 'vitest';
import { isoTime } from './time.ts';

describe('isoTime', () => {
  it('writes a timestamp a Date can hold', () => {
    expect(isoTime(0)).toBe('1970-01-01T00:00:00.000Z');
    expect(isoTime(8.64e15)).toBe('+275760-09-13T00:00:00.000Z');
    expect(isoTime(-8.64e15)).toBe('-271821-04-20T00:00:00.000Z');
  });
  it('gives null for one it cannot, instead of throwing', () => {
    for (const ms of [undefined, NaN, Infinity, -Infinity, 8.64e15 + 1, -8640000000000001]) expect(isoTime(ms)).toBeNull();
  });
});
