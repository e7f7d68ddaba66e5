/**
 * Where in a JSON text a syntax error is, for people: its line and column, and the JSON path of
 * the value that encloses it (`log`, `log.entries[3].request.headers[0]`), found by following the
 * text's nesting up to the error — JSON.parse gives only a character offset.
 */

export interface LineColumn {
  /** 1-based. */
  line: number;
  /** 1-based, in characters (UTF-16 code units) from the start of the line. */
  column: number;
}

/** Line and column of `pos` in `text`, counting on from `start` (the position of text[0]). */
export function lineColumnAt(text: string, pos: number, start: LineColumn = { line: 1, column: 1 }): LineColumn {
  let line = start.line;
  let lineStart = -(start.column - 1); // where the line containing text[0] starts, relative to text
  for (let i = text.indexOf('\n'); i >= 0 && i < pos; i = text.indexOf('\n', i + 1)) {
    line++;
    lineStart = i + 1;
  }
  return { line, column: pos - lineStart + 1 };
}

const IDENTIFIER = /^[A-Za-z_$][\w$]*$/;
const member = (path: string, key: string) => (IDENTIFIER.test(key) ? `${path}${path ? '.' : ''}${key}` : `${path}[${JSON.stringify(key)}]`);

interface Frame {
  /** The frame's own path. */
  path: string;
  array: boolean;
  index: number;
  key: string | null;
  expectKey: boolean;
  /** In an array: no element started yet at `index`. */
  empty: boolean;
}

/**
 * The path of the innermost value being read at `pos`: the member whose value starts there if its
 * key has been read, else the enclosing object or array. `base` is the path of the text's root.
 */
export function jsonPathAt(text: string, pos: number, base = ''): string {
  const stack: Frame[] = [];
  const childPath = (): string => {
    const top = stack.at(-1);
    if (!top) return base;
    return top.array ? `${top.path}[${top.index}]` : top.key === null ? top.path : member(top.path, top.key);
  };
  for (let i = 0; i < pos && i < text.length; i++) {
    const c = text[i]!;
    if (c !== ' ' && c !== '\n' && c !== '\r' && c !== '\t' && c !== ',' && c !== ']' && c !== '}') {
      const top = stack.at(-1);
      if (top?.array) top.empty = false;
    }
    if (c === '"') {
      let j = i + 1;
      while (j < text.length && text[j] !== '"') j += text[j] === '\\' ? 2 : 1;
      const top = stack.at(-1);
      if (top && !top.array && top.expectKey) {
        try {
          top.key = JSON.parse(text.slice(i, j + 1)) as string;
        } catch {
          top.key = text.slice(i + 1, j);
        }
      }
      i = j;
    } else if (c === '{' || c === '[') {
      stack.push({ path: childPath(), array: c === '[', index: 0, key: null, expectKey: c === '{', empty: true });
    } else if (c === '}' || c === ']') {
      stack.pop();
    } else if (c === ':') {
      const top = stack.at(-1);
      if (top && !top.array) top.expectKey = false;
    } else if (c === ',') {
      const top = stack.at(-1);
      if (top?.array) {
        top.index++;
        top.empty = true;
      } else if (top) {
        top.expectKey = true;
        top.key = null;
      }
    }
  }
  const top = stack.at(-1);
  if (!top) return base;
  // Between members (after a comma), the error belongs to the container itself.
  if (top.array ? top.empty : top.expectKey || top.key === null) return top.path;
  return childPath();
}

/**
 * The offset of the first syntax error in `text`, or undefined when it is valid JSON. For when
 * JSON.parse's message carries no position (V8 gives none for "Unexpected token").
 */
export function syntaxErrorOffset(text: string): number | undefined {
  let i = 0;
  const ws = () => {
    while (i < text.length && (text[i] === ' ' || text[i] === '\n' || text[i] === '\r' || text[i] === '\t')) i++;
  };
  class At extends Error {
    constructor(readonly at: number) {
      super();
    }
  }
  const fail = (): never => {
    throw new At(i);
  };
  const string = () => {
    if (text[i] !== '"') fail();
    i++;
    while (i < text.length && text[i] !== '"') {
      if (text.charCodeAt(i) < 0x20) fail();
      if (text[i] === '\\') {
        i++;
        if (text[i] === 'u') {
          if (!/^[0-9a-fA-F]{4}$/.test(text.slice(i + 1, i + 5))) fail();
          i += 4;
        } else if (!'"\\/bfnrt'.includes(text[i] ?? 'x')) fail();
      }
      i++;
    }
    if (i >= text.length) fail();
    i++;
  };
  const value = (depth: number): void => {
    ws();
    const c = text[i];
    if (c === '{' || c === '[') {
      const close = c === '{' ? '}' : ']';
      i++;
      ws();
      if (text[i] === close) return void i++;
      for (;;) {
        if (c === '{') {
          ws();
          string();
          ws();
          if (text[i] !== ':') fail();
          i++;
        }
        value(depth + 1);
        ws();
        if (text[i] === ',') i++;
        else if (text[i] === close) return void i++;
        else fail();
      }
    }
    if (c === '"') return string();
    const m = /^(?:-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?|true|false|null)/.exec(text.slice(i, i + 400));
    if (!m) fail();
    i += m![0].length;
  };
  try {
    value(0);
    ws();
    return i < text.length ? i : undefined;
  } catch (err) {
    if (err instanceof At) return err.at;
    throw err;
  }
}
