/**
 * A compact way to write flows by hand — for tests, examples and the CLI's demo. Header lists are
 * `[name, value]` pairs in wire order; a hop's `location` makes it a redirect to that URL.
 */
import type { AddressSpace, CredentialsMode, Flow, Header, Hop, InitiatorType, PageRequest, RequestMode } from '../model/index.ts';

export type Pairs = readonly (readonly [string, string])[];

export interface ResponseSpec {
  status?: number;
  headers?: Pairs;
  ip?: string;
}

export interface HopSpec extends ResponseSpec {
  /** Defaults to the request URL (first hop) or the previous hop's location. */
  url?: string;
  method?: string;
  /** Request headers as captured on the wire (e.g. Origin). */
  requestHeaders?: Pairs;
  /** Redirect target: adds a Location header (status defaults to 302). */
  location?: string;
  /** The preflight before this hop; `false` for none. A preflight without response: `{ error }`. */
  preflight?: (ResponseSpec & { error?: string; noResponse?: boolean }) | false;
  /** No response arrived (only an error, or still pending). */
  noResponse?: boolean;
  error?: string;
  addressSpace?: AddressSpace;
}

export interface RequestSpec {
  url: string;
  method?: string;
  headers?: Pairs;
  mode?: RequestMode;
  credentials?: CredentialsMode;
  initiatorType?: InitiatorType;
  origin?: string;
  redirect?: PageRequest['redirect'];
  initiatorAddressSpace?: AddressSpace;
  targetAddressSpace?: AddressSpace;
}

export const headers = (pairs: Pairs = []): Header[] => pairs.map(([name, value]) => ({ name, value }));

export function buildFlow(req: RequestSpec, hopSpecs: readonly HopSpec[], extra: Partial<Flow> = {}): Flow {
  const request: PageRequest = {
    url: req.url,
    method: req.method ?? 'GET',
    headers: headers(req.headers),
    mode: req.mode ?? 'cors',
    credentials: req.credentials ?? 'same-origin',
    initiatorType: req.initiatorType ?? 'fetch',
    origin: req.origin ?? 'https://app.site-a.test',
    ...(req.redirect ? { redirect: req.redirect } : {}),
    ...(req.initiatorAddressSpace ? { initiatorAddressSpace: req.initiatorAddressSpace } : {}),
    ...(req.targetAddressSpace ? { targetAddressSpace: req.targetAddressSpace } : {}),
  };
  let url = req.url;
  const hops: Hop[] = hopSpecs.map((spec) => {
    const hopUrl = spec.url ?? url;
    const responseHeaders = headers(spec.headers);
    if (spec.location !== undefined) {
      responseHeaders.push({ name: 'Location', value: spec.location });
      url = new URL(spec.location, hopUrl).href;
    }
    const hop: Hop = {
      request: { url: hopUrl, method: spec.method ?? request.method, headers: headers(spec.requestHeaders) },
      sent: !spec.noResponse,
      ...(spec.noResponse ? {} : { response: { status: spec.status ?? (spec.location !== undefined ? 302 : 200), headers: responseHeaders, serverIPAddress: spec.ip } }),
      ...(spec.error ? { error: spec.error } : {}),
      ...(spec.addressSpace ? { addressSpace: spec.addressSpace } : {}),
    };
    if (spec.preflight) {
      const p = spec.preflight;
      hop.preflight = {
        request: { url: hopUrl, method: 'OPTIONS', headers: [] },
        ...(p.noResponse || p.error ? {} : { response: { status: p.status ?? 204, headers: headers(p.headers), serverIPAddress: p.ip } }),
        ...(p.error ? { error: p.error } : {}),
      };
    }
    return hop;
  });
  return { id: extra.id ?? 'flow-1', request, hops, inferred: [], ...extra };
}
