/**
 * Reads a HAR 1.2 file as a stream of chunks (strings or UTF-8 bytes), holding one entry at a
 * time while it is parsed (./scan.ts cuts the text, JSON.parse reads each entry): entries are
 * validated as they complete and their bodies dropped; besides them only the document's skeleton
 * (log.version, creator, pages…) is kept and parsed at the end. Nothing here throws: a file
 * that cannot be read gives an error naming the JSON path at fault; an entry that fails
 * validation is skipped and reported with its path and reason — never dropped silently.
 *
 *   const reader = new HarReader({ source: 'session.har' });
 *   for await (const chunk of stream) reader.write(chunk);
 *   const result = reader.end();
 */
import * as v from 'valibot';
import { EntryScanner } from './scan.ts';
import { jsonPathAt, lineColumnAt, syntaxErrorOffset, type LineColumn } from './json-position.ts';
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
  /** Offset in the input, in characters (UTF-16 code units), for syntax errors. */
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

export class HarReader {
  private readonly source: string;
  private readonly decoder = new TextDecoder('utf-8');
  private readonly scanner: EntryScanner;
  private error: HarReadError | null = null;
  private started = false;
  private ended = false;
  private result: HarReadResult | null = null;
  private readonly entries: HarEntryRef[] = [];
  private readonly skipped: SkippedEntry[] = [];

  constructor(opts: HarReadOptions = {}) {
    this.source = opts.source ?? 'input';
    this.scanner = new EntryScanner((index, text, offset, at) => this.onEntry(index, text, offset, at), MAX_DEPTH);
  }

  write(chunk: string | Uint8Array): void {
    if (this.error || this.ended) return;
    if (!this.started) {
      chunk = this.firstChunk(chunk);
      if (this.error) return;
    }
    this.scan(typeof chunk === 'string' ? chunk : this.decoder.decode(chunk, { stream: true }));
  }

  end(): HarReadResult {
    if (this.result) return this.result;
    this.ended = true;
    this.scan(this.decoder.decode());
    this.result = this.finish();
    return this.result;
  }

  private scan(text: string): void {
    if (this.error || !text) return;
    try {
      this.scanner.write(text);
    } catch (err) {
      this.fail('', err instanceof Error ? err.message : String(err));
    }
  }

  private finish(): HarReadResult {
    const fail = (path: string, message: string, offset?: number): HarReadResult => ({
      ok: false,
      error: { source: this.source, path, message, ...(offset !== undefined ? { offset } : {}) },
    });
    if (this.error) return { ok: false, error: this.error };
    if (this.scanner.unfinished) {
      const where = this.scanner.insideEntries ? `log.entries[${this.scanner.entriesSeen}]` : '';
      return fail(where, 'the file ends in the middle of the JSON: it was cut off (an interrupted download or export?)');
    }
    const skeleton = this.scanner.skeletonText();
    const start = skeleton.search(/\S/);
    if (start < 0) return fail('', 'the file is empty');
    if (!'{["-0123456789tfn'.includes(skeleton[start]!)) {
      const head = skeleton.slice(start, start + 24).replace(/\s+/g, ' ');
      const html = skeleton[start] === '<' ? ' — an HTML page (an error or sign-in page?) rather than a HAR' : '';
      return fail('', `not valid JSON at character ${start}: it starts with "${head}"${html}`, start);
    }
    let doc: unknown;
    try {
      doc = JSON.parse(skeleton);
    } catch (err) {
      const { message, position = syntaxErrorOffset(skeleton) } = jsonError(err);
      if (position === undefined) return fail('', `not valid JSON: ${message}`);
      const offset = this.scanner.inputOffset(position);
      const { line, column } = this.scanner.lineColumn(skeleton, position);
      return fail(jsonPathAt(skeleton, position), `not valid JSON at line ${line}, column ${column} (character ${offset}): ${message}`, offset);
    }
    if (!isObject(doc)) return fail('', `not a HAR file: expected a JSON object at the top level, got ${kindOf(doc)}`);
    if (!('log' in doc)) return fail('log', 'missing: not a HAR file (HAR 1.2 keeps everything under "log")');
    const log = doc.log;
    if (!isObject(log)) return fail('log', `expected an object, got ${kindOf(log)}`);
    if (!('entries' in log)) return fail('log.entries', 'missing (expected an array)');
    if (!Array.isArray(log.entries)) return fail('log.entries', `expected an array, got ${kindOf(log.entries)}`);
    const list: unknown[] = log.entries;
    if (list.length !== this.scanner.entriesSeen || list.some((x) => x !== 0)) {
      // The scanner and JSON.parse disagree: a repeated "log" or "entries" key (JSON.parse keeps the last).
      if (this.scanner.entriesSeen > 0) return fail('log.entries', 'appears more than once; keep one "log" with one "entries" array');
      list.forEach((value, index) => this.accept(index, value));
    }
    return { ok: true, source: this.source, log: logInfo(log), entries: this.entries, skipped: this.skipped };
  }

  private firstChunk(chunk: string | Uint8Array): string | Uint8Array {
    if (chunk.length === 0) return chunk;
    this.started = true;
    if (typeof chunk === 'string') return chunk.charCodeAt(0) === 0xfeff ? chunk.slice(1) : chunk;
    if (chunk[0] === 0x1f && chunk[1] === 0x8b) {
      this.error = { source: this.source, path: '', message: 'this is gzip-compressed; decompress it first (gunzip)' };
    }
    return chunk; // TextDecoder drops a UTF-8 byte-order mark itself
  }

  private fail(path: string, message: string, offset?: number): void {
    this.error ??= { source: this.source, path, message, ...(offset !== undefined ? { offset } : {}) };
  }

  private onEntry(index: number, text: string, offset: number, start: LineColumn): void {
    if (this.error) return;
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch (err) {
      const { message, position = syntaxErrorOffset(text) } = jsonError(err);
      const at = position === undefined ? offset : offset + position;
      const { line, column } = lineColumnAt(text, position ?? 0, start);
      // The entry stays the path (what is skipped or fixed); the value inside it is named in the message.
      const inner = position === undefined ? '' : jsonPathAt(text, position, `log.entries[${index}]`);
      const within = inner && inner !== `log.entries[${index}]` ? `, in ${inner}` : '';
      this.fail(`log.entries[${index}]`, `not valid JSON at line ${line}, column ${column} (character ${at})${within}: ${message}`, at);
      return;
    }
    this.accept(index, value);
  }

  private accept(index: number, value: unknown): void {
    const r = v.safeParse(EntrySchema, value);
    if (!r.success) {
      const { path, message } = describeIssue(r.issues[0], `log.entries[${index}]`);
      this.skipped.push({ index, path, reason: message });
      return;
    }
    const entry = r.output as unknown as HarEntry;
    // Bodies can be huge and never change a verdict: keep only their size. (Assigning keeps the
    // objects' shapes fast, where `delete` would not.)
    if (entry.response.content?.text !== undefined) entry.response.content.text = undefined;
    if (entry.request.postData?.text !== undefined) (entry.request.postData as { text?: string }).text = undefined;
    this.entries.push({ index, entry });
  }
}

function isObject(x: unknown): x is Record<string, unknown> {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}

function kindOf(x: unknown): string {
  if (x === null) return 'null';
  if (Array.isArray(x)) return 'an array';
  return typeof x === 'object' ? 'an object' : `a ${typeof x}`;
}

/** JSON.parse's message without its position, and the position (V8: "… in JSON at position 12 (line 1 column 13)"). */
function jsonError(err: unknown): { message: string; position?: number } {
  const message = err instanceof Error ? err.message : String(err);
  const m = /\s*(?:in JSON )?at position (\d+)(?: \(line \d+ column \d+\))?/.exec(message);
  // V8 quotes the text around an unexpected token, raw (line breaks included): the position says more.
  const short = message.replace(/, (?:\.\.\.)?"[\s\S]*" is not valid JSON$/, '');
  return m ? { message: short.replace(m[0], ''), position: Number(m[1]) } : { message: short };
}

function logInfo(log: Record<string, unknown>): HarLogInfo {
  const info: HarLogInfo = { pages: [] };
  if (typeof log.version === 'string') info.version = log.version;
  for (const key of ['creator', 'browser'] as const) {
    const r = v.safeParse(CreatorSchema, log[key]);
    if (r.success) info[key] = { name: r.output.name, ...(r.output.version ? { version: r.output.version } : {}) };
  }
  const pages = v.safeParse(PagesSchema, log.pages);
  if (pages.success) {
    info.pages = pages.output.map((p) => ({
      id: p.id,
      ...(p.title ? { title: p.title } : {}),
      ...(p.startedDateTime ? { startedDateTime: p.startedDateTime } : {}),
    }));
  }
  return info;
}

/** Reads a whole HAR held in memory. */
export function readHar(input: string | Uint8Array, opts: HarReadOptions = {}): HarReadResult {
  const reader = new HarReader(opts);
  reader.write(input);
  return reader.end();
}
