/**
 * What the conformance recorder keeps of one scenario run: Chromium's own verdict (CDP), its console
 * text, what the page's JavaScript could read, cookie outcomes, and the exact exchanges per hop.
 * Recordings are committed under test/conformance/recorded/ as fixtures, with the lab server's
 * ephemeral ports replaced by fixed ones (see `normalizePorts`) so that they diff cleanly.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { PageResult } from '../lab/page-runner.ts';
import type { RecordedRequestSpec } from './scenario.ts';
import type { AddressSpace, Hop, StoredCookie, Verdict } from '../../src/model/index.ts';

export interface ConsoleLine {
  source: string;
  level: string;
  text: string;
  category?: string;
}

/** One cookie outcome as Chromium reported it (ExtraInfo events), in the shape of the model's CookieOutcome. */
export interface RecordedCookie {
  direction: 'set' | 'send';
  name: string;
  hop: number;
  stage: 'preflight' | 'actual';
  outcome: 'allowed' | 'blocked';
  /** CDP `SetCookieBlockedReason` / `CookieBlockedReason` values. */
  reasons: string[];
  /** Audits CookieIssue warning reasons Chromium attached to this cookie (not a block). */
  warnings?: string[];
  domain?: string;
  path?: string;
  /** The Set-Cookie line (direction `set`). */
  raw?: string;
  /** Direction `set`: the cookie was in the jar afterwards (Chromium drops some lines silently); absent when the jar cannot tell (`overwritable`). */
  stored?: boolean;
  /** Direction `set`: an accepted line that expired the cookie on arrival (a deletion: not in the jar, yet not dropped). */
  deletes?: true;
  /** Direction `set`: a later line of the flow sets the same name, so the jar cannot say whether this one was stored. */
  overwritable?: true;
}

export interface ServerLogEntry {
  method: string;
  url: string;
  preflight: boolean;
  headers: [string, string][];
}

export interface FirefoxRecording {
  version: string;
  /** Every console line the page produced for the request (CORS ones come as `pageerror` events). */
  console: string[];
  /** The lines that report the request refused (`Cross-Origin Request Blocked: …`, `Security Error: …`), joined by "\n"; or null. */
  corsMessage: string | null;
  /** Warnings (`Cross-Origin Request Warning: …`). */
  warnings: string[];
  result: PageResult;
  serverLog: ServerLogEntry[];
}

export interface Recording {
  id: string;
  theme: string;
  title: string;
  browser: { name: 'chrome'; version: string };
  thirdPartyCookies: 'allowed' | 'blocked';
  pageUrl: string;
  /** The page's address space (CDP `clientSecurityState.initiatorIPAddressSpace`). */
  initiatorAddressSpace: AddressSpace;
  /** The request as the page made it (the scenario's spec, URLs resolved). */
  request: RecordedRequestSpec;
  /** Cookies in the jar just before the request. */
  cookieJar: StoredCookie[];
  /** Cookies in the jar once the request was over (what its Set-Cookie lines stored). */
  cookieJarAfter: StoredCookie[];
  /** When the request was made, ms since the epoch (for cookie expiry). */
  now: number;
  /** What the page's script saw. */
  result: PageResult;
  verdict: Exclude<Verdict, 'pending'>;
  /** `Network.loadingFailed.corsErrorStatus`, or null. */
  corsError: string | null;
  failedParameter: string | null;
  /** `Network.loadingFailed.errorText`, or null when the request finished. */
  errorText: string | null;
  /** The console line with category `cors` that reports the block, or null. */
  corsMessage: string | null;
  /** Every console line logged for this request (CORS, `Failed to load resource`, deprecations…). */
  console: ConsoleLine[];
  /** Lower-case header names the page's JavaScript could read. */
  readableHeaders: string[];
  cookies: RecordedCookie[];
  /** The flow's hops: preflight and actual exchange, request headers as sent, responses as received. */
  hops: Hop[];
  /** `Audits.issueAdded` issues for this request (CorsIssue, CookieIssue, DeprecationIssue…). */
  issues: { code: string; details: unknown }[];
  serverLog: ServerLogEntry[];
  firefox?: FirefoxRecording;
}

export const RECORDED_DIR = resolve(import.meta.dirname, 'recorded');

/** Fixed ports written into committed recordings in place of the lab servers' ephemeral ones. */
export const FIXED_PORTS = { http: 4280, https: 4443, publicHttp: 4380, publicHttps: 4543, refused: 4999 } as const;
export type PortMap = Record<keyof typeof FIXED_PORTS, number>;

/** Dates in response headers change every run; committed recordings carry this one instead. */
const FIXED_DATE = 'Thu, 01 Jan 2026 00:00:00 GMT';

/**
 * Replaces every `:<live port>` in every string with the fixed port, and `Date` header values with
 * a fixed date. Ephemeral ports are ≥ 32768, so they never collide with the fixed ones.
 */
export function normalizePorts<T>(value: T, live: PortMap): T {
  const pairs = (Object.keys(FIXED_PORTS) as (keyof PortMap)[]).map((k) => [`:${live[k]}`, `:${FIXED_PORTS[k]}`] as const);
  const fix = (s: string) => {
    let out = s;
    for (const [from, to] of pairs) out = out.split(from).join(to);
    return out;
  };
  const walk = (v: unknown): unknown => {
    if (typeof v === 'string') return fix(v);
    if (Array.isArray(v)) return v.map(walk);
    if (v && typeof v === 'object') {
      const o = v as Record<string, unknown>;
      if (typeof o.name === 'string' && typeof o.value === 'string' && o.name.toLowerCase() === 'date' && Object.keys(o).length === 2) {
        return { name: o.name, value: FIXED_DATE };
      }
      return Object.fromEntries(Object.entries(o).map(([k, x]) => [k, walk(x)]));
    }
    return v;
  };
  return walk(value) as T;
}

export function recordingPath(id: string): string {
  return join(RECORDED_DIR, `${id}.json`);
}

export function readRecording(id: string): Recording | null {
  const file = recordingPath(id);
  return existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as Recording) : null;
}

export function writeRecording(rec: Recording): void {
  mkdirSync(RECORDED_DIR, { recursive: true });
  writeFileSync(recordingPath(rec.id), `${JSON.stringify(rec, null, 2)}\n`);
}
