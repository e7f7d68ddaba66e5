/**
 * One manifest source (manifest.json at the root); the build derives each browser's variant.
 * Chrome runs the background as a service worker; Firefox as background scripts (an event page)
 * and wants its gecko settings. Nothing else differs.
 */
import type { ManifestV3Export } from '@crxjs/vite-plugin';
import source from '../manifest.json' with { type: 'json' };
import pkg from '../package.json' with { type: 'json' };

export type Target = 'chrome' | 'firefox';

export function manifestFor(target: Target): ManifestV3Export {
  const { background, browser_specific_settings, minimum_chrome_version, ...common } = source;
  const base = { ...common, version: pkg.version };
  if (target === 'chrome') {
    return { ...base, minimum_chrome_version, background } as ManifestV3Export;
  }
  return {
    ...base,
    background: { scripts: [background.service_worker], type: 'module' },
    browser_specific_settings,
  } as unknown as ManifestV3Export;
}
