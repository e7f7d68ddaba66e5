/**
 * A recording → the core's Flow, exactly as Chromium made the request: the page request from the
 * scenario's spec (what the page's code asked for), the method as Chromium reported it for the first
 * hop (after Fetch's normalization), the hops as recorded, and the error Chromium ended it with.
 * Nothing is inferred, so `inferred` is empty.
 */
import type { CredentialsMode, Flow, PageRequest } from '../../src/model/index.ts';
import type { Recording } from './recording.ts';

export function pageRequestOf(rec: Recording): PageRequest {
  const spec = rec.request;
  const credentials: CredentialsMode =
    spec.via === 'xhr' ? (spec.credentials === 'include' ? 'include' : 'same-origin') : (spec.credentials ?? 'same-origin');
  const request: PageRequest = {
    url: spec.url,
    method: rec.hops[0]?.request.method ?? spec.method ?? 'GET',
    headers: (spec.headers ?? []).map(([name, value]) => ({ name, value })),
    mode: spec.via === 'xhr' ? 'cors' : (spec.mode ?? 'cors'),
    credentials,
    initiatorType: spec.via === 'xhr' ? 'xmlhttprequest' : 'fetch',
    origin: new URL(rec.pageUrl).origin,
    topLevelUrl: rec.pageUrl,
    initiatorAddressSpace: rec.initiatorAddressSpace,
  };
  if (spec.body !== undefined) request.hasBody = true;
  if (spec.via === 'fetch' && spec.redirect !== undefined) request.redirect = spec.redirect;
  // The page's fetch() declared it; a capture cannot see it (model/flow.ts), the scenario knows it.
  if (spec.targetAddressSpace) request.targetAddressSpace = spec.targetAddressSpace;
  return request;
}

export function buildFlow(rec: Recording): Flow {
  const flow: Flow = {
    id: rec.id,
    request: pageRequestOf(rec),
    hops: structuredClone(rec.hops),
    browser: { name: 'chrome', version: rec.browser.version.replace(/^[^/]*\//, '') },
    source: `conformance:${rec.id}`,
    inferred: [],
  };
  if (rec.errorText !== null) flow.error = rec.errorText;
  return flow;
}
