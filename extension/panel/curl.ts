/**
 * "Copy as curl": commands that replay a flow's preflight or request outside the browser. Pure
 * functions of the flow and its evaluation (they could live in src/report).
 */
import type { Evaluation, Flow, Header, Hop } from '../../src/model/index.ts';
import { getHeader } from '../../src/model/index.ts';

// C0 and C1 controls and DEL (a terminal acts on them), and the bidi marks and isolates that make
// a pasted command read differently from what the shell runs (Trojan Source, CVE-2021-42574).
const NEEDS_ANSI_C = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/;

/**
 * Quotes one argument for a shell: single quotes, with `'` written as `'\''` (POSIX sh and all
 * its descendants). A value with a control or bidi character uses the `$'…'` form instead, so that
 * nothing is pasted raw into a terminal: bash, zsh and ksh read it; a strictly POSIX sh such as
 * dash does not (it keeps the `$` and the escapes literally).
 */
export function shellQuote(s: string): string {
  if (!NEEDS_ANSI_C.test(s)) return `'${s.replace(/'/g, `'\\''`)}'`;
  let out = "$'";
  for (const ch of s) {
    const code = ch.codePointAt(0)!;
    if (ch === '\\') out += '\\\\';
    else if (ch === "'") out += "\\'";
    else if (code < 0x20 || code === 0x7f) out += `\\x${code.toString(16).padStart(2, '0')}`;
    // Its UTF-8 bytes: `\u` would depend on the shell's locale (bash in the C locale keeps it as text).
    else if (NEEDS_ANSI_C.test(ch)) for (const b of new TextEncoder().encode(ch)) out += `\\x${b.toString(16)}`;
    else out += ch;
  }
  return `${out}'`;
}

// curl expands [] and {} in URLs unless told not to.
const globoff = (url: string) => (/[[\]{}]/.test(url) ? ['--globoff'] : []);

// Headers curl writes itself from the URL and the (absent) body, or that belong to one connection
// and cannot be replayed: passed on, a `Content-Length` with no body makes curl wait forever.
const NOT_REPLAYED = new Set(['host', 'content-length', 'connection', 'transfer-encoding', 'keep-alive', 'te', 'upgrade', 'expect']);

/** The headers to pass with -H, and whether curl should ask for compression itself (--compressed). */
export function replayableHeaders(headers: readonly Header[]): { headers: Header[]; compressed: boolean } {
  let compressed = false;
  const kept = headers.filter((h) => {
    const name = h.name.toLowerCase();
    // Chrome's "Copy as cURL" does the same: curl offers the encodings it can decode.
    if (name === 'accept-encoding') {
      compressed = true;
      return false;
    }
    // `:method`, `:authority`… are HTTP/2 pseudo-headers, not headers curl can send.
    return !NOT_REPLAYED.has(name) && !name.startsWith('proxy-') && !name.startsWith(':');
  });
  return { headers: kept, compressed };
}

function command(method: string, url: string, all: readonly Header[]): string {
  const { headers, compressed } = replayableHeaders(all);
  const parts = ['curl', '-i'];
  if (method === 'HEAD') parts.push('--head');
  else if (method !== 'GET') parts.push('-X', /^[A-Za-z]+$/.test(method) ? method : shellQuote(method));
  for (const h of headers) parts.push('-H', shellQuote(`${h.name}: ${h.value}`));
  if (compressed) parts.push('--compressed');
  parts.push(...globoff(url), shellQuote(url));
  return parts.join(' ');
}

/** The hop whose preflight matters: the failing one, else the first with a preflight, else the first. */
function hopIndexFor(flow: Flow, evaluation: Evaluation | null): number {
  const failing = evaluation?.error?.location.hop;
  if (failing !== undefined && flow.hops[failing]) return failing;
  const withPreflight = flow.hops.findIndex((h) => h.preflight);
  return withPreflight >= 0 ? withPreflight : 0;
}

/**
 * `curl -i -X OPTIONS -H 'Origin: …' -H 'Access-Control-Request-Method: …' -H 'Access-Control-Request-Headers: …' <url>`:
 * from the preflight the browser sent when one was seen, otherwise the one it would send (the
 * evaluator's classification says which headers it would list).
 */
export function preflightAsCurl(flow: Flow, evaluation: Evaluation | null): string {
  const i = hopIndexFor(flow, evaluation);
  const hop: Hop | undefined = flow.hops[i];
  const url = hop?.request.url ?? flow.request.url;
  const seen = hop?.preflight?.request.headers;
  const origin = getHeader(seen, 'origin') ?? evaluation?.classification.originPerHop[i] ?? flow.request.origin;
  const method = getHeader(seen, 'access-control-request-method') ?? hop?.request.method ?? flow.request.method;
  const requested = seen ? getHeader(seen, 'access-control-request-headers') : evaluation?.classification.requestHeadersForPreflight || null;
  const headers: Header[] = [
    { name: 'Origin', value: origin },
    { name: 'Access-Control-Request-Method', value: method },
  ];
  if (requested) headers.push({ name: 'Access-Control-Request-Headers', value: requested });
  return command('OPTIONS', url, headers);
}

export const UNKNOWN_VALUE = '<value not captured>';

/**
 * The actual request of the first hop with every header the browser sent that curl can replay
 * (Cookie and Authorization included: the user asked to replay it). A request that never went on the wire gets the page's
 * own headers plus the Origin the browser would have sent. The body is not captured.
 */
export function requestAsCurl(flow: Flow, evaluation: Evaluation | null): string {
  const hop = flow.hops[0];
  const url = hop?.request.url ?? flow.request.url;
  const method = hop?.request.method ?? flow.request.method;
  if (hop?.sent && hop.request.headers.length > 0) return command(method, url, hop.request.headers);
  // Never sent: when only the preflight named a header, its value is unknown (and curl would drop
  // a header written with an empty value), so the command says so where the value goes.
  const headers = flow.request.headers.map((h) => (h.value === '' ? { name: h.name, value: UNKNOWN_VALUE } : h));
  const origin = evaluation?.classification.originPerHop[0] ?? (evaluation?.classification.crossOrigin ? flow.request.origin : null);
  if (origin && getHeader(headers, 'origin') === null) headers.unshift({ name: 'Origin', value: origin });
  return command(method, url, headers);
}
