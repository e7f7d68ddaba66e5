/**
 * The headers a browser puts on a CORS preflight and on the actual request, so that `cors-lens
 * check` asks a server exactly what Chromium would. Names, order and values as Chromium 156 puts
 * them on the wire (the lab server's recordings in test/conformance/recorded/, e.g.
 * net-actual-socket-close*.json over http and cookie-set-on-preflight.json over https).
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
const trustworthy = (url: string) => isPotentiallyTrustworthy(originOf(url));

function referer(pageOrigin: string): Header[] {
  return pageOrigin === 'null' ? [] : [{ name: 'Referer', value: `${pageOrigin}/` }];
}

/**
 * br and zstd only where no proxy can read the body: https (seen: `gzip, deflate` over http) and,
 * in net/url_request/url_request_http_job.cc, localhost. A Range request asks for `identity`.
 */
function acceptEncoding(url: string, headers: readonly Header[] = []): Header {
  if (headers.some((h) => h.name.toLowerCase() === 'range')) return { name: 'Accept-Encoding', value: 'identity' };
  return { name: 'Accept-Encoding', value: trustworthy(url) ? 'gzip, deflate, br, zstd' : 'gzip, deflate' };
}

const ACCEPT_LANGUAGE: Header = { name: 'Accept-Language', value: 'en-US,en;q=0.9' };

/** The OPTIONS preflight for `method` and `authorHeaders` at `url`, from a page of origin `origin` (`null` once tainted). */
export function preflightHeaders(req: Pick<PageRequest, 'origin'>, url: string, origin: string, method: string, authorHeaders: readonly Header[], ua = CHROME_USER_AGENT): Header[] {
  const requested = accessControlRequestHeaders(authorHeaders);
  return [
    { name: 'Accept', value: '*/*' },
    { name: 'Access-Control-Request-Method', value: method },
    ...(requested ? [{ name: 'Access-Control-Request-Headers', value: requested }] : []),
    { name: 'Origin', value: origin },
    { name: 'User-Agent', value: ua },
    // The preflight carries Sec-Fetch-Mode even where the other Sec-Fetch-* are not sent (seen over http).
    { name: 'Sec-Fetch-Mode', value: 'cors' },
    ...(trustworthy(url)
      ? [
          { name: 'Sec-Fetch-Site', value: secFetchSite(req.origin, url) },
          { name: 'Sec-Fetch-Dest', value: 'empty' },
        ]
      : []),
    ...referer(req.origin),
    acceptEncoding(url),
    ACCEPT_LANGUAGE,
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
  // The network stack sets Range itself, after its own headers (seen in simple-range-header.json).
  const isRange = (h: Header) => h.name.toLowerCase() === 'range';
  return [
    { name: 'User-Agent', value: ua },
    ...authorHeaders.filter((h) => !isRange(h)),
    ...(hasAccept ? [] : [{ name: 'Accept', value: '*/*' }]),
    ...(sendOrigin ? [{ name: 'Origin', value: origin }] : []),
    ...(trustworthy(url)
      ? [
          { name: 'Sec-Fetch-Site', value: secFetchSite(req.origin, url) },
          { name: 'Sec-Fetch-Mode', value: req.mode },
          { name: 'Sec-Fetch-Dest', value: 'empty' },
        ]
      : []),
    ...referer(req.origin),
    acceptEncoding(url, authorHeaders),
    ACCEPT_LANGUAGE,
    ...authorHeaders.filter(isRange),
    ...(cookie ? [{ name: 'Cookie', value: cookie }] : []),
  ];
}
