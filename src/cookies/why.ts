/**
 * Plain-language explanations for cookie outcomes: one sentence per reason, naming the cookie,
 * the sites involved and the assumption it rests on, then what to change. For Firefox the
 * console message Firefox itself prints is quoted (browser-texts.ts).
 */
import type { Browser, RequestCookieContext } from './context.ts';
import { code } from '../explain/code-spans.ts';
import { firefoxMessage } from './browser-texts.ts';
import { ownValue } from '../model/own-key.ts';

export interface Facts {
  direction: 'set' | 'send';
  name: string;
  raw: string;
  browser: Browser;
  ctx: RequestCookieContext;
  /** The cookie's SameSite as stored or written. */
  sameSite?: 'strict' | 'lax' | 'none' | 'unspecified';
  domain?: string;
  path?: string;
  domainAttr?: string;
  partitioned?: boolean;
  deletes?: boolean;
  corsAllowed: boolean;
  /** The page's credentials mode, for CredentialsNotIncluded. */
  credentialsMode: string;
}

/** A cookie name in quotes, as browsers print it; one with backticks as a code span, so it cannot open one. */
const q = (s: string) => (s.includes('`') ? code(s) : `“${s}”`);

function crossSite(f: Facts): string {
  const c = f.ctx;
  if (c.schemeOnlyDifference && f.browser === 'chrome') {
    return `this ${f.direction === 'set' ? 'response' : 'request'} is cross-site: ${c.requestSite} and the page's site ${c.topLevelSite} differ in scheme, and Chrome compares sites with their scheme (schemeful same-site)`;
  }
  return `this ${f.direction === 'set' ? 'response comes from' : 'request goes to'} ${c.requestSite}, a different site than the page's ${c.topLevelSite}, and it is not a top-level navigation`;
}

const ASSUME_BLOCKED =
  'third-party cookies are blocked (the assumption chosen for this verdict: a user who blocks them, Incognito, or headless Chromium)';
const ASSUME_ALLOWED = 'third-party cookies are allowed (the desktop default this verdict assumes)';

function sentence(reason: string, f: Facts): string {
  const n = q(f.name);
  const set = f.direction === 'set';
  switch (reason) {
    case 'PreflightNotCredentialed':
      return set
        ? `The preflight (OPTIONS) response tried to set cookie ${n}, but a CORS preflight is never credentialed, so the browser ignores its Set-Cookie. Set the cookie on the actual response.`
        : `Cookie ${n} is not sent on the preflight: a CORS preflight never carries cookies or other credentials. A server or gateway that demands a cookie on OPTIONS fails the preflight — let OPTIONS through without authentication.`;
    case 'CredentialsNotIncluded':
      return `${set ? `Set-Cookie ${n} is ignored` : `Cookie ${n} is not sent`}: the request was made without credentials (credentials mode ${q(f.credentialsMode)}${f.credentialsMode === 'same-origin' ? ', which sends none once a request leaves the page\'s origin' : ''}), so the browser neither sends cookies nor stores them from the response. Use \`fetch(url, { credentials: 'include' })\` or \`xhr.withCredentials = true\`; the server must then answer with \`Access-Control-Allow-Credentials: true\` and an exact Access-Control-Allow-Origin (not \`*\`).`;
    case 'NoCookieContent':
      return 'This Set-Cookie line has neither a name nor a value, so there is no cookie to store.';
    case 'NameValuePairExceedsMaxSize':
      return `Cookie ${n} is too large: its name and value together are over 4096 bytes, the most browsers accept. Store less in the cookie (e.g. an id pointing at server-side data).`;
    case 'DisallowedCharacter':
      return `Cookie ${n} contains a control character (or a tab inside its name, value or an attribute), so the browser rejects the whole line. Encode the value (e.g. base64url or percent-encoding).`;
    case 'SyntaxError':
      return 'This Set-Cookie line could not be parsed, so no cookie was stored.';
    case 'InvalidDomain':
      return `${code(`Domain=${f.domainAttr ?? ''}`)} is not valid for ${f.ctx.host}: a cookie's Domain must be the host itself or one of its parent domains, and not a public suffix (like com or github.io). Drop the Domain attribute or use the registrable domain.`;
    case 'InvalidPrefix':
      return `Cookie ${n} breaks its name prefix rules: __Secure- needs the Secure attribute and an HTTPS response (or localhost); __Host- needs that too, plus Path=/ and no Domain attribute.`;
    case 'PartitionedRequiresSecure':
      return `Cookie ${n} is Partitioned, which requires the Secure attribute and an HTTPS response (or localhost); the browser drops it${f.browser === 'chrome' ? ' — Chrome without saying so (DevTools lists nothing)' : ''}. Add Secure and serve over HTTPS.`;
    case 'UserPreferences':
      return `${set ? `Set-Cookie ${n} is blocked` : `Cookie ${n} is not sent`} because ${ASSUME_BLOCKED}, and ${f.ctx.requestSite} is third-party to the page's site ${f.ctx.topLevelSite}. With third-party cookies allowed (the desktop default) it would ${set ? 'be stored' : 'go out'}; ${f.browser === 'chrome' ? 'to work either way, set it with \`Partitioned; Secure; SameSite=None\` (a cookie kept per top-level site), or serve the API from the page\'s own site' : 'Firefox blocks partitioned cookies too under this setting: serve the API from the page\'s own site'}.`;
    case 'SecureOnly':
      return set
        ? `Cookie ${n} has the Secure attribute but came over http; only HTTPS responses (and localhost) may set Secure cookies.`
        : `Cookie ${n} is Secure and the request URL is http, so it is not sent. Call the API over HTTPS.`;
    case 'OverwriteSecure':
      return `A Secure cookie named ${n} already exists for this domain and path; an http response may not replace it with a non-Secure one. Serve the response over HTTPS.`;
    case 'NotOnPath':
      return `Cookie ${n} has ${code(`Path=${f.path ?? '/'}`)}, which does not cover the request path ${code(f.ctx.path)}. Set the cookie with \`Path=/\` (or a path that covers the API).`;
    case 'DomainMismatch':
      return `Cookie ${n} belongs to ${f.domain ?? 'another host'}, which does not cover ${f.ctx.host}. If both hosts need it, set it with \`Domain=\` and their shared parent domain.`;
    case 'SameSiteNoneInsecure':
      return `Cookie ${n} has \`SameSite=None\` without the \`Secure\` attribute; browsers require \`Secure\` with \`SameSite=None\`. Add \`Secure\` (and serve over HTTPS).`;
    case 'SameSiteStrict':
    case 'SchemefulSameSiteStrict':
      return `Cookie ${n} is SameSite=Strict and ${crossSite(f)}, so it is ${set ? 'not stored' : 'not sent'}. For cross-site use set \`SameSite=None; Secure\`.`;
    case 'SameSiteLax':
    case 'SchemefulSameSiteLax':
      return `Cookie ${n} is SameSite=Lax and ${crossSite(f)}, so it is ${set ? 'not stored' : 'not sent'}. For cross-site use set \`SameSite=None; Secure\`.`;
    case 'SameSiteUnspecifiedTreatedAsLax':
    case 'SchemefulSameSiteUnspecifiedTreatedAsLax':
      return `Cookie ${n} has no (valid) SameSite attribute, so Chrome treats it as SameSite=Lax (Lax by default), and ${crossSite(f)}, so it is ${set ? 'not stored' : 'not sent'}. Set \`SameSite=None; Secure\` to use it cross-site.`;
    case 'TotalCookieProtection':
      return set
        ? `Firefox stores ${n} in a jar kept for the page's site ${f.ctx.topLevelSite} only (Total Cookie Protection): requests from pages on other sites, and visits to ${f.ctx.requestSite} itself, do not see it.`
        : `Cookie ${n} was stored outside the jar Firefox uses for requests from pages on ${f.ctx.topLevelSite} (Total Cookie Protection keeps third-party cookies per top-level site), so it is not sent. Set it from a response to a request made from this site, or use the Storage Access API.`;
    case 'CrossSiteRedirect':
      return `Cookie ${n} is SameSite=${f.sameSite === 'strict' ? 'Strict' : 'Lax'} and this request reached ${f.ctx.requestSite} through a redirect from another site, so Firefox withholds it (Chrome sends it). Avoid the cross-site redirect, or set \`SameSite=None; Secure\`.`;
    case 'WarnThirdPartyPhaseout':
      return `${set ? 'Stored' : 'Sent'} only because ${ASSUME_ALLOWED}: ${f.ctx.requestSite} is third-party to ${f.ctx.topLevelSite}. Users who block third-party cookies, and Incognito windows, ${set ? 'will not store it' : 'will not send it'}; mark it Partitioned if a cookie per top-level site is enough.`;
    case 'WarnAttributeValueExceedsMaxSize':
      return 'An attribute value over 1024 bytes was ignored (Chrome keeps the cookie without that attribute).';
    case 'WarnSameSiteUnspecifiedLaxAllowUnsafe':
      return `Cookie ${n} has no SameSite attribute and is under two minutes old, so Chrome still sends it on this cross-site top-level POST (Lax-allowing-unsafe); older, it will not be sent. Set \`SameSite=None; Secure\` explicitly.`;
    default:
      return `Reason: ${reason}.`;
  }
}

/**
 * The Firefox console line for a blocked Set-Cookie. Only the lines seen in firefox-esr 153's page
 * console are quoted; for third-party blocking, oversize cookies and Total Cookie Protection it
 * printed nothing there.
 */
function firefoxLine(reasons: readonly string[], f: Facts): string | null {
  if (f.direction !== 'set') return null;
  const keys: Record<string, string> = {
    SameSiteNoneInsecure: 'CookieRejectedNonRequiresSecure2',
    SameSiteLax: 'CookieRejectedForNonSameSiteness',
    SameSiteStrict: 'CookieRejectedForNonSameSiteness',
    SecureOnly: 'CookieRejectedSecureButNonHttps',
    OverwriteSecure: 'CookieRejectedNonsecureOverSecure',
    InvalidPrefix: 'CookieRejectedInvalidPrefix',
    InvalidDomain: 'CookieRejectedInvalidDomain',
    PartitionedRequiresSecure: 'CookieRejectedPartitionedRequiresSecure',
  };
  const key = reasons.map((r) => ownValue(keys, r)).find((k) => k !== undefined);
  return key ? firefoxMessage(key, f.name) : null;
}

export function explain(outcome: 'allowed' | 'blocked' | 'warning', reasons: readonly string[], f: Facts): string {
  const parts: string[] = [];
  if (outcome !== 'blocked') {
    if (f.direction === 'set') {
      parts.push(
        f.deletes
          ? `Deletes cookie ${q(f.name)} (its expiry is in the past).`
          : `Stores cookie ${q(f.name)} for ${f.domain ?? f.ctx.host}, path ${f.path ?? '/'}${f.partitioned ? `, partitioned under ${f.ctx.partitionKey} (sent only while the top-level site is ${f.ctx.partitionKey})` : ''}.`,
      );
      if (!f.corsAllowed) {
        parts.push(
          'The response failed the CORS check, so the page cannot read it — but the browser stored the cookie anyway: cookies are stored before the CORS check (seen in Chromium 156).',
        );
      }
    } else {
      parts.push(`Cookie ${q(f.name)} is sent.`);
    }
  }
  for (const r of reasons) parts.push(sentence(r, f));
  if (f.browser === 'firefox') {
    const line = firefoxLine(reasons, f);
    if (line) parts.push(`Firefox prints: ${line.includes('`') ? code(line) : line}`);
  }
  return parts.join(' ');
}
