/**
 * The demo lab's requests: a page at app.site-a.test calling APIs on other origins, some working,
 * some broken in the ways developers meet most. Each scenario installs its routes and says what the
 * page does; the page runs it with the shared page runner.
 */
import type { PageRequestSpec } from './page-runner.ts';
import type { LabServer } from './server.ts';
import { LAB_COOKIE_SCENARIOS } from './lab-cookie-scenarios.ts';

export const PAGE_HOST = 'app.site-a.test';
export const SAME_SITE_API = 'api.site-a.test';
export const CROSS_SITE_API = 'api.site-b.test';
export const OTHER_SITE_API = 'api.site-c.test';

export interface LabScenario {
  id: string;
  title: string;
  /** What the browser does with it. */
  expect: 'works' | 'blocked';
  /** Routes this scenario needs. */
  install(server: LabServer, pageOrigin: string): void;
  /** The request the page makes. */
  request(server: LabServer): PageRequestSpec;
}

const reflect = (origin: string | undefined): [string, string][] =>
  origin ? [['Access-Control-Allow-Origin', origin]] : [];
const originOf = (headers: [string, string][]) => headers.find(([k]) => k.toLowerCase() === 'origin')?.[1];

export const LAB_SCENARIOS: LabScenario[] = [
  {
    id: 'simple-get-no-acao',
    title: 'Simple GET, server sends no Access-Control-Allow-Origin',
    expect: 'blocked',
    install: (s) => s.route('/lab/no-acao', { actual: { headers: [['Content-Type', 'application/json']], body: '{"ok":true}' } }),
    request: (s) => ({ via: 'fetch', url: s.url(CROSS_SITE_API, '/lab/no-acao') }),
  },
  {
    id: 'put-custom-header-refused',
    title: 'PUT with X-Api-Key: the preflight does not allow the header',
    expect: 'blocked',
    install: (s, pageOrigin) =>
      s.route('/lab/put-refused', {
        preflight: {
          status: 204,
          headers: [
            ['Access-Control-Allow-Origin', pageOrigin],
            ['Access-Control-Allow-Methods', 'GET, POST, PUT'],
          ],
        },
        actual: { headers: [['Access-Control-Allow-Origin', pageOrigin]], body: 'saved' },
      }),
    request: (s) => ({
      via: 'fetch',
      url: s.url(CROSS_SITE_API, '/lab/put-refused'),
      method: 'PUT',
      headers: [
        ['Content-Type', 'application/json'],
        ['X-Api-Key', 'lab-key'],
      ],
      body: '{"name":"lab"}',
    }),
  },
  {
    id: 'credentialed-wildcard',
    title: 'fetch with credentials: "include", answered with Access-Control-Allow-Origin: *',
    expect: 'blocked',
    install: (s) =>
      s.route('/lab/wildcard', {
        actual: { headers: [['Access-Control-Allow-Origin', '*'], ['Content-Type', 'application/json']], body: '{}' },
      }),
    request: (s) => ({ via: 'fetch', url: s.url(CROSS_SITE_API, '/lab/wildcard'), credentials: 'include' }),
  },
  {
    id: 'cross-origin-redirect',
    title: 'Redirect to another origin: the next hop sends Origin: null and the API allows only the page',
    expect: 'blocked',
    install: (s, pageOrigin) => {
      s.route('/lab/redirect-start', {
        actual: {
          status: 302,
          headers: [
            ['Access-Control-Allow-Origin', pageOrigin],
            ['Location', s.url(OTHER_SITE_API, '/lab/redirect-end')],
          ],
        },
      });
      s.route('/lab/redirect-end', { actual: { headers: [['Access-Control-Allow-Origin', pageOrigin]], body: 'end' } });
    },
    request: (s) => ({ via: 'fetch', url: s.url(CROSS_SITE_API, '/lab/redirect-start') }),
  },
  {
    id: 'xhr-acao-mismatch',
    title: 'XMLHttpRequest: Access-Control-Allow-Origin names another origin',
    expect: 'blocked',
    install: (s) =>
      s.route('/lab/mismatch', { actual: { headers: [['Access-Control-Allow-Origin', 'https://app.site-a.test']], body: 'x' } }),
    request: (s) => ({ via: 'xhr', url: s.url(CROSS_SITE_API, '/lab/mismatch') }),
  },
  {
    id: 'simple-get-wildcard',
    title: 'Simple GET answered with Access-Control-Allow-Origin: *',
    expect: 'works',
    install: (s) =>
      s.route('/lab/public', {
        actual: { headers: [['Access-Control-Allow-Origin', '*'], ['Content-Type', 'application/json'], ['X-Request-Id', 'r-1']], body: '{}' },
      }),
    request: (s) => ({ via: 'fetch', url: s.url(CROSS_SITE_API, '/lab/public') }),
  },
  {
    id: 'put-allowed',
    title: 'PUT with X-Api-Key, allowed by the preflight',
    expect: 'works',
    install: (s, pageOrigin) =>
      s.route('/lab/put-allowed', {
        preflight: {
          status: 204,
          headers: [
            ['Access-Control-Allow-Origin', pageOrigin],
            ['Access-Control-Allow-Methods', 'GET, PUT'],
            ['Access-Control-Allow-Headers', 'Content-Type, X-Api-Key'],
            ['Access-Control-Max-Age', '0'],
            ['Vary', 'Origin'],
          ],
        },
        actual: { headers: [['Access-Control-Allow-Origin', pageOrigin], ['Vary', 'Origin']], body: 'saved' },
      }),
    request: (s) => ({
      via: 'fetch',
      url: s.url(SAME_SITE_API, '/lab/put-allowed'),
      method: 'PUT',
      headers: [
        ['Content-Type', 'application/json'],
        ['X-Api-Key', 'lab-key'],
      ],
      body: '{"name":"lab"}',
    }),
  },
  {
    id: 'credentialed-allowed',
    title: 'Credentialed fetch with the exact origin and Access-Control-Allow-Credentials: true',
    expect: 'works',
    install: (s) =>
      s.route('/lab/credentialed', {
        actual: (req) => ({
          headers: [...reflect(originOf(req.headers)), ['Access-Control-Allow-Credentials', 'true'], ['Vary', 'Origin']],
          body: 'hello',
        }),
      }),
    request: (s) => ({ via: 'fetch', url: s.url(SAME_SITE_API, '/lab/credentialed'), credentials: 'include' }),
  },
  {
    id: 'same-origin',
    title: 'Same-origin GET (CORS does not apply)',
    expect: 'works',
    install: (s) => s.route('/lab/same-origin', { actual: { body: 'same' } }),
    request: (s) => ({ via: 'fetch', url: s.url(PAGE_HOST, '/lab/same-origin') }),
  },
  ...LAB_COOKIE_SCENARIOS,
];

export function labPageHtml(server: LabServer, runnerSource: string): string {
  const specs = Object.fromEntries(LAB_SCENARIOS.map((sc) => [sc.id, sc.request(server)]));
  const rows = LAB_SCENARIOS.map(
    (sc) =>
      `<li class="${sc.expect}"><button type="button" data-scenario="${sc.id}">Run</button> <span class="badge">${sc.expect}</span> ${escapeHtml(sc.title)} <output id="out-${sc.id}"></output></li>`,
  ).join('\n');
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>cors-lens lab</title>
<style>
body{font:14px system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem}
li{margin:.4rem 0;list-style:none}.badge{display:inline-block;min-width:4.5rem;font-size:12px;padding:1px 6px;border-radius:8px;text-align:center}
.works .badge{background:#e6f4ea;color:#137333}.blocked .badge{background:#fce8e6;color:#a50e0e}output{color:#555;margin-left:.5rem}
</style></head><body>
<h1>cors-lens lab</h1>
<p>This page is <code>${escapeHtml(server.origin(PAGE_HOST))}</code>. Each button makes one cross-origin request. Open DevTools → <b>CORS</b> to see why each one works or fails.</p>
<p><button type="button" id="run-all">Run all</button></p>
<ul>${rows}</ul>
<script>${runnerSource}
const SPECS = ${JSON.stringify(specs)};
window.labRun = async (id) => {
  const r = await window.corsLensRun(SPECS[id]);
  document.getElementById('out-' + id).textContent = r.ok ? 'status ' + r.status : 'failed: ' + r.error;
  return r;
};
window.labRunAll = async () => { for (const id of Object.keys(SPECS)) await window.labRun(id); };
document.addEventListener('click', (e) => {
  const id = e.target && e.target.dataset && e.target.dataset.scenario;
  if (id) window.labRun(id);
  if (e.target && e.target.id === 'run-all') window.labRunAll();
});
</script></body></html>`;
}

function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** Installs the lab: its page at / on every host and every scenario's routes. */
export function installLab(server: LabServer, runnerSource: string): void {
  const pageOrigin = server.origin(PAGE_HOST);
  for (const sc of LAB_SCENARIOS) sc.install(server, pageOrigin);
  server.page('/', labPageHtml(server, runnerSource));
}
