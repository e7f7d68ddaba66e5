import { describe, expect, it } from 'vitest';
import { addressSpaceOf, isMorePrivate } from './address-space.ts';

describe('address spaces (Local Network Access)', () => {
  it('classifies IPs', () => {
    expect(addressSpaceOf('127.0.0.1')).toBe('loopback');
    expect(addressSpaceOf('::1')).toBe('loopback');
    expect(addressSpaceOf('[::1]')).toBe('loopback');
    expect(addressSpaceOf('10.1.2.3')).toBe('local');
    expect(addressSpaceOf('192.168.0.10')).toBe('local');
    expect(addressSpaceOf('172.16.0.1')).toBe('local');
    expect(addressSpaceOf('169.254.1.1')).toBe('local');
    expect(addressSpaceOf('fd00::1')).toBe('local');
    expect(addressSpaceOf('8.8.8.8')).toBe('public');
    expect(addressSpaceOf('::ffff:127.0.0.1')).toBe('loopback');
    expect(addressSpaceOf('nope')).toBeNull();
    expect(addressSpaceOf(undefined)).toBeNull();
  });
  it('orders public < local < loopback', () => {
    expect(isMorePrivate('loopback', 'public')).toBe(true);
    expect(isMorePrivate('local', 'public')).toBe(true);
    expect(isMorePrivate('loopback', 'local')).toBe(true);
    expect(isMorePrivate('public', 'local')).toBe(false);
    expect(isMorePrivate('local', 'local')).toBe(false);
  });
});
