/**
 * The outcome of one Set-Cookie line on one response, in the order each browser decides it.
 * Chrome (verified against Chromium 156's `responseReceivedExtraInfo.blockedCookies` and its jar):
 *  1. not stored at all, and not reported: preflight responses, uncredentialed requests;
 *  2. parse failures, one reason: NoCookieContent, NameValuePairExceedsMaxSize, DisallowedCharacter;
 *  3. creation failures, together: InvalidDomain, InvalidPrefix; then Partitioned without Secure or
 *     from an insecure URL, dropped silently;
 *  4. third-party cookies blocked by the user: UserPreferences alone, for unpartitioned cookies;
 *  5. access checks, together: SecureOnly, SameSite (Chrome reports the Schemeful… names for every
 *     cross-site case, even when only the host differs), SameSiteNoneInsecure;
 *  6. the store: OverwriteSecure.
 * Firefox (verified against firefox-esr 153: what reached the server, and its console lines): one
 * reason per line — third-party blocking first (partitioned cookies too, no console line), then
 * InvalidDomain, InvalidPrefix, SecureOnly, SameSiteNoneInsecure, Partitioned without Secure,
 * Lax/Strict cross-site (no Lax by default, schemeless sites), OverwriteSecure. A third-party
 * cookie it accepts goes to the jar of the top-level site (Total Cookie Protection).
 */
import type { CookieOutcome, EvaluationContext, StoredCookie } from '../model/index.ts';
import type { Browser, RequestCookieContext } from './context.ts';
import { createCookie, type CreateResult } from './create.ts';
import { displayDomain } from './domain.ts';
import { shadowsSecureCookie } from './jar.ts';
import { parseSetCookie, sameSiteOf, type ParsedSetCookie } from './parse.ts';
import { inChromiumOrder } from './reasons.ts';
import { explain, type Facts } from './why.ts';

export interface SetInput {
  line: string;
  hop: number;
  stage: 'preflight' | 'actual';
  ctx: RequestCookieContext;
  jar: readonly StoredCookie[];
  browser: Browser;
  thirdPartyCookies: EvaluationContext['thirdPartyCookies'];
  now: number | undefined;
  serverDate: number | undefined;
  corsAllowed: boolean;
  credentialsMode: string;
}

export interface SetDecision {
  outcome: CookieOutcome;
  /** What happens to the jar: store this cookie, or delete its equivalent. */
  change?: { cookie: StoredCookie; deletes: boolean };
}

/** SameSite reasons for a cross-site response. Chrome 156 names them Schemeful… in every case. */
function sameSiteReason(sameSite: ReturnType<typeof sameSiteOf>, browser: Browser): string | null {
  if (browser === 'firefox') {
    // Firefox: no Lax by default (network.cookie.sameSite.laxByDefault is off).
    return sameSite === 'strict' ? 'SameSiteStrict' : sameSite === 'lax' ? 'SameSiteLax' : null;
  }
  if (sameSite === 'strict') return 'SchemefulSameSiteStrict';
  if (sameSite === 'lax') return 'SchemefulSameSiteLax';
  if (sameSite === 'unspecified') return 'SchemefulSameSiteUnspecifiedTreatedAsLax';
  return null;
}

/** Step 5: the checks Chromium makes together (CanonicalCookie::IsSetPermittedInContext). */
function chromeAccessReasons(p: ParsedSetCookie, ctx: RequestCookieContext): string[] {
  const reasons: string[] = [];
  if (p.secure && !ctx.secure) reasons.push('SecureOnly');
  const sameSite = sameSiteOf(p);
  // A top-level navigation's response may set Lax and Strict cookies whatever started it.
  if (!ctx.sameSite && !ctx.topLevelNavigation) {
    const r = sameSiteReason(sameSite, 'chrome');
    if (r) reasons.push(r);
  }
  if (sameSite === 'none' && !p.secure) reasons.push('SameSiteNoneInsecure');
  return reasons;
}

/** Chrome's steps 3–5 for a line that parsed. */
function chromeBlock(p: ParsedSetCookie, created: CreateResult, input: SetInput): string[] {
  if (!created.ok) return created.reasons;
  // CHIPS needs Secure and a secure URL; Chromium drops the cookie without reporting it.
  if (p.partitioned && (!p.secure || !input.ctx.secure)) return ['PartitionedRequiresSecure'];
  if (input.ctx.thirdParty && input.thirdPartyCookies === 'blocked' && !p.partitioned) return ['UserPreferences'];
  return chromeAccessReasons(p, input.ctx);
}

/** Firefox's checks for a line that parsed: the first that fails (netwerk/cookie/CookieService.cpp). */
function firefoxBlock(p: ParsedSetCookie, created: CreateResult, input: SetInput): string[] {
  const { ctx } = input;
  if (ctx.thirdParty && input.thirdPartyCookies === 'blocked') return ['UserPreferences'];
  if (!created.ok) return [created.reasons[0]!];
  if (p.secure && !ctx.secure) return ['SecureOnly'];
  const sameSite = sameSiteOf(p);
  if (sameSite === 'none' && !p.secure) return ['SameSiteNoneInsecure'];
  if (p.partitioned && !p.secure) return ['PartitionedRequiresSecure'];
  if (!ctx.sameSite && !ctx.topLevelNavigation) {
    const r = sameSiteReason(sameSite, 'firefox');
    if (r) return [r];
  }
  return [];
}

export function judgeSetCookie(input: SetInput): SetDecision {
  const { ctx, browser } = input;
  const parsed = parseSetCookie(input.line);
  const name = parsed.ok ? parsed.name : (parsed.name ?? '');
  const facts: Facts = {
    direction: 'set',
    name,
    raw: parsed.raw,
    browser,
    ctx,
    corsAllowed: input.corsAllowed,
    credentialsMode: input.credentialsMode,
  };
  if (parsed.ok) {
    facts.sameSite = sameSiteOf(parsed);
    if (parsed.domain !== undefined) facts.domainAttr = parsed.domain;
    facts.partitioned = parsed.partitioned;
  }
  const base = { name, direction: 'set' as const, hop: input.hop, stage: input.stage, raw: parsed.raw };
  const blocked = (reasons: string[]): SetDecision => {
    const ordered = inChromiumOrder(reasons, 'set');
    const outcome: CookieOutcome = { ...base, outcome: 'blocked', reasons: ordered, why: explain('blocked', ordered, facts) };
    if (facts.domain !== undefined) outcome.domain = facts.domain;
    if (facts.path !== undefined) outcome.path = facts.path;
    return { outcome };
  };

  if (input.stage === 'preflight') return blocked(['PreflightNotCredentialed']);
  if (!ctx.credentialed) return blocked(['CredentialsNotIncluded']);
  if (!parsed.ok) return blocked([parsed.reason]);

  const tcp = browser === 'firefox' && ctx.thirdParty && input.thirdPartyCookies === 'allowed';
  const created = createCookie({
    parsed,
    ctx,
    now: input.now,
    serverDate: input.serverDate,
    partitionEvenWithoutAttribute: tcp,
  });
  if (created.ok) {
    facts.domain = displayDomain(created.cookie);
    facts.path = created.cookie.path;
    facts.deletes = created.deletes;
  }
  const reasons = browser === 'firefox' ? firefoxBlock(parsed, created, input) : chromeBlock(parsed, created, input);
  if (reasons.length > 0 || !created.ok) return blocked(reasons);
  const cookie = created.cookie;
  if (!ctx.secure && !parsed.secure && shadowsSecureCookie(input.jar, cookie)) return blocked(['OverwriteSecure']);

  const warnings = [...parsed.warnings];
  // Chromium 156 raises WarnThirdPartyPhaseout (Issues panel) on every unpartitioned third-party
  // cookie, a line that deletes one included (conformance recording found-set-cookie-max-age-0).
  if (browser === 'chrome' && ctx.thirdParty && !parsed.partitioned) warnings.unshift('WarnThirdPartyPhaseout');
  if (tcp) warnings.unshift('TotalCookieProtection');
  facts.partitioned = cookie.partitionKey !== undefined;
  const outcome: CookieOutcome = {
    ...base,
    outcome: warnings.length > 0 ? 'warning' : 'allowed',
    reasons: warnings,
    domain: facts.domain,
    path: cookie.path,
    why: explain(warnings.length > 0 ? 'warning' : 'allowed', warnings, facts),
  };
  return { outcome, change: { cookie, deletes: created.deletes } };
}
