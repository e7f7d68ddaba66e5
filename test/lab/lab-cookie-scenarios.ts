/**
 * Lab scenarios about cookies on cross-origin requests: the request works, but the browser refuses
 * a cookie a response sets. Included in LAB_SCENARIOS (lab-scenarios.ts).
 *
 * The request goes to a same-site API over a redirect whose response stores a first cookie, so that
 * the next hop carries it: a capture cannot see a request's credentials mode, and cookies on the
 * wire are how it tells a credentialed request.
 */
import type { LabScenario } from './lab-scenarios.ts';

// SAME_SITE_API of lab-scenarios.ts; not imported from there, because that module imports this one.
const API = 'api.site-a.test';

const allow = (headers: [string, string][]): [string, string][] => {
  const origin = headers.find(([k]) => k.toLowerCase() === 'origin')?.[1];
  return [...(origin ? ([['Access-Control-Allow-Origin', origin]] as [string, string][]) : []), ['Access-Control-Allow-Credentials', 'true'], ['Vary', 'Origin']];
};

export const LAB_COOKIE_SCENARIOS: LabScenario[] = [
  {
    id: 'cookie-samesite-none-insecure',
    title: 'Credentialed fetch whose response sets SameSite=None without Secure: readable, but that cookie is refused',
    expect: 'works',
    install: (s) => {
      s.route('/lab/cookie-start', {
        actual: (req) => ({
          status: 302,
          headers: [...allow(req.headers), ['Set-Cookie', 'lab_id=1; Path=/'], ['Location', '/lab/cookie-end']],
        }),
      });
      s.route('/lab/cookie-end', {
        actual: (req) => ({
          headers: [...allow(req.headers), ['Set-Cookie', 'lab_pref=dark; Path=/; SameSite=None']],
          body: 'signed in',
        }),
      });
    },
    request: (s) => ({ via: 'fetch', url: s.url(API, '/lab/cookie-start'), credentials: 'include' }),
  },
];
