/**
 * Sends one HTTP request with exactly the headers given (names, case and order kept), which
 * Node's fetch cannot do (it refuses to set Origin and other forbidden headers). Network errors
 * are named the way Chromium names them, so the evaluator reads them as it reads a capture.
 */
import { request as httpRequest, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
import type { Header, WireResponse } from '../model/index.ts';
import { ownValue } from '../model/own-key.ts';

export interface SendOptions {
  insecure: boolean;
  timeoutMs: number;
}

export type Sent = { response: WireResponse } | { error: string; detail: string };

export type Transport = (method: string, url: string, headers: readonly Header[]) => Promise<Sent>;

/** Node's error codes → Chromium's net error names (net/base/net_error_list.h). */
const NET_ERRORS: Record<string, string> = {
  ECONNREFUSED: 'net::ERR_CONNECTION_REFUSED',
  ECONNRESET: 'net::ERR_CONNECTION_RESET',
  ENOTFOUND: 'net::ERR_NAME_NOT_RESOLVED',
  EAI_AGAIN: 'net::ERR_NAME_NOT_RESOLVED',
  ETIMEDOUT: 'net::ERR_TIMED_OUT',
  EHOSTUNREACH: 'net::ERR_ADDRESS_UNREACHABLE',
  ENETUNREACH: 'net::ERR_INTERNET_DISCONNECTED',
  EPROTO: 'net::ERR_SSL_PROTOCOL_ERROR',
  DEPTH_ZERO_SELF_SIGNED_CERT: 'net::ERR_CERT_AUTHORITY_INVALID',
  SELF_SIGNED_CERT_IN_CHAIN: 'net::ERR_CERT_AUTHORITY_INVALID',
  UNABLE_TO_VERIFY_LEAF_SIGNATURE: 'net::ERR_CERT_AUTHORITY_INVALID',
  UNABLE_TO_GET_ISSUER_CERT_LOCALLY: 'net::ERR_CERT_AUTHORITY_INVALID',
  CERT_HAS_EXPIRED: 'net::ERR_CERT_DATE_INVALID',
  ERR_TLS_CERT_ALTNAME_INVALID: 'net::ERR_CERT_COMMON_NAME_INVALID',
};

/** Chromium's cap on a response's headers (net/http/http_stream_parser.cc kMaxHeaderBufSize). */
const MAX_HEADER_BYTES = 256 * 1024;

/** Node's parser errors (llhttp HPE_*) → what Chromium reports for such a response. */
function parseError(code: string): string | undefined {
  if (code === 'HPE_HEADER_OVERFLOW') return 'net::ERR_RESPONSE_HEADERS_TOO_BIG';
  if (code.startsWith('HPE_')) return 'net::ERR_INVALID_HTTP_RESPONSE';
  return undefined;
}

function headersOf(res: IncomingMessage): Header[] {
  const out: Header[] = [];
  for (let i = 0; i + 1 < res.rawHeaders.length; i += 2) out.push({ name: res.rawHeaders[i]!, value: res.rawHeaders[i + 1]! });
  return out;
}

export function nodeTransport(opts: SendOptions): Transport {
  return (method, url, headers) =>
    new Promise<Sent>((resolve) => {
      const u = new URL(url);
      const send = u.protocol === 'https:' ? httpsRequest : httpRequest;
      // Chromium's network stack opens every request with these two (Node would append Host and "close").
      // A null-prototype object: a header named `constructor` or `__proto__` is sent as itself.
      const outgoing: Record<string, string> = Object.assign(Object.create(null) as Record<string, string>, { Host: u.host, Connection: 'keep-alive' });
      for (const h of headers) outgoing[h.name] = ownValue(outgoing, h.name) !== undefined ? `${outgoing[h.name]}, ${h.value}` : h.value;
      let settled = false;
      let timer: ReturnType<typeof setTimeout> | undefined;
      const done = (s: Sent) => {
        if (!settled) {
          settled = true;
          clearTimeout(timer);
          resolve(s);
        }
      };
      try {
        const req = send(
          u,
          {
            method,
            headers: outgoing,
            rejectUnauthorized: !opts.insecure,
            agent: false,
            maxHeaderSize: MAX_HEADER_BYTES,
            // Chromium takes control bytes in header values that Node's strict parser refuses.
            insecureHTTPParser: true,
          },
          (res) => {
            const response: WireResponse = { status: res.statusCode ?? 0, headers: headersOf(res) };
            if (res.statusMessage) response.statusText = res.statusMessage;
            if (res.socket?.remoteAddress) response.serverIPAddress = res.socket.remoteAddress;
            // The CORS check is made on the headers; the body never matters, and may be huge or endless.
            done({ response });
            res.on('error', () => {});
            res.destroy();
          },
        );
        // A deadline for the whole exchange, not Node's idle timeout: a server that trickles never idles.
        timer = setTimeout(() => req.destroy(Object.assign(new Error(`no response within ${opts.timeoutMs} ms`), { code: 'ETIMEDOUT' })), opts.timeoutMs);
        req.on('error', (err: NodeJS.ErrnoException) => {
          done({ error: ownValue(NET_ERRORS, err.code ?? '') ?? parseError(err.code ?? '') ?? 'net::ERR_FAILED', detail: `${err.code ?? ''} ${err.message}`.trim() });
        });
        req.end();
      } catch (err) {
        done({ error: 'net::ERR_INVALID_URL', detail: (err as Error).message });
      }
    });
}
