import { describe, expect, it } from 'vitest';
import { ownValue } from './own-key.ts';

describe('ownValue', () => {
  const table = { accept: 1, pragma: 2 };
  it('finds the own keys', () => {
    expect(ownValue(table, 'accept')).toBe(1);
    expect(ownValue(table, 'pragma')).toBe(2);
  });
  it('finds nothing for the keys of Object.prototype', () => {
    for (const key of ['__proto__', 'constructor', 'toString', 'hasOwnProperty', 'valueOf', 'missing']) {
      expect(ownValue(table, key)).toBeUndefined();
    }
  });
});
