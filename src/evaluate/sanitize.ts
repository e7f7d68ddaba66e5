/**
 * Makes any input safe to walk: a Flow from a HAR, a capture or a test may lack fields or hold
 * values of the wrong type. Missing fields get Fetch's defaults; nothing is invented beyond that.
 */
import type { CredentialsMode, Exchange, Flow, Hop, PageRequest, RequestMode, WireResponse } from '../model/index.ts';
import { safeHeaders } from '../fetch/http.ts';
import { normalizeMethod } from '../fetch/method.ts';

const MODES: readonly RequestMode[] = ['cors', 'no-cors', 'same-origin', 'navigate', 'websocket'];
const CREDENTIALS: readonly CredentialsMode[] = ['omit', 'same-origin', 'include'];
const SPACES = ['public', 'local', 'loopback'] as const;

const str = (v: unknown, dflt = ''): string => (typeof v === 'string' ? v : dflt);
const obj = (v: unknown): Record<string, unknown> => (v && typeof v === 'object' ? (v as Record<string, unknown>) : {});
const space = (v: unknown) => (SPACES as readonly unknown[]).includes(v) ? (v as (typeof SPACES)[number]) : undefined;
const optStr = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);

function response(v: unknown): WireResponse | undefined {
  if (!v || typeof v !== 'object') return undefined;
  const r = obj(v);
  const status = Number(r.status);
  return {
    status: Number.isFinite(status) ? status : 0,
    statusText: optStr(r.statusText),
    headers: safeHeaders(r.headers),
    redirectURL: optStr(r.redirectURL) || undefined,
    serverIPAddress: optStr(r.serverIPAddress),
    fromCache: r.fromCache === true,
  };
}

function exchange(v: unknown, fallbackUrl: string): Exchange {
  const e = obj(v);
  const req = obj(e.request);
  return {
    request: { url: str(req.url, fallbackUrl), method: str(req.method, 'GET'), headers: safeHeaders(req.headers) },
    response: response(e.response),
    error: optStr(e.error),
    addressSpace: space(e.addressSpace),
  };
}

export function sanitizeFlow(raw: Flow): Flow {
  const f = obj(raw);
  const r = obj(f.request);
  const request: PageRequest = {
    url: str(r.url),
    method: normalizeMethod(str(r.method, 'GET') || 'GET'),
    headers: safeHeaders(r.headers),
    mode: MODES.includes(r.mode as RequestMode) ? (r.mode as RequestMode) : 'cors',
    credentials: CREDENTIALS.includes(r.credentials as CredentialsMode) ? (r.credentials as CredentialsMode) : 'same-origin',
    initiatorType: (typeof r.initiatorType === 'string' ? r.initiatorType : 'other') as PageRequest['initiatorType'],
    origin: str(r.origin, 'null') || 'null',
    topLevelUrl: optStr(r.topLevelUrl),
    hasBody: r.hasBody === true,
    redirect: r.redirect === 'error' || r.redirect === 'manual' || r.redirect === 'follow' ? r.redirect : undefined,
    initiatorAddressSpace: space(r.initiatorAddressSpace),
    targetAddressSpace: space(r.targetAddressSpace),
  };
  const hops: Hop[] = (Array.isArray(f.hops) ? f.hops : []).map((h, i) => {
    const ex = exchange(h, i === 0 ? request.url : '');
    const o = obj(h);
    return { ...ex, preflight: o.preflight ? exchange(o.preflight, ex.request.url) : undefined, sent: o.sent !== false };
  });
  const cache = obj(f.preflightCacheHit);
  return {
    id: str(f.id),
    request,
    hops,
    error: optStr(f.error),
    browser: f.browser as Flow['browser'],
    inferred: [],
    preflightCacheHit: f.preflightCacheHit ? { flowId: str(cache.flowId), maxAgeSeconds: typeof cache.maxAgeSeconds === 'number' ? cache.maxAgeSeconds : null } : undefined,
    startedAt: typeof f.startedAt === 'number' ? f.startedAt : undefined,
    source: optStr(f.source),
    tabId: typeof f.tabId === 'number' ? f.tabId : undefined,
  };
}
