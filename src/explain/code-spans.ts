/**
 * The explanation texts (why, fix, cookie reasons) mark header names and values as code with
 * backticks, as Markdown does. `segments` cuts such a text into plain and code parts for the panel
 * and the reports; `code` writes a value as a code span that survives backticks inside it.
 * The rules are CommonMark's code spans (spec.commonmark.org/0.31.2/#code-spans), without the
 * rest of Markdown: a run of N backticks opens a span that the next run of exactly N backticks
 * closes; a run that nothing closes is plain text.
 */

export interface Segment {
  text: string;
  code: boolean;
}

interface Run {
  start: number;
  length: number;
}

function backtickRuns(text: string): Run[] {
  const runs: Run[] = [];
  for (let i = 0; i < text.length; ) {
    if (text[i] !== '`') {
      i++;
      continue;
    }
    const start = i;
    while (text[i] === '`') i++;
    runs.push({ start, length: i - start });
  }
  return runs;
}

/** CommonMark strips one space on each side when both are there and the span is not all spaces. */
function spanContent(raw: string): string {
  return raw.length >= 2 && raw.startsWith(' ') && raw.endsWith(' ') && raw.trim() !== '' ? raw.slice(1, -1) : raw;
}

/**
 * The text cut into plain and code parts, in order. Plain parts keep every character (an
 * unclosed backtick stays as it is); code parts lose only their delimiters. Linear in the text's
 * length whatever its backticks, so a hostile value cannot stall the panel.
 */
export function segments(text: string): Segment[] {
  const runs = backtickRuns(text);
  // For each run, the index of the next run of the same length (the only one that may close it).
  const next = new Array<number>(runs.length).fill(-1);
  const lastOfLength = new Map<number, number>();
  for (let r = runs.length - 1; r >= 0; r--) {
    const len = runs[r]!.length;
    next[r] = lastOfLength.get(len) ?? -1;
    lastOfLength.set(len, r);
  }
  const out: Segment[] = [];
  const push = (t: string, code: boolean) => {
    if (t === '' && !code) return;
    const last = out.at(-1);
    if (last && !last.code && !code) last.text += t;
    else out.push({ text: t, code });
  };
  let plainFrom = 0;
  for (let r = 0; r < runs.length; r++) {
    const open = runs[r]!;
    if (open.start < plainFrom) continue; // inside a span already taken
    const closeAt = next[r]!;
    if (closeAt < 0) continue; // nothing closes it: plain text
    const close = runs[closeAt]!;
    push(text.slice(plainFrom, open.start), false);
    const content = spanContent(text.slice(open.start + open.length, close.start).replace(/\r?\n/g, ' '));
    if (content !== '') push(content, true);
    plainFrom = close.start + close.length;
    r = closeAt;
  }
  push(text.slice(plainFrom), false);
  return out;
}

/**
 * A value as a code span: the fence is one backtick longer than the longest run inside, and a
 * value that starts or ends with a backtick (or a space) is padded, so `segments` gives it back
 * exactly. An empty value gives an empty string (an empty span cannot be written).
 */
export function code(value: string): string {
  if (value === '') return '';
  let longest = 0;
  for (const run of backtickRuns(value)) longest = Math.max(longest, run.length);
  const fence = '`'.repeat(longest + 1);
  const pad = /^[` ]|[` ]$/.test(value) && value.trim() !== '' ? ' ' : '';
  return `${fence}${pad}${value}${pad}${fence}`;
}

/** The text with its code spans' delimiters removed (for places that cannot show code apart). */
export function plainText(text: string): string {
  return segments(text)
    .map((s) => s.text)
    .join('');
}
