/** Small builders shared by the scenario files. */
import type { ResponseSpec } from '../../lab/server.ts';

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
