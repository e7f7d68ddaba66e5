/**
 * One manifest source (manifest.json at the root); the build derives each browser's variant.
 * Chrome runs the background as a service worker; Firefox as background scripts (an event page)
 * and wants its gecko settings. Nothing else differs — except in test builds, which add a content
 * script that lets a test read what the background captured (see extension/test-hooks/).
 */
import type { ManifestV3Export } from '@crxjs/vite-plugin';
import source from '../manifest.json' with { type: 'json' };
import pkg from '../package.json' with { type: 'json' };

export type Target = 'chrome' | 'firefox';

export function manifestFor(target: Target, opts: { testHooks?: boolean } = {}): ManifestV3Export {
  const { background, browser_specific_settings, minimum_chrome_version, ...common } = source;
  const base: Record<string, unknown> = { ...common, version: pkg.version };
  if (opts.testHooks) {
    // Only the lab's *.test hosts; Firefox never matches patterns that carry a port.
    base.content_scripts = [{ matches: ['*://*.test/*'], js: ['extension/test-hooks/relay.ts'], run_at: 'document_start' }];
  }
  if (target === 'chrome') {
    return { ...base, minimum_chrome_version, background } as unknown as ManifestV3Export;
  }
  return {
    ...base,
    background: { scripts: [background.service_worker], type: 'module' },
    browser_specific_settings,
  } as unknown as ManifestV3Export;
}
