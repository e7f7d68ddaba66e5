/**
 * The reason names a CookieOutcome carries. Chromium's own names come first — what the Chrome
 * DevTools Protocol reports in `responseReceivedExtraInfo.blockedCookies` (SetCookieBlockedReason)
 * and `requestWillBeSentExtraInfo.associatedCookies` (CookieBlockedReason), and the Issues panel's
 * CookieWarningReason — then the few this module adds for what Chromium does without reporting it.
 */
import type { CookieOutcome } from '../model/index.ts';

/** CDP Network.SetCookieBlockedReason (browser_protocol.pdl), in Chromium's reporting order. */
export const SET_COOKIE_BLOCKED_REASONS = [
  'SecureOnly',
  'SameSiteStrict',
  'SameSiteLax',
  'SameSiteUnspecifiedTreatedAsLax',
  'SameSiteNoneInsecure',
  'UserPreferences',
  'ThirdPartyBlockedInFirstPartySet',
  'ThirdPartyPhaseout',
  'SyntaxError',
  'SchemeNotSupported',
  'OverwriteSecure',
  'InvalidDomain',
  'InvalidPrefix',
  'UnknownError',
  'SchemefulSameSiteStrict',
  'SchemefulSameSiteLax',
  'SchemefulSameSiteUnspecifiedTreatedAsLax',
  'NameValuePairExceedsMaxSize',
  'DisallowedCharacter',
  'NoCookieContent',
] as const;

/** CDP Network.CookieBlockedReason. */
export const COOKIE_BLOCKED_REASONS = [
  'SecureOnly',
  'NotOnPath',
  'DomainMismatch',
  'SameSiteStrict',
  'SameSiteLax',
  'SameSiteUnspecifiedTreatedAsLax',
  'SameSiteNoneInsecure',
  'UserPreferences',
  'ThirdPartyPhaseout',
  'ThirdPartyBlockedInFirstPartySet',
  'UnknownError',
  'SchemefulSameSiteStrict',
  'SchemefulSameSiteLax',
  'SchemefulSameSiteUnspecifiedTreatedAsLax',
  'NameValuePairExceedsMaxSize',
  'PortMismatch',
  'SchemeMismatch',
  'AnonymousContext',
] as const;

/** CDP Audits.CookieWarningReason values this module emits on `warning` outcomes. */
export const COOKIE_WARNING_REASONS = [
  'WarnThirdPartyPhaseout',
  'WarnAttributeValueExceedsMaxSize',
  'WarnSameSiteUnspecifiedLaxAllowUnsafe',
] as const;

/**
 * Ours, for what the browser does silently (Chromium reports nothing for these — verified in
 * Chromium 156: no blockedCookies entry, no associatedCookies entry):
 * - CredentialsNotIncluded: the request was not credentialed (credentials mode `omit`, or
 *   `same-origin` on a cross-origin URL): no cookie goes out and every Set-Cookie is ignored.
 * - PreflightNotCredentialed: a CORS preflight never carries cookies and its Set-Cookie is ignored.
 * - PartitionedRequiresSecure: `Partitioned` without `Secure`, or from an insecure URL: dropped.
 * - TotalCookieProtection: Firefox keeps third-party cookies in a jar per top-level site.
 * - CrossSiteRedirect: Firefox withholds Lax/Strict cookies on a hop reached through another site.
 */
export const OWN_REASONS = [
  'CredentialsNotIncluded',
  'PreflightNotCredentialed',
  'PartitionedRequiresSecure',
  'TotalCookieProtection',
  'CrossSiteRedirect',
] as const;

export type SetBlockedReason = (typeof SET_COOKIE_BLOCKED_REASONS)[number];
export type SendBlockedReason = (typeof COOKIE_BLOCKED_REASONS)[number];
export type OwnReason = (typeof OWN_REASONS)[number];

/**
 * The order Chromium lists reasons in (content/browser/devtools/protocol/network_handler.cc,
 * GetProtocolBlockedSetCookieReason / GetProtocolBlockedCookieReason): a Schemeful… name takes its
 * plain name's place. Seen in Chromium 156: ['SecureOnly', 'SchemefulSameSiteLax', 'UserPreferences'].
 */
const SET_REPORT_ORDER = [
  'SecureOnly',
  'SameSiteStrict|SchemefulSameSiteStrict',
  'SameSiteLax|SchemefulSameSiteLax',
  'SameSiteUnspecifiedTreatedAsLax|SchemefulSameSiteUnspecifiedTreatedAsLax',
  'SameSiteNoneInsecure',
  'UserPreferences',
  'ThirdPartyBlockedInFirstPartySet',
  'ThirdPartyPhaseout',
  'SyntaxError',
  'SchemeNotSupported',
  'OverwriteSecure',
  'InvalidDomain',
  'InvalidPrefix',
  'NameValuePairExceedsMaxSize',
  'DisallowedCharacter',
  'UnknownError',
  'NoCookieContent',
];
const SEND_REPORT_ORDER = [
  'SecureOnly',
  'NotOnPath',
  'DomainMismatch',
  'SameSiteStrict|SchemefulSameSiteStrict',
  'SameSiteLax|SchemefulSameSiteLax',
  'SameSiteUnspecifiedTreatedAsLax|SchemefulSameSiteUnspecifiedTreatedAsLax',
  'SameSiteNoneInsecure',
  'UserPreferences',
  'ThirdPartyBlockedInFirstPartySet',
  'ThirdPartyPhaseout',
  'NameValuePairExceedsMaxSize',
  'UnknownError',
  'PortMismatch',
  'SchemeMismatch',
  'AnonymousContext',
];

/** Orders reasons as Chromium lists them; reasons it does not know keep their order, after its own. */
export function inChromiumOrder(reasons: readonly string[], direction: 'set' | 'send'): string[] {
  const order = direction === 'set' ? SET_REPORT_ORDER : SEND_REPORT_ORDER;
  const rank = (r: string) => {
    const i = order.findIndex((slot) => slot.split('|').includes(r));
    return i < 0 ? order.length : i;
  };
  return [...new Set(reasons)].sort((a, b) => rank(a) - rank(b));
}

/** What Chromium's DevTools Protocol shows for one outcome, for comparing with recordings. */
export interface ChromiumView {
  direction: 'set' | 'send';
  hop: number;
  stage: 'preflight' | 'actual';
  name: string;
  /** Set: the raw Set-Cookie line; send: `name=value`. */
  raw?: string;
  /** `blockedReasons` as CDP reports them: [] for a stored or sent cookie. */
  blockedReasons: string[];
}

/**
 * The outcomes as Chromium 156 would report them over CDP: only outcomes it reports at all
 * (not those blocked for one of OWN_REASONS), with the CDP reasons only (warnings dropped).
 * Set: one `blockedCookies` entry per blocked line (stored lines are not listed by CDP, they appear
 * here with []). Send: one `associatedCookies` entry per cookie.
 */
export function chromiumView(outcomes: readonly CookieOutcome[]): ChromiumView[] {
  const own = new Set<string>(OWN_REASONS);
  const cdp = new Set<string>([...SET_COOKIE_BLOCKED_REASONS, ...COOKIE_BLOCKED_REASONS]);
  const out: ChromiumView[] = [];
  for (const o of outcomes) {
    if (o.reasons.some((r) => own.has(r))) continue;
    const view: ChromiumView = {
      direction: o.direction,
      hop: o.hop,
      stage: o.stage,
      name: o.name,
      blockedReasons: o.outcome === 'blocked' ? o.reasons.filter((r) => cdp.has(r)) : [],
    };
    if (o.raw !== undefined) view.raw = o.raw;
    out.push(view);
  }
  return out;
}
