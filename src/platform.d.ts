// The few web-platform globals the core relies on. They exist alike in browsers, service workers and
// Node >= 18, so the core may use them; nothing else outside ECMAScript is declared for it.

interface URLSearchParams {
  get(name: string): string | null;
  toString(): string;
}
declare var URLSearchParams: { prototype: URLSearchParams; new (init?: string): URLSearchParams };

interface URL {
  hash: string;
  host: string;
  hostname: string;
  href: string;
  readonly origin: string;
  password: string;
  pathname: string;
  port: string;
  protocol: string;
  search: string;
  readonly searchParams: URLSearchParams;
  username: string;
  toString(): string;
  toJSON(): string;
}
declare var URL: {
  prototype: URL;
  new (url: string, base?: string | URL): URL;
  canParse(url: string, base?: string): boolean;
};

interface TextEncoder {
  encode(input?: string): Uint8Array;
}
declare var TextEncoder: { prototype: TextEncoder; new (): TextEncoder };

interface TextDecoder {
  decode(input?: Uint8Array, options?: { stream?: boolean }): string;
}
declare var TextDecoder: {
  prototype: TextDecoder;
  new (label?: string, options?: { fatal?: boolean; ignoreBOM?: boolean }): TextDecoder;
};
