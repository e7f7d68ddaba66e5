/**
 * The script a lab page runs to make one request the way a web page would, and to report what
 * its JavaScript could see. Shared by the demo lab, the end-to-end tests and the conformance suite.
 */

export interface PageRequestSpec {
  via: 'fetch' | 'xhr';
  url: string;
  method?: string;
  headers?: [string, string][];
  /** fetch's credentials mode; for XHR, `include` sets withCredentials. */
  credentials?: 'omit' | 'same-origin' | 'include';
  mode?: 'cors' | 'no-cors' | 'same-origin';
  body?: string;
  /** fetch's redirect mode. */
  redirect?: 'follow' | 'error' | 'manual';
}

export interface PageResult {
  ok: boolean;
  status: number;
  type?: string;
  /** Lower-case names, as response.headers.keys() lists them (XHR: getAllResponseHeaders()). */
  readableHeaders: string[];
  /** The error's message when the request failed (TypeError: Failed to fetch…). */
  error?: string;
}

/** Source of `window.corsLensRun(spec) → Promise<PageResult>`; never throws. */
export const PAGE_RUNNER_SOURCE = String.raw`
window.corsLensRun = async function corsLensRun(spec) {
  if (spec.via === 'xhr') {
    return new Promise((resolve) => {
      const xhr = new XMLHttpRequest();
      xhr.open(spec.method || 'GET', spec.url);
      if (spec.credentials === 'include') xhr.withCredentials = true;
      for (const [k, v] of spec.headers || []) xhr.setRequestHeader(k, v);
      xhr.onload = () => {
        const names = xhr.getAllResponseHeaders().trim().split(/\r?\n/).filter(Boolean)
          .map((l) => l.slice(0, l.indexOf(':')).trim().toLowerCase());
        resolve({ ok: true, status: xhr.status, readableHeaders: [...new Set(names)].sort() });
      };
      xhr.onerror = () => resolve({ ok: false, status: xhr.status, readableHeaders: [], error: 'XMLHttpRequest error' });
      xhr.send(spec.body === undefined ? null : spec.body);
    });
  }
  try {
    const init = { method: spec.method || 'GET', headers: spec.headers || [] };
    if (spec.credentials) init.credentials = spec.credentials;
    if (spec.mode) init.mode = spec.mode;
    if (spec.redirect) init.redirect = spec.redirect;
    if (spec.body !== undefined) init.body = spec.body;
    const res = await fetch(spec.url, init);
    await res.text().catch(() => '');
    return { ok: true, status: res.status, type: res.type, readableHeaders: [...new Set([...res.headers.keys()])].sort() };
  } catch (e) {
    return { ok: false, status: 0, readableHeaders: [], error: String(e && e.message || e) };
  }
};
`;
