import type { Header } from './header.ts';

/** The request line and headers of one HTTP request as it went on the wire. */
export interface WireRequest {
  url: string;
  method: string;
  /** Every header the browser sent, Origin and Cookie included when the capture could see them. */
  headers: Header[];
}

/** One HTTP response as it came back. */
export interface WireResponse {
  status: number;
  statusText?: string;
  headers: Header[];
  /** The absolute URL a 3xx response pointed to (its Location, resolved against the request URL). */
  redirectURL?: string;
  serverIPAddress?: string;
  /** Served from the HTTP cache (or, for a preflight, never on the wire at all). */
  fromCache?: boolean;
}

/**
 * An IP address space as Chromium's Local Network Access names them (Chromium 156): loopback
 * (127.0.0.0/8, ::1), local (private, link-local and unique-local ranges) and public (the rest).
 */
export type AddressSpace = 'public' | 'local' | 'loopback';

/**
 * One HTTP exchange — a request and, when one arrived, its response.
 * `error` is the network error the browser reported for it, verbatim
 * (`net::ERR_FAILED`, `net::ERR_CONNECTION_REFUSED`, `NS_ERROR_DOM_BAD_URI`, …).
 */
export interface Exchange {
  request: WireRequest;
  response?: WireResponse;
  error?: string;
  /** When the request started, in milliseconds since the epoch, if known. */
  startedAt?: number;
  /**
   * The server's address space, when the capture knows it even without a response (CDP
   * `remoteAddressSpace`, a failed request's IP). Otherwise derived from `response.serverIPAddress`.
   */
  addressSpace?: AddressSpace;
}

/**
 * A hop: one URL of a flow's redirect chain. The exchange is the actual request at that URL;
 * `preflight` is the OPTIONS exchange the browser made before it, if any was seen.
 * `sent: false` means the browser never put the actual request on the wire (its preflight failed,
 * or the flow was stopped before this hop).
 */
export interface Hop extends Exchange {
  preflight?: Exchange;
  sent: boolean;
}
