/**
 * The headers a browser puts on a CORS preflight and on the actual request, so that `cors-lens
 * check` asks a server exactly what Chromium would. Header names, order and default values as
 * Chromium 156 sends them for fetch() (seen in the lab fixtures, test/fixtures/har/).
 */
import { isPotentiallyTrustworthy, isSameOrigin, originOf } from '../fetch/origin.ts';
import { accessControlRequestHeaders } from '../fetch/request-headers.ts';
import { isSameSite } from '../fetch/site.ts';
import type { Header, PageRequest } from '../model/index.ts';

export const CHROME_USER_AGENT =
  'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/156.0.0.0 Safari/537.36';

function secFetchSite(pageOrigin: string, url: string): string {
  if (pageOrigin !== 'null' && isSameOrigin(pageOrigin, url)) return 'same-origin';
  if (pageOrigin !== 'null' && isSameSite(pageOrigin, url)) return 'same-site';
  return 'cross-site';
}

/** Sec-Fetch-* go only to potentially trustworthy URLs (Fetch Metadata §2; Chromium checks the request URL). */
function fetchMetadata(pageOrigin: string, url: string, mode: string): Header[] {
  if (!isPotentiallyTrustworthy(originOf(url))) return [];
  return [
    { name: 'Sec-Fetch-Site', value: secFetchSite(pageOrigin, url) },
    { name: 'Sec-Fetch-Mode', value: mode },
    { name: 'Sec-Fetch-Dest', value: 'empty' },
  ];
}

function referer(pageOrigin: string): Header[] {
  return pageOrigin === 'null' ? [] : [{ name: 'Referer', value: `${pageOrigin}/` }];
}

const COMMON = (ua: string): Header[] => [
  { name: 'User-Agent', value: ua },
  { name: 'Accept-Encoding', value: 'gzip, deflate, br, zstd' },
  { name: 'Accept-Language', value: 'en-US,en;q=0.9' },
];

/** The OPTIONS preflight for `method` and `authorHeaders` at `url`, from a page of origin `origin` (`null` once tainted). */
export function preflightHeaders(req: Pick<PageRequest, 'origin'>, url: string, origin: string, method: string, authorHeaders: readonly Header[], ua = CHROME_USER_AGENT): Header[] {
  const requested = accessControlRequestHeaders(authorHeaders);
  return [
    { name: 'Accept', value: '*/*' },
    { name: 'Access-Control-Request-Method', value: method },
    ...(requested ? [{ name: 'Access-Control-Request-Headers', value: requested }] : []),
    { name: 'Origin', value: origin },
    ...COMMON(ua),
    ...fetchMetadata(req.origin, url, 'cors'),
    ...referer(req.origin),
  ];
}

/**
 * The actual request. Origin goes on every cross-origin request and on same-origin ones whose
 * method is not GET or HEAD (Fetch "append a request Origin header").
 */
export function actualHeaders(
  req: Pick<PageRequest, 'origin' | 'mode'>,
  url: string,
  origin: string,
  method: string,
  authorHeaders: readonly Header[],
  cookie: string | null,
  ua = CHROME_USER_AGENT,
): Header[] {
  const cross = origin === 'null' || !isSameOrigin(origin, url);
  const sendOrigin = cross || (method !== 'GET' && method !== 'HEAD');
  const hasAccept = authorHeaders.some((h) => h.name.toLowerCase() === 'accept');
  return [
    ...authorHeaders,
    ...(hasAccept ? [] : [{ name: 'Accept', value: '*/*' }]),
    ...(sendOrigin ? [{ name: 'Origin', value: origin }] : []),
    ...COMMON(ua),
    ...fetchMetadata(req.origin, url, req.mode),
    ...referer(req.origin),
    ...(cookie ? [{ name: 'Cookie', value: cookie }] : []),
  ];
}
