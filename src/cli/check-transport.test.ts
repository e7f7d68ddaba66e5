/**
 * `check`'s transport against real sockets on 127.0.0.1: what reaches the evaluator when a server
 * misbehaves (odd bytes, oversized headers, a body without end, a server that trickles).
 */
import { createServer, type Server, type Socket } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { nodeTransport, type Sent } from './transport.ts';

let servers: Server[] = [];
afterEach(async () => {
  await Promise.all(servers.map((s) => new Promise((r) => s.close(r))));
  servers = [];
});

/** A raw TCP server: `answer` writes whatever it likes once the request head has arrived. */
async function raw(answer: (socket: Socket) => void): Promise<string> {
  const sockets = new Set<Socket>();
  const server = createServer((socket) => {
    sockets.add(socket);
    socket.on('error', () => {});
    socket.on('close', () => sockets.delete(socket));
    let head = '';
    socket.on('data', (d) => {
      if (head.includes('\r\n\r\n')) return;
      head += d.toString('latin1');
      if (head.includes('\r\n\r\n')) answer(socket);
    });
  });
  const close = server.close.bind(server);
  server.close = ((cb?: () => void) => {
    for (const s of sockets) s.destroy();
    return close(cb);
  }) as typeof server.close;
  servers.push(server);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const address = server.address();
  if (!address || typeof address === 'string') throw new Error('no port');
  return `http://127.0.0.1:${address.port}/`;
}

const send = (url: string, timeoutMs = 5000): Promise<Sent> => nodeTransport({ insecure: false, timeoutMs })('GET', url, [{ name: 'Origin', value: 'https://app.a.test' }]);
const head = (...lines: string[]) => `HTTP/1.1 200 OK\r\n${lines.map((l) => `${l}\r\n`).join('')}\r\n`;

describe('check transport', () => {
  it('keeps control bytes in a header value, as Chromium does, instead of failing the request', async () => {
    const url = await raw((s) => s.end(head('Access-Control-Allow-Origin: *', 'X-Evil: a\x1b[31mred\x07b', 'Content-Length: 0'), 'latin1'));
    const got = await send(url);
    expect('response' in got && got.response.headers).toContainEqual({ name: 'X-Evil', value: 'a\x1b[31mred\x07b' });
  });

  it('sends request headers named like Object.prototype\'s keys as themselves, and merges repeats', async () => {
    let received = '';
    const url = await raw((s) => s.end(head('Access-Control-Allow-Origin: *', 'Content-Length: 0')));
    servers.at(-1)!.on('connection', (socket) => socket.on('data', (d) => (received += d.toString('latin1'))));
    const headers = [
      { name: 'Origin', value: 'https://app.a.test' },
      { name: 'constructor', value: 'a' },
      { name: '__proto__', value: 'b' },
      { name: 'X-Twice', value: '1' },
      { name: 'X-Twice', value: '2' },
    ];
    const got = await nodeTransport({ insecure: false, timeoutMs: 5000 })('GET', url, headers);
    expect('response' in got && got.response.status).toBe(200);
    expect(received).toMatch(/\r\nconstructor: a\r\n/);
    expect(received).toMatch(/\r\n__proto__: b\r\n/);
    expect(received).toMatch(/\r\nX-Twice: 1, 2\r\n/);
    expect(received).not.toMatch(/native code/);
  });

  it('takes response headers up to Chromium\'s 256 KB and names the failure beyond it', async () => {
    const big = (n: number) => raw((s) => s.end(head('Access-Control-Allow-Origin: *', `X-Big: ${'a'.repeat(n)}`, 'Content-Length: 0')));
    const ok = await send(await big(100_000));
    expect('response' in ok && ok.response.status).toBe(200);
    const tooBig = await send(await big(300_000));
    expect('error' in tooBig && tooBig.error).toBe('net::ERR_RESPONSE_HEADERS_TOO_BIG');
  });

  it('names an unparsable response net::ERR_INVALID_HTTP_RESPONSE, never net::ERR_FAILED (which reads as a CORS block)', async () => {
    const url = await raw((s) => s.end('HTTP/1.1 200 OK\r\nBroken Header Name: x\r\nContent-Length: 0\r\n\r\n'));
    const got = await send(url);
    expect('error' in got && got.error).toBe('net::ERR_INVALID_HTTP_RESPONSE');
  });

  it('answers once the headers are in, without reading a body that never ends', async () => {
    const url = await raw((s) => {
      s.write(head('Access-Control-Allow-Origin: *', 'Content-Type: text/event-stream'));
      const chunk = Buffer.alloc(64 * 1024, 97);
      const timer = setInterval(() => (s.destroyed ? clearInterval(timer) : s.write(chunk)), 5);
    });
    // Waiting for the body would end in net::ERR_TIMED_OUT after 1 s instead.
    const got = await send(url, 1000);
    expect('response' in got && got.response.status).toBe(200);
  }, 10_000);

  it('gives up after --timeout in all, even on a server that trickles its answer', async () => {
    const url = await raw((s) => {
      const bytes = Buffer.from(head('Access-Control-Allow-Origin: *', 'Content-Length: 0'));
      let i = 0;
      const timer = setInterval(() => (s.destroyed || i >= bytes.length ? clearInterval(timer) : s.write(bytes.subarray(i, ++i))), 100);
    });
    // A timeout between bytes would never fire (one comes every 100 ms) and the answer would be a 200 after ~6 s.
    const got = await send(url, 500);
    expect('error' in got && got.error).toBe('net::ERR_TIMED_OUT');
  }, 10_000);

  it('opens the request with Host and Connection: keep-alive, as Chromium does, then the headers given, in order', async () => {
    let received = '';
    const url = await raw((s) => s.end(head('Content-Length: 0')));
    const server = servers.at(-1)!;
    server.prependListener('connection', (socket: Socket) => socket.on('data', (d) => void (received += d.toString('latin1'))));
    await send(url);
    const names = received.split('\r\n').slice(1).filter(Boolean).map((l) => l.slice(0, l.indexOf(':')));
    expect(names).toEqual(['Host', 'Connection', 'Origin']);
    expect(received).toContain(`\r\nHost: ${new URL(url).host}\r\nConnection: keep-alive\r\n`);
  });
});
