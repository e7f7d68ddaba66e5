import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FIXTURES } from '../../test/fixtures/load.ts';
import { run } from './main.ts';

describe('cors-lens exit status', () => {
  it('exits 3, not 2 (unreadable input), on an internal error, and says it is a bug', async () => {
    const err: string[] = [];
    const code = await run(['analyze', '--format', 'json', resolve(FIXTURES, 'har/chromium-http.har')], {
      stdout: () => {
        throw new RangeError('Invalid string length');
      },
      stderr: (t) => void err.push(t),
      isTTY: false,
      env: {},
    });
    expect(code).toBe(3);
    expect(err.join('')).toMatch(/internal error \(a bug in cors-lens, not a problem with the input/);
  });
});
