import { describe, expect, it } from 'vitest';
import manifest from '../../manifest.json' with { type: 'json' };
import { CAPTURE_URLS } from './capture-urls.ts';

describe('host permissions', () => {
  it('ask for exactly the URLs capture listens to (no <all_urls>)', () => {
    expect(manifest.host_permissions).toEqual(CAPTURE_URLS);
  });
});
