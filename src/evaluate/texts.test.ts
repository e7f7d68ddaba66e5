/**
 * The why and fix texts of whole flows, pinned: each must agree with the value it recommends and
 * with what the request carried (`Origin: null` after a cross-origin redirect above all).
 */
import { describe, expect, it } from 'vitest';
import type { EvaluationContext, Flow } from '../model/index.ts';
import { buildFlow, headers } from './flow-builder.ts';
import { evaluate } from './index.ts';

const ctx: EvaluationContext = { browser: 'chrome', thirdPartyCookies: 'allowed' };
const O = 'https://app.site-a.test';
const START = 'https://api.site-b.test/start';
const END = 'https://api.site-c.test/end';

/** GET start → 302 to another origin → end, which answers with `endHeaders`. */
const redirected = (credentials: 'include' | 'same-origin', endHeaders: [string, string][]) =>
  buildFlow({ url: START, origin: O, credentials }, [
    { location: END, headers: [['Access-Control-Allow-Origin', O], ...(credentials === 'include' ? [['Access-Control-Allow-Credentials', 'true'] as [string, string]] : [])] },
    { headers: endHeaders },
  ]);

describe('after a cross-origin redirect (Origin: null)', () => {
  it('without credentials: explains null, recommends requesting the final URL, else `*`', () => {
    const e = evaluate(redirected('same-origin', [['Access-Control-Allow-Origin', O]]), ctx);
    expect(e.error?.code).toBe('AllowOriginMismatch');
    expect(e.error?.why).toBe(
      `The response allows \`${O}\`, but the request came from \`null\`. The two must match exactly — scheme, host, port, no trailing slash. The request carried \`Origin: null\` because an earlier redirect went to another origin; after such a redirect the browser hides the page's origin.`,
    );
    expect(e.error?.fix).toMatchObject({ header: 'Access-Control-Allow-Origin', value: '*', on: 'actual' });
    expect(e.error?.fix?.summary).toBe(
      `After a redirect to another origin the browser sends \`Origin: null\`, so the page’s own origin cannot match here. Best: have the page request ${END} directly, so that it sends its own origin. Otherwise, as the request has no credentials, send \`Access-Control-Allow-Origin: *\` on the response to GET ${END}.`,
    );
    expect(e.error?.fix?.summary).not.toMatch(/Name the page/);
  });

  it('with credentials: never recommends allowing null; names the page origin for a direct request', () => {
    const e = evaluate(redirected('include', [['Access-Control-Allow-Origin', O], ['Access-Control-Allow-Credentials', 'true']]), ctx);
    expect(e.error?.code).toBe('AllowOriginMismatch');
    expect(e.error?.fix).toMatchObject({ header: 'Access-Control-Allow-Origin', value: O });
    expect(e.error?.fix?.summary).toBe(
      `After a redirect to another origin the browser sends \`Origin: null\`, so the page’s own origin cannot match here. With credentials only \`Access-Control-Allow-Origin: null\` would pass, and any sandboxed page can send \`Origin: null\` too: it could read the response with the user’s cookies. Have the page request ${END} directly instead, and send \`Access-Control-Allow-Origin: ${O}\` on the response to GET ${END}, with \`Access-Control-Allow-Credentials: true\`.`,
    );
    expect(e.error?.fix?.snippets.express).toContain(`origin: "${O}"`);
  });

  it('`*` with credentials after the redirect: the same advice, not "name the requesting origin"', () => {
    const e = evaluate(redirected('include', [['Access-Control-Allow-Origin', '*']]), ctx);
    expect(e.error?.code).toBe('WildcardOriginNotAllowed');
    expect(e.error?.fix?.summary).toMatch(/^`\*` does not work with credentials\. After a redirect to another origin the browser sends `Origin: null`/);
    expect(e.error?.fix?.value).toBe(O);
  });

  it('a response that lets null through: the warning asks for the page origin on a direct request, not `*` under "name real origins"', () => {
    const e = evaluate(redirected('same-origin', [['Access-Control-Allow-Origin', 'null']]), ctx);
    expect(e.verdict).toBe('allowed');
    const fix = e.warnings.find((w) => w.code === 'AllowOriginNull')?.fix;
    expect(fix).toMatchObject({ header: 'Access-Control-Allow-Origin', value: O });
    expect(fix?.summary).toBe(
      `Do not allow \`null\`: every sandboxed page can send it. The request carried \`Origin: null\` only because it was redirected to another origin. Have the page request ${END} directly, so that it sends its own origin, and send \`Access-Control-Allow-Origin: ${O}\` on the response to GET ${END}. If the response is public, \`*\` says so plainly.`,
    );
  });

  it('a preflight that carried the page origin (Firefox) is explained with that origin, not null', () => {
    const flow: Flow = buildFlow({ url: START, method: 'PUT', origin: O }, [
      { location: END, status: 307, headers: [['Access-Control-Allow-Origin', O]], preflight: { headers: [['Access-Control-Allow-Origin', O], ['Access-Control-Allow-Methods', 'PUT']] } },
      { noResponse: true, preflight: { headers: [['Access-Control-Allow-Origin', 'null'], ['Access-Control-Allow-Methods', 'PUT']] } },
    ]);
    flow.hops[1]!.preflight!.request!.headers = headers([['Origin', O]]);
    const e = evaluate(flow, ctx);
    expect(e.error).toMatchObject({ code: 'PreflightAllowOriginMismatch', failedParameter: 'null' });
    expect(e.error?.why).toBe(`The preflight response allows \`null\`, but the request came from \`${O}\`. The two must match exactly — scheme, host, port, no trailing slash.`);
    expect(e.error?.fix?.summary).toBe(
      `Name the page’s origin exactly: scheme, host and port. Send \`Access-Control-Allow-Origin: ${O}\` on the preflight response (OPTIONS ${END}).`,
    );
  });
});

describe('other texts that used to contradict themselves', () => {
  it('a failure whose preflight was not captured does not claim "not a CORS block"', () => {
    const e = evaluate(buildFlow({ url: START, method: 'PUT', origin: O }, [{ noResponse: true, error: 'net::ERR_FAILED' }]), ctx);
    expect(e.verdict).toBe('failed');
    expect(e.summary).toBe(
      'Failed: net::ERR_FAILED. The request needed a preflight, but none was captured, so whether CORS refused it cannot be told. (Firefox words such a failure as “CORS request did not succeed”.)',
    );
  });

  it('missing Access-Control-Allow-Credentials: no "the value must be true" when there is no value', () => {
    const none = evaluate(buildFlow({ url: START, origin: O, credentials: 'include' }, [{ headers: [['Access-Control-Allow-Origin', O]] }]), ctx);
    expect(none.error?.fix?.summary).toBe(
      `The request carries credentials, so the response must say it may be read with them. Send \`Access-Control-Allow-Credentials: true\` on the response to GET ${START}.`,
    );
    const wrong = evaluate(buildFlow({ url: START, origin: O, credentials: 'include' }, [{ headers: [['Access-Control-Allow-Origin', O], ['Access-Control-Allow-Credentials', 'TRUE']] }]), ctx);
    expect(wrong.error?.fix?.summary).toMatch(/^The value must be exactly `true`, in lower case \(it was `TRUE`\)\./);
  });

  it('`*` with credentials: one recommendation, then the alternative', () => {
    const e = evaluate(buildFlow({ url: START, origin: O, credentials: 'include' }, [{ headers: [['Access-Control-Allow-Origin', '*']] }]), ctx);
    expect(e.error?.fix?.summary).toBe(
      `Name the requesting origin instead of \`*\`: send \`Access-Control-Allow-Origin: ${O}\` on the response to GET ${START}, with \`Vary: Origin\` — or make the request without credentials.`,
    );
  });

  it('an authentication gateway on the preflight: the advice, then the header its answer needs', () => {
    const e = evaluate(
      buildFlow({ url: START, method: 'PUT', origin: O }, [{ preflight: { status: 401, headers: [['WWW-Authenticate', 'Bearer realm="api"']] } }]),
      ctx,
    );
    expect(e.error?.code).toBe('PreflightMissingAllowOriginHeader');
    expect(e.error?.fix?.summary).toMatch(/^The preflight was answered by an authentication layer .*: the preflight got 401 \(authentication required\); it asks for credentials \(`WWW-Authenticate: Bearer realm="api"`\)\./);
    expect(e.error?.fix?.summary).toMatch(new RegExp(`Its answer to the preflight must then carry \`Access-Control-Allow-Origin: ${O.replace(/\./g, '\\.')}\`\\.$`));
  });

  it('Max-Age over the cap: Chromium caps it (it does not ignore it)', () => {
    const e = evaluate(
      buildFlow({ url: START, method: 'PUT', origin: O }, [
        { headers: [['Access-Control-Allow-Origin', O]], preflight: { headers: [['Access-Control-Allow-Origin', O], ['Access-Control-Allow-Methods', 'PUT'], ['Access-Control-Max-Age', '86400']] } },
      ]),
      ctx,
    );
    const fix = e.warnings.find((w) => w.code === 'PreflightMaxAgeCapped')?.fix;
    expect(fix?.summary).toBe(
      `Send \`Access-Control-Max-Age: 7200\` or less on the preflight response (OPTIONS ${START}): Chromium caps the preflight cache at 2 hours, so a longer value does not keep it longer.`,
    );
  });
});
