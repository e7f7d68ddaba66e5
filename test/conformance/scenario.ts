/**
 * A conformance scenario is data: which page makes which request, and what the lab server answers
 * on each path. URLs depend on the lab server's ports, so a scenario receives a `ScenarioEnv` that
 * builds them; every route lives under `/c/<scenario id>/` so that no two scenarios share a URL
 * (Chromium's preflight cache is keyed by URL).
 */
import type { PageRequestSpec } from '../lab/page-runner.ts';
import type { ResponseSpec, RouteSpec } from '../lab/server.ts';

/** The page makes its request from here (default: http://app.site-a.test). */
export interface PageSpec {
  host?: string;
  secure?: boolean;
  /**
   * `public`: the page is served by the second lab server, whose ports Chromium is told are in the
   * public address space (`--ip-address-space-overrides`), so requests to the main server cross
   * into `loopback` (Local Network Access).
   */
  addressSpace?: 'loopback' | 'public';
}

/** Cookies planted before the request by a top-level navigation to `host` that answers these Set-Cookie lines. */
export interface PlantSpec {
  host: string;
  secure?: boolean;
  setCookies: string[];
}

export interface ScenarioEnv {
  /** Serialized origin of a lab host, e.g. `http://api.site-b.test:4280`. */
  origin(host: string, secure?: boolean): string;
  /** Absolute URL of this scenario's route `name` on `host`. */
  at(host: string, name: string, secure?: boolean): string;
  /** Origin of the page making the request. */
  pageOrigin: string;
  /** An http URL on loopback where nothing listens (connection refused). */
  refusedUrl(name: string): string;
}

export interface Scenario {
  /** Unique, kebab-case; also the recording's file name. */
  id: string;
  theme: string;
  title: string;
  page?: PageSpec;
  /** As the browser is launched; default `allowed` (a desktop user's default). */
  thirdPartyCookies?: 'allowed' | 'blocked';
  plant?: PlantSpec[];
  /** Routes by name (relative to the scenario's path prefix); a bare ResponseSpec answers every non-preflight request. */
  routes(env: ScenarioEnv): Record<string, RouteSpec | ResponseSpec>;
  request(env: ScenarioEnv): PageRequestSpec;
  /**
   * fetch()'s `targetAddressSpace` option (Chromium only): the recorder's page passes it to fetch,
   * and the recording keeps it in `request`. Firefox has no such option: such scenarios are Chromium's.
   */
  targetAddressSpace?: 'local' | 'loopback' | 'public';
}

/** The request as recorded: the page runner's spec, and the fetch option the runner itself does not pass. */
export type RecordedRequestSpec = PageRequestSpec & { targetAddressSpace?: 'local' | 'loopback' | 'public' };

/**
 * Wraps the page runner so that a spec's `targetAddressSpace` reaches fetch() (the runner in
 * test/lab passes only the options it knows).
 */
export const TARGET_ADDRESS_SPACE_SHIM = String.raw`
(() => {
  const run = window.corsLensRun;
  window.corsLensRun = async function (spec) {
    if (!spec.targetAddressSpace) return run(spec);
    const original = window.fetch;
    window.fetch = (input, init) => original(input, { ...(init || {}), targetAddressSpace: spec.targetAddressSpace });
    try {
      return await run(spec);
    } finally {
      window.fetch = original;
    }
  };
})();
`;

export const PAGE_HOST = 'app.site-a.test';
/** Same site as the page, another origin. */
export const SAME_SITE = 'api.site-a.test';
/** Another site. */
export const CROSS_SITE = 'api.site-b.test';
/** A third site, for redirects. */
export const THIRD_SITE = 'api.site-c.test';

export function toRoute(spec: RouteSpec | ResponseSpec): RouteSpec {
  return 'actual' in spec ? spec : { actual: spec };
}

/** Path prefix of a scenario's routes. */
export function routePrefix(id: string): string {
  return `/c/${id}`;
}

/** Value of the first request header named `name` (case-insensitive), as the lab server logged it. */
export function requestHeader(headers: [string, string][], name: string): string | undefined {
  const wanted = name.toLowerCase();
  return headers.find(([k]) => k.toLowerCase() === wanted)?.[1];
}

/** Access-Control-Allow-Origin echoing the request's Origin (what many servers do). */
export function reflectOrigin(headers: [string, string][]): [string, string][] {
  const origin = requestHeader(headers, 'origin');
  return origin === undefined ? [] : [['Access-Control-Allow-Origin', origin]];
}

export function defineScenarios(theme: string, list: Omit<Scenario, 'theme'>[]): Scenario[] {
  return list.map((s) => ({ ...s, theme }));
}
