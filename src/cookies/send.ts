/**
 * Which cookies a request carried or had withheld, as Chromium 156 reports them in
 * `requestWillBeSentExtraInfo.associatedCookies` (verified): every cookie of the jar filed under
 * the request host's registrable domain and visible in this partition, with all its reasons at
 * once (SecureOnly, NotOnPath, DomainMismatch, SameSite…, UserPreferences appended last). Cookies
 * of other partitions are not listed. An uncredentialed request or a preflight lists nothing in
 * Chromium; we list the cookies that matched, with our own reason, because that is the question
 * a developer asks ("why was my cookie not sent?").
 */
import type { CookieOutcome, EvaluationContext, StoredCookie } from '../model/index.ts';
import type { Browser, RequestCookieContext } from './context.ts';
import { cookieStoreKey, displayDomain, domainMatches, pathMatches } from './domain.ts';
import { cookieHeaderPairs, MAX_NAME_VALUE_BYTES } from './parse.ts';
import { inChromiumOrder } from './reasons.ts';
import { explain, type Facts } from './why.ts';

export interface SendInput {
  hop: number;
  ctx: RequestCookieContext;
  /** The jar before this request, expired cookies already removed. */
  jar: readonly StoredCookie[];
  /** The request's Cookie header as captured, or null when the capture has none. */
  cookieHeader: string | null;
  browser: Browser;
  thirdPartyCookies: EvaluationContext['thirdPartyCookies'];
  now: number | undefined;
  credentialsMode: string;
  /** An earlier hop of the flow went to another site than the top-level site (Firefox downgrades Lax/Strict). */
  afterCrossSiteRedirect: boolean;
}

/** Chromium's kLaxAllowUnsafeMaxAge (net/cookies/cookie_constants.cc): two minutes. */
const LAX_ALLOW_UNSAFE_MS = 2 * 60 * 1000;
const encoder = new TextEncoder();

function sameSiteReasons(c: StoredCookie, input: SendInput): { reasons: string[]; warnings: string[] } {
  const { ctx, browser } = input;
  if (browser === 'firefox' && ctx.sameSite && input.afterCrossSiteRedirect && (c.sameSite === 'lax' || c.sameSite === 'strict')) {
    // Firefox 153 withholds Lax and Strict cookies after a cross-site redirect (seen at the server);
    // Chromium 156 does not for fetch (it judges each hop against the top-level site alone).
    return { reasons: ['CrossSiteRedirect'], warnings: [] };
  }
  if (ctx.sameSite) return { reasons: [], warnings: [] };
  if (browser === 'firefox') {
    // Firefox: no Lax by default; a top-level navigation lets Lax through for safe methods.
    if (c.sameSite === 'strict') return { reasons: ['SameSiteStrict'], warnings: [] };
    if (c.sameSite === 'lax' && !(ctx.topLevelNavigation && ctx.safeMethod)) return { reasons: ['SameSiteLax'], warnings: [] };
    return { reasons: [], warnings: [] };
  }
  const lax = c.sameSite === 'lax' || c.sameSite === 'unspecified';
  if (c.sameSite === 'strict') return { reasons: ['SchemefulSameSiteStrict'], warnings: [] };
  if (!lax) return { reasons: [], warnings: [] };
  if (ctx.topLevelNavigation && ctx.safeMethod) return { reasons: [], warnings: [] };
  if (ctx.topLevelNavigation && c.sameSite === 'unspecified') {
    const age = input.now !== undefined && c.createdAt !== undefined ? input.now - c.createdAt : Infinity;
    if (age < LAX_ALLOW_UNSAFE_MS) return { reasons: [], warnings: ['WarnSameSiteUnspecifiedLaxAllowUnsafe'] };
  }
  return {
    reasons: [c.sameSite === 'lax' ? 'SchemefulSameSiteLax' : 'SchemefulSameSiteUnspecifiedTreatedAsLax'],
    warnings: [],
  };
}

/** The partition rules: CHIPS in Chrome, Total Cookie Protection in Firefox. */
function visibility(c: StoredCookie, input: SendInput): 'visible' | 'other-partition' | 'tcp' {
  const key = c.partitionKey;
  if (key !== undefined) return key === input.ctx.partitionKey ? 'visible' : 'other-partition';
  const tcp = input.browser === 'firefox' && input.ctx.thirdParty && input.thirdPartyCookies === 'allowed';
  return tcp ? 'tcp' : 'visible';
}

export function judgeSends(input: SendInput): CookieOutcome[] {
  const { ctx, browser } = input;
  const out: CookieOutcome[] = [];
  const headerPairs = input.cookieHeader === null ? null : cookieHeaderPairs(input.cookieHeader);
  const facts = (c: { name: string; raw: string }, extra: Partial<Facts> = {}): Facts => ({
    direction: 'send',
    name: c.name,
    raw: c.raw,
    browser,
    ctx,
    corsAllowed: true,
    credentialsMode: input.credentialsMode,
    ...extra,
  });
  const base = (name: string, raw: string) => ({ name, direction: 'send' as const, hop: input.hop, stage: 'actual' as const, raw });

  // What the capture shows went out was sent, whatever the jar says.
  const sentRaw = new Set<string>();
  for (const p of headerPairs ?? []) {
    sentRaw.add(p.raw);
    const stored = input.jar.find((c) => c.name === p.name && c.value === p.value && domainMatches(c, ctx.host));
    const extra: Partial<Facts> = stored ? { domain: displayDomain(stored), path: stored.path } : {};
    // Only a cookie known to be unpartitioned depends on third-party cookies being allowed.
    const warnings = browser === 'chrome' && ctx.thirdParty && stored && stored.partitionKey === undefined ? ['WarnThirdPartyPhaseout'] : [];
    const kind = warnings.length > 0 ? 'warning' : 'allowed';
    const o: CookieOutcome = { ...base(p.name, p.raw), outcome: kind, reasons: warnings, why: explain(kind, warnings, facts(p, extra)) };
    if (stored) Object.assign(o, { domain: displayDomain(stored), path: stored.path });
    out.push(o);
  }

  const storeKey = cookieStoreKey(ctx.host);
  for (const c of input.jar) {
    if (cookieStoreKey(c.domain) !== storeKey) continue;
    const seen = visibility(c, input);
    if (seen === 'other-partition') continue;
    const raw = `${c.name}=${c.value}`;
    if (sentRaw.has(raw)) continue;
    const reasons: string[] = [];
    const matches = domainMatches(c, ctx.host) && pathMatches(c.path, ctx.path);
    if (!input.ctx.credentialed || seen === 'tcp') {
      // Chromium lists nothing here; only cookies that would otherwise match are worth a line.
      if (!matches) continue;
      reasons.push(input.ctx.credentialed ? 'TotalCookieProtection' : 'CredentialsNotIncluded');
    } else {
      if (c.secure && !ctx.secure) reasons.push('SecureOnly');
      if (!pathMatches(c.path, ctx.path)) reasons.push('NotOnPath');
      if (!domainMatches(c, ctx.host)) reasons.push('DomainMismatch');
      const ss = sameSiteReasons(c, input);
      reasons.push(...ss.reasons);
      if (c.sameSite === 'none' && !c.secure) reasons.push('SameSiteNoneInsecure');
      // Chrome exempts partitioned cookies; Firefox (network.cookie.cookieBehavior 1) blocks them too.
      const exempt = browser === 'chrome' && c.partitionKey !== undefined;
      if (ctx.thirdParty && input.thirdPartyCookies === 'blocked' && !exempt) reasons.push('UserPreferences');
      if (encoder.encode(c.name).length + encoder.encode(c.value).length > MAX_NAME_VALUE_BYTES) {
        reasons.push('NameValuePairExceedsMaxSize');
      }
      if (reasons.length === 0) {
        // The capture listed a Cookie header without this cookie: trust the capture, say nothing.
        if (headerPairs !== null) continue;
        const warnings = [...ss.warnings];
        if (browser === 'chrome' && ctx.thirdParty && c.partitionKey === undefined) warnings.unshift('WarnThirdPartyPhaseout');
        const f = facts({ name: c.name, raw }, { domain: displayDomain(c), path: c.path, sameSite: c.sameSite });
        const kind = warnings.length > 0 ? 'warning' : 'allowed';
        out.push({ ...base(c.name, raw), outcome: kind, reasons: warnings, domain: displayDomain(c), path: c.path, why: explain(kind, warnings, f) });
        continue;
      }
    }
    const ordered = inChromiumOrder(reasons, 'send');
    const f = facts({ name: c.name, raw }, { domain: displayDomain(c), path: c.path, sameSite: c.sameSite });
    out.push({ ...base(c.name, raw), outcome: 'blocked', reasons: ordered, domain: displayDomain(c), path: c.path, why: explain('blocked', ordered, f) });
  }
  return out;
}

/** The preflight of a hop carries none of the cookies its actual request sends. */
export function preflightSends(actual: readonly CookieOutcome[], input: SendInput): CookieOutcome[] {
  return actual
    .filter((o) => o.outcome !== 'blocked')
    .map((o) => {
      const f: Facts = {
        direction: 'send',
        name: o.name,
        raw: o.raw ?? o.name,
        browser: input.browser,
        ctx: input.ctx,
        corsAllowed: true,
        credentialsMode: input.credentialsMode,
      };
      const out: CookieOutcome = {
        ...o,
        stage: 'preflight',
        outcome: 'blocked',
        reasons: ['PreflightNotCredentialed'],
        why: explain('blocked', ['PreflightNotCredentialed'], f),
      };
      return out;
    });
}
