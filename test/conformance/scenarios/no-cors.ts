/** Request modes other than cors: no-cors (opaque responses) and same-origin. */
import { CROSS_SITE, defineScenarios, PAGE_HOST, THIRD_SITE } from '../scenario.ts';
import { ok, redirect } from './helpers.ts';

export default defineScenarios('no-cors', [
  {
    id: 'no-cors-get',
    title: 'no-cors GET without any CORS header: an opaque response, not an error',
    routes: () => ({ r: ok(['X-Secret', '1']) }),
    request: (e) => ({ via: 'fetch', url: e.at(CROSS_SITE, 'r'), mode: 'no-cors' }),
  },
  {
    id: 'no-cors-post',
    title: 'no-cors POST text/plain',
    routes: () => ({ r: ok() }),
    request: (e) => ({ via: 'fetch', url: e.at(CROSS_SITE, 'r'), mode: 'no-cors', method: 'POST', headers: [['Content-Type', 'text/plain']], body: 'x' }),
  },
  {
    id: 'no-cors-redirect',
    title: 'no-cors GET redirected to a third site',
    routes: (e) => ({ r: redirect(302, e.at(THIRD_SITE, 'end')), end: ok() }),
    request: (e) => ({ via: 'fetch', url: e.at(CROSS_SITE, 'r'), mode: 'no-cors' }),
  },
  {
    id: 'no-cors-credentials',
    title: 'no-cors GET with credentials: include',
    routes: () => ({ r: ok() }),
    request: (e) => ({ via: 'fetch', url: e.at(CROSS_SITE, 'r'), mode: 'no-cors', credentials: 'include' }),
  },
  {
    id: 'mode-same-origin-cross-origin',
    title: 'mode: "same-origin" to another origin',
    routes: () => ({ r: ok() }),
    request: (e) => ({ via: 'fetch', url: e.at(CROSS_SITE, 'r'), mode: 'same-origin' }),
  },
  {
    id: 'mode-same-origin-redirected-away',
    title: 'mode: "same-origin" to the page’s origin, redirected to another origin',
    routes: (e) => ({ r: redirect(302, e.at(CROSS_SITE, 'end')), end: ok() }),
    request: (e) => ({ via: 'fetch', url: e.at(PAGE_HOST, 'r'), mode: 'same-origin' }),
  },
  {
    id: 'no-cors-redirect-mode-manual',
    title: 'no-cors with redirect: "manual"',
    routes: (e) => ({ r: redirect(302, e.at(THIRD_SITE, 'end')), end: ok() }),
    request: (e) => ({ via: 'fetch', url: e.at(CROSS_SITE, 'r'), mode: 'no-cors', redirect: 'manual' }),
  },
]);
