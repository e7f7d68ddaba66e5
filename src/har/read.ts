/**
 * Reads a HAR 1.2 file as a stream of chunks (strings or UTF-8 bytes), holding one entry at a
 * time while it is parsed: entries are validated as they complete, their response bodies are
 * dropped, and the rest of the file is never built as one object. Nothing here throws: a file
 * that cannot be read gives an error naming the JSON path at fault; an entry that fails
 * validation is skipped and reported with its path and reason — never dropped silently.
 *
 *   const reader = new HarReader({ source: 'session.har' });
 *   for await (const chunk of stream) reader.write(chunk);
 *   const result = reader.end();
 */
import { Tokenizer, TokenParser, TokenType } from '@streamparser/json';
import * as v from 'valibot';
import { CreatorSchema, describeIssue, EntrySchema, PagesSchema, type HarEntry } from './schema.ts';

export interface HarReadOptions {
  /** The file name, for messages. */
  source?: string;
}

export interface HarEntryRef {
  /** Position in log.entries. */
  index: number;
  entry: HarEntry;
}

export interface SkippedEntry {
  index: number;
  /** JSON path of the first problem, e.g. `log.entries[12].response.headers[3].value`. */
  path: string;
  reason: string;
}

export interface HarLogInfo {
  version?: string;
  creator?: { name: string; version?: string };
  browser?: { name: string; version?: string };
  pages: { id: string; title?: string; startedDateTime?: string }[];
}

export interface HarReadError {
  source: string;
  /** JSON path at fault ('' for the file as a whole). */
  path: string;
  message: string;
  /** Byte (or character) offset in the input, for syntax errors. */
  offset?: number;
}

export type HarReadResult =
  | { ok: true; source: string; log: HarLogInfo; entries: HarEntryRef[]; skipped: SkippedEntry[] }
  | { ok: false; error: HarReadError };

export function formatHarError(e: HarReadError): string {
  return `${e.source}: ${e.path ? `${e.path}: ` : ''}${e.message}`;
}

/** HAR nests a dozen levels; Chrome's async initiator stacks a few dozen more. */
const MAX_DEPTH = 256;

type Kind = 'object' | 'array' | 'string' | 'number' | 'boolean' | 'null';

const KIND_OF_TOKEN: (Kind | undefined)[] = [];
KIND_OF_TOKEN[TokenType.LEFT_BRACE] = 'object';
KIND_OF_TOKEN[TokenType.LEFT_BRACKET] = 'array';
KIND_OF_TOKEN[TokenType.STRING] = 'string';
KIND_OF_TOKEN[TokenType.NUMBER] = 'number';
KIND_OF_TOKEN[TokenType.TRUE] = 'boolean';
KIND_OF_TOKEN[TokenType.FALSE] = 'boolean';
KIND_OF_TOKEN[TokenType.NULL] = 'null';

const ARTICLE: Record<Kind, string> = {
  object: 'an object',
  array: 'an array',
  string: 'a string',
  number: 'a number',
  boolean: 'a boolean',
  null: 'null',
};

export class HarReader {
  private readonly source: string;
  // Buffering strings in a typed array is several times faster on HAR-sized strings (bodies, base64).
  private readonly tokenizer = new Tokenizer({ stringBufferSize: 64 * 1024 });
  private readonly encoder = new TextEncoder();
  private readonly parser = new TokenParser({
    paths: ['$.log.version', '$.log.creator', '$.log.browser', '$.log.pages', '$.log.entries.*'],
    keepStack: false,
  });
  private error: HarReadError | null = null;
  private started = false;
  private ended = false;
  // Where the tokens are: nesting depth, and a frame (with its current key) for the two outer levels.
  private depth = 0;
  private frames: { object: boolean; expectKey: boolean; key: string | null }[] = [];
  private rootKind: Kind | null = null;
  private logKind: Kind | null = null;
  private entriesKind: Kind | null = null;
  private entriesSeen = 0;
  private readonly log: HarLogInfo = { pages: [] };
  private readonly entries: HarEntryRef[] = [];
  private readonly skipped: SkippedEntry[] = [];

  constructor(opts: HarReadOptions = {}) {
    this.source = opts.source ?? 'input';
    this.tokenizer.onToken = (t) => {
      this.track(t.token, t.value);
      this.parser.write(t);
    };
    this.parser.onValue = (info) => this.onValue(info.value, info.key, info.stack.length);
  }

  write(chunk: string | Uint8Array): void {
    if (this.error || this.ended) return;
    if (!this.started) {
      chunk = this.firstChunk(chunk);
      if (this.error) return;
    }
    try {
      // The tokenizer works on UTF-8 bytes; handing it bytes is faster than letting it encode.
      this.tokenizer.write(typeof chunk === 'string' ? this.encoder.encode(chunk) : chunk);
    } catch (err) {
      this.fail(err);
    }
  }

  end(): HarReadResult {
    if (!this.ended && !this.error) {
      this.ended = true;
      try {
        this.tokenizer.end();
      } catch {
        this.depth = Math.max(this.depth, 1); // it stopped inside a value: the same as cut off
      }
    }
    if (this.error) return { ok: false, error: this.error };
    const fail = (path: string, message: string): HarReadResult => ({ ok: false, error: { source: this.source, path, message } });
    if (this.depth > 0) {
      const where = this.entriesKind === 'array' && this.depth >= 3 ? `log.entries[${this.entriesSeen}]` : '';
      return fail(where, 'the file ends in the middle of the JSON: it was cut off (an interrupted download or export?)');
    }
    if (this.rootKind === null) return fail('', 'the file is empty');
    if (this.rootKind !== 'object') return fail('', `not a HAR file: expected a JSON object at the top level, got ${ARTICLE[this.rootKind]}`);
    if (this.logKind === null) return fail('log', 'missing: not a HAR file (HAR 1.2 keeps everything under "log")');
    if (this.logKind !== 'object') return fail('log', `expected an object, got ${ARTICLE[this.logKind]}`);
    if (this.entriesKind === null) return fail('log.entries', 'missing (expected an array)');
    if (this.entriesKind !== 'array') return fail('log.entries', `expected an array, got ${ARTICLE[this.entriesKind]}`);
    return { ok: true, source: this.source, log: this.log, entries: this.entries, skipped: this.skipped };
  }

  private firstChunk(chunk: string | Uint8Array): string | Uint8Array {
    if (typeof chunk === 'string') {
      if (chunk.length === 0) return chunk;
      this.started = true;
      return chunk.charCodeAt(0) === 0xfeff ? chunk.slice(1) : chunk;
    }
    if (chunk.length === 0) return chunk;
    this.started = true;
    if (chunk[0] === 0x1f && chunk[1] === 0x8b) {
      this.error = { source: this.source, path: '', message: 'this is gzip-compressed; decompress it first (gunzip)' };
      return chunk;
    }
    return chunk[0] === 0xef && chunk[1] === 0xbb && chunk[2] === 0xbf ? chunk.subarray(3) : chunk;
  }

  private fail(err: unknown): void {
    if (this.error) return;
    const message = err instanceof Error ? err.message : String(err);
    const offset = /absolute position "(\d+)"/.exec(message)?.[1];
    const inEntry = this.entriesKind === 'array' && this.depth >= 3 ? `log.entries[${this.entriesSeen}]` : '';
    const cleaned = message.replace(/ at chunk position "\d+"/, '').replace(/ \(absolute position "\d+"\)/, '');
    this.error = {
      source: this.source,
      path: inEntry,
      message: `not valid JSON${offset ? ` at byte ${offset}` : ''}: ${cleaned}`,
      ...(offset ? { offset: Number(offset) } : {}),
    };
  }

  /**
   * Follows the document's shape from its tokens, to name what is missing or of the wrong type.
   * Only the two outer levels (the root and `log`) are tracked; below, a depth count is enough.
   */
  private track(token: TokenType, value: unknown): void {
    if (this.depth > 2) {
      if (token === TokenType.LEFT_BRACE || token === TokenType.LEFT_BRACKET) {
        // The parser's cost grows with depth on every token: refuse absurd nesting before it hurts.
        if (++this.depth > MAX_DEPTH) throw new Error(`values nested more than ${MAX_DEPTH} levels deep: not a HAR file`);
      } else if (token === TokenType.RIGHT_BRACE || token === TokenType.RIGHT_BRACKET) this.depth--;
      return;
    }
    const top = this.frames[this.depth - 1];
    if (top?.object && top.expectKey && token === TokenType.STRING) {
      top.key = String(value); // a key; its value comes after ':'
      return;
    }
    const kind = KIND_OF_TOKEN[token];
    if (kind !== undefined) this.noteValue(kind);
    switch (token) {
      case TokenType.LEFT_BRACE:
      case TokenType.LEFT_BRACKET:
        if (this.depth < 2) this.frames.push({ object: token === TokenType.LEFT_BRACE, expectKey: token === TokenType.LEFT_BRACE, key: null });
        this.depth++;
        break;
      case TokenType.RIGHT_BRACE:
      case TokenType.RIGHT_BRACKET:
        this.frames.pop();
        this.depth--;
        break;
      case TokenType.COMMA:
        if (top?.object) top.expectKey = true;
        break;
      case TokenType.COLON:
        if (top) top.expectKey = false;
        break;
    }
  }

  private noteValue(kind: Kind): void {
    const depth = this.depth;
    if (depth === 0) this.rootKind ??= kind;
    else if (depth === 1 && this.frames[0]!.key === 'log') this.logKind ??= kind;
    else if (depth === 2 && this.frames[0]!.key === 'log' && this.frames[1]!.object && this.frames[1]!.key === 'entries') {
      this.entriesKind ??= kind;
    }
  }

  private onValue(value: unknown, key: unknown, depth: number): void {
    try {
      if (depth === 3 && typeof key === 'number') this.onEntry(key, value);
      else if (key === 'version' && typeof value === 'string') this.log.version = value;
      else if (key === 'creator' || key === 'browser') {
        const r = v.safeParse(CreatorSchema, value);
        if (r.success) this.log[key] = { name: r.output.name, ...(r.output.version ? { version: r.output.version } : {}) };
      } else if (key === 'pages') {
        const r = v.safeParse(PagesSchema, value);
        if (r.success) {
          this.log.pages = r.output.map((p) => ({
            id: p.id,
            ...(p.title ? { title: p.title } : {}),
            ...(p.startedDateTime ? { startedDateTime: p.startedDateTime } : {}),
          }));
        }
      }
    } catch (err) {
      this.fail(err);
    }
  }

  private onEntry(index: number, value: unknown): void {
    this.entriesSeen = index + 1;
    const r = v.safeParse(EntrySchema, value);
    if (!r.success) {
      const { path, message } = describeIssue(r.issues[0], `log.entries[${index}]`);
      this.skipped.push({ index, path, reason: message });
      return;
    }
    const entry = r.output as unknown as HarEntry;
    // Bodies can be huge and never change a verdict: keep only their size.
    if (entry.response.content && 'text' in entry.response.content) delete entry.response.content.text;
    if (entry.request.postData && 'text' in entry.request.postData) delete entry.request.postData.text;
    this.entries.push({ index, entry });
  }
}

/** Reads a whole HAR held in memory. */
export function readHar(input: string | Uint8Array, opts: HarReadOptions = {}): HarReadResult {
  const reader = new HarReader(opts);
  reader.write(input);
  return reader.end();
}
