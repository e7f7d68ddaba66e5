/**
 * Splits a HAR's JSON text, arriving in chunks, into the text of each `log.entries[i]` and the
 * "skeleton" — the document with every entry replaced by `0` — without parsing anything itself.
 * Each piece then goes through the platform's JSON.parse, several times faster than a
 * token-by-token parser written in JavaScript, while memory holds one entry at a time.
 *
 * The scanner follows only strings (with their escapes) and nesting: JSON's structural
 * characters never occur outside those rules, and no UTF-16 code unit of non-ASCII text equals an
 * ASCII one, so it finds the boundaries a full parser would. What it does not check (a missing
 * comma, a bad literal) makes JSON.parse of the skeleton or of an entry fail, with a position.
 */

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const LBRACE = 0x7b;
const RBRACE = 0x7d;
const LBRACKET = 0x5b;
const RBRACKET = 0x5d;
const COLON = 0x3a;
const COMMA = 0x2c;

/** Keys are remembered at the two outer levels only, and only this long ("entries" is 7). */
const MAX_KEY = 32;

/** A key as JSON.parse would read it (escapes are rare in keys); '' when too long to matter. */
function decodeKey(raw: string): string {
  if (raw.length > MAX_KEY) return '';
  if (!raw.includes('\\')) return raw;
  try {
    return JSON.parse(`"${raw}"`) as string;
  } catch {
    return '';
  }
}

import { lineColumnAt, type LineColumn } from './json-position.ts';

/** `at`: the line and column where the entry's text starts in the input. */
export type EntrySink = (index: number, text: string, offset: number, at: LineColumn) => void;

export class EntryScanner {
  /** Open containers before the current character. */
  private depth = 0;
  private inString = false;
  private escaped = false;
  // For the containers at depth 1 (the root) and 2 (what `log` holds): object or array, whether a
  // key comes next, and the key whose value is being read.
  private readonly isObject = [false, false, false];
  private readonly expectKey = [false, false, false];
  private readonly key = ['', '', ''];
  private readingKey = false;
  private keyBuf = '';
  /** The container at depth 3 is log.entries. */
  private inEntries = false;
  // The entry being collected.
  private collecting = false;
  private primitive = false;
  private pieces: string[] = [];
  private elementStart = 0;
  private index = 0;
  /** Characters consumed before the current chunk. */
  private offset = 0;
  private readonly skeleton: string[] = [];
  private skeletonLength = 0;
  /**
   * After each entry replaced in the skeleton: [skeleton offset from which it applies, shift to the
   * input offset, the input's line there, the input offset where that line starts].
   */
  private readonly skeletonMap: [number, number, number, number][] = [];
  // Lines of the input consumed so far (for line:column in messages).
  private line = 1;
  private lineStart = 0;
  private consumed = 0;

  constructor(
    private readonly onEntry: EntrySink,
    private readonly maxDepth: number,
  ) {}

  /** How many entries were handed over. */
  get entriesSeen(): number {
    return this.index;
  }

  /** The input stopped in the middle of a value. */
  get unfinished(): boolean {
    return this.depth > 0 || this.inString || this.collecting;
  }

  /** The position is inside log.entries (for messages). */
  get insideEntries(): boolean {
    return this.inEntries;
  }

  /** Consumes a chunk of text. Throws only when nesting passes maxDepth. */
  write(chunk: string): void {
    let from = 0; // the part of the chunk not yet copied to the skeleton or the current entry
    const n = chunk.length;
    let nextBackslash = chunk.indexOf('\\');
    if (nextBackslash < 0) nextBackslash = n;
    for (let i = 0; i < n; i++) {
      if (this.inString && !this.escaped && !this.readingKey) {
        // Most of a HAR is string contents: jump to the next quote or backslash natively.
        if (nextBackslash < i) {
          nextBackslash = chunk.indexOf('\\', i);
          if (nextBackslash < 0) nextBackslash = n;
        }
        let quote = chunk.indexOf('"', i);
        if (quote < 0) quote = n;
        i = Math.min(quote, nextBackslash);
        if (i >= n) break;
      }
      const c = chunk.charCodeAt(i);
      if (this.inString) {
        if (this.escaped) this.escaped = false;
        else if (c === BACKSLASH) this.escaped = true;
        else if (c === QUOTE) {
          this.inString = false;
          if (this.readingKey) {
            this.readingKey = false;
            this.key[this.depth] = decodeKey(this.keyBuf);
          } else if (this.collecting && this.primitive) {
            from = this.finish(chunk, from, i + 1);
          }
          continue;
        }
        if (this.readingKey && this.keyBuf.length <= MAX_KEY) this.keyBuf += chunk[i]; // raw, escapes included
        continue;
      }
      if (c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09) continue;
      if (this.inEntries && this.depth === 3) {
        if (!this.collecting && c !== COMMA && c !== RBRACKET && c !== RBRACE) {
          // An entry starts here. (A `}` cannot start one: it stays in the skeleton, whose parse names it.)
          this.addSkeleton(chunk.slice(from, i));
          from = i;
          this.collecting = true;
          this.primitive = c !== LBRACE && c !== LBRACKET;
          this.elementStart = this.offset + i;
        } else if (this.collecting && this.primitive && (c === COMMA || c === RBRACKET)) {
          from = this.finish(chunk, from, i); // a number or literal ends before the separator
        }
      }
      switch (c) {
        case QUOTE:
          this.inString = true;
          if (this.depth >= 1 && this.depth <= 2 && this.expectKey[this.depth]) {
            this.readingKey = true;
            this.keyBuf = '';
          }
          break;
        case LBRACE:
        case LBRACKET: {
          const d = ++this.depth;
          if (d > this.maxDepth) throw new Error(`values nested more than ${this.maxDepth} levels deep: not a HAR file`);
          if (d <= 2) {
            this.isObject[d] = c === LBRACE;
            this.expectKey[d] = c === LBRACE;
            this.key[d] = '';
          } else if (d === 3 && c === LBRACKET && this.isObject[1] && this.key[1] === 'log' && this.isObject[2] && this.key[2] === 'entries') {
            this.inEntries = true;
          }
          break;
        }
        case RBRACE:
        case RBRACKET:
          if (this.depth === 3 && this.inEntries) this.inEntries = false;
          if (this.depth > 0) this.depth--;
          if (this.collecting && !this.primitive && this.depth === 3) from = this.finish(chunk, from, i + 1);
          break;
        case COLON:
          if (this.depth >= 1 && this.depth <= 2) this.expectKey[this.depth] = false;
          break;
        case COMMA:
          if (this.depth >= 1 && this.depth <= 2) this.expectKey[this.depth] = this.isObject[this.depth]!;
          break;
      }
    }
    if (this.collecting) this.pieces.push(chunk.slice(from));
    else this.addSkeleton(chunk.slice(from));
    this.offset += n;
  }

  /** The entry ends before `end`: hand it over, and leave `0` in its place in the skeleton. */
  private finish(chunk: string, from: number, end: number): number {
    this.pieces.push(chunk.slice(from, end));
    const text = this.pieces.length === 1 ? this.pieces[0]! : this.pieces.join('');
    this.pieces = [];
    this.collecting = false;
    const at = { line: this.line, column: this.elementStart - this.lineStart + 1 };
    this.advance(text);
    this.skeletonMap.push([this.skeletonLength + 1, this.elementStart + text.length - (this.skeletonLength + 1), this.line, this.lineStart]);
    this.skeleton.push('0');
    this.skeletonLength += 1;
    this.onEntry(this.index++, text, this.elementStart, at);
    return end;
  }

  private addSkeleton(s: string): void {
    if (!s) return;
    this.skeleton.push(s);
    this.skeletonLength += s.length;
    this.advance(s);
  }

  /** Counts the lines of input text, in input order. */
  private advance(s: string): void {
    for (let i = s.indexOf('\n'); i >= 0; i = s.indexOf('\n', i + 1)) {
      this.line++;
      this.lineStart = this.consumed + i + 1;
    }
    this.consumed += s.length;
  }

  /** An offset in the skeleton (`skeletonText()`), as a line and column of the input. */
  lineColumn(skeleton: string, skeletonOffset: number): LineColumn {
    let from = 0;
    let start: LineColumn = { line: 1, column: 1 };
    for (const [f, by, line, lineStart] of this.skeletonMap) {
      if (f > skeletonOffset) break;
      from = f;
      start = { line, column: f + by - lineStart + 1 };
    }
    return lineColumnAt(skeleton.slice(from, skeletonOffset), skeletonOffset - from, start);
  }

  /** The document with each entry replaced by `0`. */
  skeletonText(): string {
    return this.skeleton.join('');
  }

  /** An offset in the skeleton, as an offset in the input. */
  inputOffset(skeletonOffset: number): number {
    let shift = 0;
    for (const [from, by] of this.skeletonMap) {
      if (from > skeletonOffset) break;
      shift = by;
    }
    return skeletonOffset + shift;
  }
}
