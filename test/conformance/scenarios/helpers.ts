/** Small builders shared by the scenario files. */
import type { PageRequestSpec } from '../../lab/page-runner.ts';
import type { ResponseSpec } from '../../lab/server.ts';
import { CROSS_SITE, type ScenarioEnv } from '../scenario.ts';

export type H = [string, string];

export const acao = (value: string): H => ['Access-Control-Allow-Origin', value];
export const acac = (value = 'true'): H => ['Access-Control-Allow-Credentials', value];
export const acam = (value: string): H => ['Access-Control-Allow-Methods', value];
export const acah = (value: string): H => ['Access-Control-Allow-Headers', value];
export const aceh = (value: string): H => ['Access-Control-Expose-Headers', value];
export const setCookie = (value: string): H => ['Set-Cookie', value];
export const location = (value: string): H => ['Location', value];

/** A 200 text response with these headers. */
export const ok = (...headers: H[]): ResponseSpec => ({ status: 200, headers: [['Content-Type', 'text/plain'], ...headers], body: 'ok' });

/** A 204 preflight answer with these headers. */
export const preflightOk = (...headers: H[]): ResponseSpec => ({ status: 204, headers });

export const redirect = (status: number, to: string, ...headers: H[]): ResponseSpec => ({ status, headers: [location(to), ...headers] });

/** A cross-site fetch PUT with a JSON body: preflighted for its method. */
export const put = (e: ScenarioEnv, extra: Partial<PageRequestSpec> = {}): PageRequestSpec => ({
  via: 'fetch',
  url: e.at(CROSS_SITE, 'r'),
  method: 'PUT',
  body: '{}',
  ...extra,
});

/** A cross-site fetch GET with one author header. */
export const withHeader = (e: ScenarioEnv, name: string, value: string): PageRequestSpec => ({
  via: 'fetch',
  url: e.at(CROSS_SITE, 'r'),
  headers: [[name, value]],
});
