/**
 * Whether two recordings of the cookie fixture say the same, apart from what changes on every run:
 * the lab server's ports, the Date headers, the recording time and the cookies' expiry times
 * (compared as days from the recording), and the order of cookies in a jar.
 */

interface Loose {
  id: string;
  now: number;
  jarBefore: { name: string; domain: string; path: string; expiresAt?: number }[];
  jarAfter: { name: string; domain: string; path: string; expiresAt?: number }[];
  [k: string]: unknown;
}

const PORT = /((?:\.test|localhost|127\.0\.0\.1|\[::1\])):\d+/g;

function normalizeCase(c: Loose): unknown {
  const jar = (cookies: Loose['jarBefore']) =>
    cookies
      .map((k) => ({ ...k, ...(k.expiresAt !== undefined ? { expiresAt: `${Math.round((k.expiresAt - c.now) / 86_400_000)} days` } : {}) }))
      .sort((a, b) => `${a.domain} ${a.path} ${a.name}`.localeCompare(`${b.domain} ${b.path} ${b.name}`));
  const { now: _now, ...rest } = c;
  const text = JSON.stringify({ ...rest, jarBefore: jar(c.jarBefore), jarAfter: jar(c.jarAfter) }, (_k, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v) && (v as { name?: unknown }).name === 'Date' && 'value' in v ? { name: 'Date', value: 'DATE' } : v,
  );
  return JSON.parse(text.replace(PORT, '$1:PORT'));
}

/** The first place two values differ, as a path, or null. */
function firstDifference(a: unknown, b: unknown, path: string): string | null {
  if (a === b) return null;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null || Array.isArray(a) !== Array.isArray(b)) {
    return `${path}: ${JSON.stringify(a)?.slice(0, 200)} ≠ ${JSON.stringify(b)?.slice(0, 200)}`;
  }
  const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])];
  for (const k of keys) {
    const d = firstDifference((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k], `${path}.${k}`);
    if (d) return d;
  }
  return null;
}

/** One line per case that differs (or is missing on one side); empty when the two agree. */
export function fixtureDifferences(committedJson: string, recordedJson: string): string[] {
  const committed = (JSON.parse(committedJson) as { cases: Loose[] }).cases;
  const recorded = new Map((JSON.parse(recordedJson) as { cases: Loose[] }).cases.map((c) => [c.id, c]));
  const out: string[] = [];
  for (const c of committed) {
    const r = recorded.get(c.id);
    if (!r) {
      out.push(`${c.id}: not recorded`);
      continue;
    }
    recorded.delete(c.id);
    const d = firstDifference(normalizeCase(c), normalizeCase(r), c.id);
    if (d) out.push(d);
  }
  for (const id of recorded.keys()) out.push(`${id}: recorded but not in the committed fixture`);
  return out;
}
