/** Every named conformance scenario, by theme. */
import type { Scenario } from '../scenario.ts';
import cookies from './cookies.ts';
import headersExposed from './headers-exposed.ts';
import localNetwork from './local-network.ts';
import networkFailures from './network-failures.ts';
import noCors from './no-cors.ts';
import originCheck from './origin-check.ts';
import preflight from './preflight.ts';
import preflightResponse from './preflight-response.ts';
import randomFound from './random-found.ts';
import redirects from './redirects.ts';
import simple from './simple.ts';
import xhr from './xhr.ts';

export const SCENARIOS: Scenario[] = [
  ...simple,
  ...preflight,
  ...preflightResponse,
  ...originCheck,
  ...redirects,
  ...headersExposed,
  ...xhr,
  ...noCors,
  ...networkFailures,
  ...cookies,
  ...localNetwork,
  ...randomFound,
];

const ids = new Set<string>();
for (const s of SCENARIOS) {
  if (ids.has(s.id)) throw new Error(`Duplicate conformance scenario id: ${s.id}`);
  ids.add(s.id);
}
