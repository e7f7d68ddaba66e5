import { describe, expect, it } from 'vitest';
import { runningIn } from './browser-name.ts';

describe('runningIn', () => {
  it('tells Firefox from Chromium by the user agent', () => {
    expect(runningIn('Mozilla/5.0 (X11; Linux x86_64; rv:153.0) Gecko/20100101 Firefox/153.0')).toBe('firefox');
    expect(runningIn('Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/156.0.0.0 Safari/537.36')).toBe('chrome');
  });
});
