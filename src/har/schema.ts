/**
 * Run-time checks of HAR 1.2 input (http://www.softwareishard.com/blog/har-12-spec/), strict on
 * the fields cors-lens reads and lenient on the rest: browsers and tools disagree on the optional
 * and "required but unused" fields (Playwright omits timings members, Firefox writes `null`s),
 * and none of those change a verdict. Unknown and `_custom` fields pass through untouched.
 */
import * as v from 'valibot';
import type { Entry, Response as HarResponse } from 'har-format';
import type { CredentialsMode, RequestMode } from '../model/flow.ts';
import { ownValue } from '../model/own-key.ts';

const Header = v.looseObject({ name: v.string(), value: v.string() });
const Headers = v.array(Header);

/** A number where one belongs, tolerating the `null`s and absences some exporters write. */
const LenientNumber = v.optional(v.nullable(v.number()));

const Request = v.looseObject({
  method: v.string(),
  url: v.string(),
  httpVersion: v.optional(v.nullable(v.string())),
  headers: Headers,
  cookies: v.optional(v.nullable(v.array(v.looseObject({ name: v.string(), value: v.optional(v.nullable(v.string())) })))),
  postData: v.optional(v.nullable(v.looseObject({ mimeType: v.optional(v.nullable(v.string())), text: v.optional(v.nullable(v.string())) }))),
  headersSize: LenientNumber,
  bodySize: LenientNumber,
});

const Response = v.looseObject({
  status: v.number(),
  statusText: v.optional(v.nullable(v.string())),
  httpVersion: v.optional(v.nullable(v.string())),
  headers: Headers,
  cookies: v.optional(v.nullable(v.array(v.looseObject({ name: v.string(), value: v.optional(v.nullable(v.string())) })))),
  content: v.optional(v.nullable(v.looseObject({ size: LenientNumber, mimeType: v.optional(v.nullable(v.string())) }))),
  redirectURL: v.optional(v.nullable(v.string())),
  headersSize: LenientNumber,
  bodySize: LenientNumber,
  /** Chrome: the network error of a failed request (`net::ERR_FAILED`), or null. */
  _error: v.optional(v.nullable(v.string())),
  /** Playwright: the failure text of a failed request. */
  _failureText: v.optional(v.nullable(v.string())),
});

const IsoDate = v.pipe(
  v.string(),
  v.check((s) => !Number.isNaN(Date.parse(s)), 'expected an ISO 8601 date'),
);

export const EntrySchema = v.looseObject({
  pageref: v.optional(v.nullable(v.string())),
  startedDateTime: IsoDate,
  time: LenientNumber,
  request: Request,
  response: Response,
  serverIPAddress: v.optional(v.nullable(v.string())),
  /** Chrome DevTools: fetch, xhr, preflight, document, script, …; Playwright: its resourceType() (no preflight). */
  _resourceType: v.optional(v.nullable(v.string())),
  /** Playwright: the frame that made the request (`frame@…`); a navigation's is the frame navigated. */
  _frameref: v.optional(v.nullable(v.string())),
  /** Playwright: a route answered (`route.fulfill`), aborted or continued the request. */
  _wasFulfilled: v.optional(v.nullable(v.boolean())),
  _wasAborted: v.optional(v.nullable(v.boolean())),
  _wasContinued: v.optional(v.nullable(v.boolean())),
  /** cors-lens's own HARs (`check --har`, exports): the request's mode and credentials mode, where known. */
  _corsLens: v.optional(
    v.nullable(
      v.looseObject({
        mode: v.optional(v.picklist(['cors', 'no-cors', 'same-origin', 'navigate', 'websocket'])),
        credentials: v.optional(v.picklist(['omit', 'same-origin', 'include'])),
      }),
    ),
  ),
  /** Chrome DevTools: what started the request; `{type: "preflight", url, requestId}` for preflights. */
  _initiator: v.optional(
    v.nullable(
      v.looseObject({
        type: v.optional(v.string()),
        url: v.optional(v.nullable(v.string())),
        requestId: v.optional(v.nullable(v.string())),
      }),
    ),
  ),
});

export const CreatorSchema = v.looseObject({ name: v.string(), version: v.optional(v.nullable(v.string())) });

export const PageSchema = v.looseObject({
  id: v.string(),
  title: v.optional(v.nullable(v.string())),
  startedDateTime: v.optional(v.nullable(v.string())),
});
export const PagesSchema = v.array(PageSchema);

/**
 * An entry as cors-lens keeps it: validated, bodies dropped. har-format's Entry, with the
 * non-standard fields as the exporters write them (Chrome's `_error` and object `_initiator` with
 * a `requestId`, Playwright's `_failureText`, `_frameref` and route flags).
 */
export type HarEntry = Omit<Entry, '_initiator' | 'response'> & {
  _initiator?: { type?: string; url?: string | null; requestId?: string | null; [k: string]: unknown } | null;
  _corsLens?: { mode?: RequestMode; credentials?: CredentialsMode; [k: string]: unknown } | null;
  _frameref?: string | null;
  _wasFulfilled?: boolean | null;
  _wasAborted?: boolean | null;
  _wasContinued?: boolean | null;
  response: HarResponse & { _error?: string | null; _failureText?: string | null };
};

const ARTICLE: Record<string, string> = {
  string: 'a string',
  number: 'a number',
  boolean: 'a boolean',
  Object: 'an object',
  Array: 'an array',
  null: 'null',
};

function describeReceived(received: string): string {
  const article = ownValue(ARTICLE, received);
  if (article) return article;
  if (received.startsWith('"')) return `a string (${received.length > 40 ? `${received.slice(0, 40)}…"` : received})`;
  if (received === 'true' || received === 'false') return `a boolean (${received})`;
  if (/^-?\d|^NaN$|^-?Infinity$/.test(received)) return `a number (${received})`;
  return received;
}

/** Turns a valibot issue into `request.headers[3].value: expected a string, got a number`. */
export function describeIssue(issue: v.BaseIssue<unknown>, prefix: string): { path: string; message: string } {
  let path = prefix;
  for (const item of issue.path ?? []) {
    const key = (item as { key: unknown }).key;
    path += typeof key === 'number' ? `[${key}]` : `.${String(key)}`;
  }
  const missing = issue.received === 'undefined';
  let message: string;
  if (issue.kind === 'validation') message = issue.message;
  else if (missing) message = `missing (expected ${ownValue(ARTICLE, issue.expected ?? '') ?? issue.expected})`;
  else message = `expected ${ownValue(ARTICLE, issue.expected ?? '') ?? issue.expected}, got ${describeReceived(issue.received)}`;
  return { path, message };
}
