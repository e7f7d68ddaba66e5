import { describe, expect, it } from 'vitest';
import { isSameSite, siteOf } from './site.ts';

describe('schemeful same-site with the public suffix list', () => {
  it('subdomains of one registrable domain are same-site', () => {
    expect(isSameSite('https://app.example.com', 'https://api.example.com/x')).toBe(true);
    expect(isSameSite('https://app.site-a.test', 'https://api.site-a.test')).toBe(true);
  });
  it('scheme matters (schemeful same-site)', () => {
    expect(isSameSite('http://example.com', 'https://example.com')).toBe(false);
  });
  it('private PSL entries make each subdomain its own site', () => {
    expect(isSameSite('https://alice.github.io', 'https://bob.github.io')).toBe(false);
    expect(siteOf('https://alice.github.io/x')?.host).toBe('alice.github.io');
  });
  it('multi-label public suffixes', () => {
    expect(isSameSite('https://a.example.co.uk', 'https://b.example.co.uk')).toBe(true);
    expect(isSameSite('https://a.example.co.uk', 'https://b.other.co.uk')).toBe(false);
  });
  it('IP addresses and localhost are their own site', () => {
    expect(isSameSite('http://127.0.0.1:3000', 'http://127.0.0.1:4000')).toBe(true);
    expect(isSameSite('http://127.0.0.1', 'http://127.0.0.2')).toBe(false);
    expect(isSameSite('http://localhost:3000', 'http://localhost:4000')).toBe(true);
    expect(siteOf('http://[::1]:80/')?.host).toBe('[::1]');
  });
  it('ws and wss count as http and https', () => {
    expect(isSameSite('https://a.example.com', 'wss://b.example.com')).toBe(true);
  });
  it('no site for opaque or unparseable', () => {
    expect(siteOf('data:,x')).toBeNull();
    expect(isSameSite('null', 'https://a.test')).toBe(false);
  });
});
