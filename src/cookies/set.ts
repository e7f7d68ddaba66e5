/**
 * The outcome of one Set-Cookie line on one response, in the order Chromium decides it
 * (all verified against Chromium 156's `responseReceivedExtraInfo.blockedCookies`):
 *  1. not stored at all, and not reported: preflight responses, uncredentialed requests;
 *  2. parse failures, one reason: NoCookieContent, NameValuePairExceedsMaxSize, DisallowedCharacter;
 *  3. creation failures: InvalidDomain and/or InvalidPrefix; Partitioned without Secure (silent);
 *  4. third-party cookies blocked by the user: UserPreferences alone, for unpartitioned cookies;
 *  5. access checks, together: SecureOnly, SameSite (Chrome reports the Schemeful… names for every
 *     cross-site case, even when only the host differs), SameSiteNoneInsecure;
 *  6. the store: OverwriteSecure.
 * Firefox: no Lax by default, schemeless sites, Total Cookie Protection (not verified in a run).
 */
import type { CookieOutcome, EvaluationContext, StoredCookie } from '../model/index.ts';
import type { Browser, RequestCookieContext } from './context.ts';
import { createCookie } from './create.ts';
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
function accessReasons(p: ParsedSetCookie, ctx: RequestCookieContext, browser: Browser): string[] {
  const reasons: string[] = [];
  if (p.secure && !ctx.secure) reasons.push('SecureOnly');
  const sameSite = sameSiteOf(p);
  // A top-level navigation's response may set Lax and Strict cookies whatever started it.
  if (!ctx.sameSite && !ctx.topLevelNavigation) {
    const r = sameSiteReason(sameSite, browser);
    if (r) reasons.push(r);
  }
  if (sameSite === 'none' && !p.secure) reasons.push('SameSiteNoneInsecure');
  return reasons;
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
  if (!created.ok) return blocked(created.reasons);
  const cookie = created.cookie;
  facts.domain = displayDomain(cookie);
  facts.path = cookie.path;
  facts.deletes = created.deletes;

  // Step 4: Chromium replaces every access reason by UserPreferences; partitioned cookies are exempt.
  if (ctx.thirdParty && input.thirdPartyCookies === 'blocked' && !parsed.partitioned) return blocked(['UserPreferences']);
  const access = accessReasons(parsed, ctx, browser);
  if (access.length > 0) return blocked(access);
  if (!ctx.secure && !parsed.secure && shadowsSecureCookie(input.jar, cookie)) return blocked(['OverwriteSecure']);

  const warnings = [...parsed.warnings];
  // Chromium 156 raises WarnThirdPartyPhaseout (Issues panel) on every unpartitioned third-party cookie.
  if (browser === 'chrome' && ctx.thirdParty && !parsed.partitioned && !created.deletes) warnings.unshift('WarnThirdPartyPhaseout');
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
