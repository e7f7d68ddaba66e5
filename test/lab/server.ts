/**
 * The lab server: one HTTP and one HTTPS listener on loopback that answer for every `*.test` host
 * (the browser maps them to 127.0.0.1). Responses are scripted per path, so the same server plays
 * the demo lab, the end-to-end tests and the conformance suite. It logs every request it received,
 * exactly as it arrived (header case and order kept).
 */
import { createServer as createHttpServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { generate } from 'selfsigned';

export interface ResponseSpec {
  /** Default 200. */
  status?: number;
  /** Response headers in wire order; duplicates allowed. */
  headers?: [string, string][];
  body?: string;
  /** Close the connection without answering (a network failure, not CORS). */
  destroy?: boolean;
  /**
   * Write this exact response head (status line and headers, without the final CRLF) to the
   * socket, bypassing Node's header validation — for hostile or malformed headers.
   */
  rawHead?: string;
  /** Wait this long before answering (a slow server; a request still in flight). */
  delayMs?: number;
}

export interface RouteSpec {
  /** Answer to a CORS preflight (OPTIONS carrying Access-Control-Request-Method). Default: 204, no headers. */
  preflight?: ResponseSpec;
  /** Answer to every other request; a function sees the request (e.g. to reflect Origin). */
  actual: ResponseSpec | ((req: ReceivedRequest) => ResponseSpec);
}

export interface ReceivedRequest {
  method: string;
  /** Absolute URL as the client asked for it. */
  url: string;
  host: string;
  path: string;
  secure: boolean;
  /** Raw headers, as sent. */
  headers: [string, string][];
  preflight: boolean;
  at: number;
}

export interface LabServer {
  httpPort: number;
  httpsPort: number;
  /** e.g. url('api.site-b.test', '/lab/x') → http://api.site-b.test:PORT/lab/x */
  url(host: string, path: string, opts?: { secure?: boolean }): string;
  origin(host: string, opts?: { secure?: boolean }): string;
  route(path: string, spec: RouteSpec): void;
  /** Serve an HTML page (or any content) at a path on every host. */
  page(path: string, html: string, contentType?: string): void;
  readonly log: ReceivedRequest[];
  clearLog(): void;
  close(): Promise<void>;
}

export interface LabServerOptions {
  httpPort?: number;
  httpsPort?: number;
  /** Host names the certificate covers, besides `*.site-{a..e}.test`. */
  extraHosts?: string[];
}

export const CERT_HOSTS = ['site-a.test', 'site-b.test', 'site-c.test', 'site-d.test', 'site-e.test'];

function header(req: IncomingMessage, name: string): string | undefined {
  const v = req.headers[name];
  return Array.isArray(v) ? v.join(', ') : v;
}

function pairs(raw: string[]): [string, string][] {
  const out: [string, string][] = [];
  for (let i = 0; i + 1 < raw.length; i += 2) out.push([raw[i]!, raw[i + 1]!]);
  return out;
}

export async function startLabServer(opts: LabServerOptions = {}): Promise<LabServer> {
  const routes = new Map<string, RouteSpec>();
  const pages = new Map<string, { body: string; type: string }>();
  const log: ReceivedRequest[] = [];

  const altNames = [...CERT_HOSTS.flatMap((h) => [h, `*.${h}`]), ...(opts.extraHosts ?? []), 'localhost'].map(
    (value) => ({ type: 2 as const, value }),
  );
  const pems = await generate([{ name: 'commonName', value: 'cors-lens lab' }], {
    keyType: 'ec',
    algorithm: 'sha256',
    extensions: [{ name: 'subjectAltName', altNames: [...altNames, { type: 7, ip: '127.0.0.1' }] }],
  });

  const handle = (secure: boolean) => (req: IncomingMessage, res: ServerResponse) => {
    const host = (header(req, 'host') ?? 'localhost').replace(/:\d+$/, '');
    const port = secure ? httpsPort : httpPort;
    const path = (req.url ?? '/').split('?')[0]!;
    const preflight = req.method === 'OPTIONS' && header(req, 'access-control-request-method') !== undefined;
    const received: ReceivedRequest = {
      method: req.method ?? 'GET',
      url: `${secure ? 'https' : 'http'}://${host}:${port}${req.url ?? '/'}`,
      host,
      path,
      secure,
      headers: pairs(req.rawHeaders),
      preflight,
      at: Date.now(),
    };
    log.push(received);
    req.resume();

    const pageHit = pages.get(path);
    if (pageHit && !preflight) {
      res.writeHead(200, { 'content-type': pageHit.type, 'cache-control': 'no-store' });
      res.end(pageHit.body);
      return;
    }
    const route = routes.get(path);
    if (!route) {
      res.writeHead(404, { 'content-type': 'text/plain' });
      res.end(`no route for ${path}`);
      return;
    }
    const spec = preflight
      ? (route.preflight ?? { status: 204 })
      : typeof route.actual === 'function'
        ? route.actual(received)
        : route.actual;
    send(res, spec);
  };

  const send = (res: ServerResponse, spec: ResponseSpec) => {
    if (spec.delayMs) {
      const { delayMs, ...rest } = spec;
      setTimeout(() => send(res, rest), delayMs);
      return;
    }
    if (spec.destroy) {
      res.socket?.destroy();
      return;
    }
    if (spec.rawHead !== undefined) {
      const body = spec.body ?? '';
      res.socket?.end(`${spec.rawHead}\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`);
      return;
    }
    const body = spec.body ?? '';
    const flat: string[] = ['Cache-Control', 'no-store'];
    for (const [k, v] of spec.headers ?? []) flat.push(k, v);
    res.writeHead(spec.status ?? 200, flat);
    res.end(body);
  };

  const httpServer = createHttpServer(handle(false));
  const httpsServer = createHttpsServer({ key: pems.private, cert: pems.cert }, handle(true));
  const listen = (s: Server, port: number) =>
    new Promise<number>((resolve, reject) => {
      s.once('error', reject);
      s.listen(port, '127.0.0.1', () => resolve((s.address() as AddressInfo).port));
    });
  const httpPort = await listen(httpServer, opts.httpPort ?? 0);
  const httpsPort = await listen(httpsServer, opts.httpsPort ?? 0);

  const origin = (host: string, o: { secure?: boolean } = {}) =>
    o.secure ? `https://${host}:${httpsPort}` : `http://${host}:${httpPort}`;

  return {
    httpPort,
    httpsPort,
    origin,
    url: (host, path, o) => `${origin(host, o)}${path}`,
    route: (path, spec) => void routes.set(path, spec),
    page: (path, body, type = 'text/html; charset=utf-8') => void pages.set(path, { body, type }),
    log,
    clearLog: () => void log.splice(0),
    close: async () => {
      for (const s of [httpServer, httpsServer]) {
        s.closeAllConnections();
        await new Promise<void>((r) => s.close(() => r()));
      }
    },
  };
}
