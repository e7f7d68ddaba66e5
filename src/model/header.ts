/** One HTTP header line as it was on the wire. Names keep their case; lists keep order and duplicates. */
export interface Header {
  name: string;
  value: string;
}

/** Values of every header named `name` (case-insensitive), in wire order. */
export function headerValues(headers: readonly Header[] | undefined, name: string): string[] {
  if (!headers) return [];
  const wanted = name.toLowerCase();
  const out: string[] = [];
  for (const h of headers) if (h.name.toLowerCase() === wanted) out.push(h.value);
  return out;
}

/**
 * The combined value of a header as Fetch's "get" does: every value joined with ", ",
 * or null when the header is absent.
 */
export function getHeader(headers: readonly Header[] | undefined, name: string): string | null {
  const values = headerValues(headers, name);
  return values.length === 0 ? null : values.join(', ');
}

export function hasHeader(headers: readonly Header[] | undefined, name: string): boolean {
  if (!headers) return false;
  const wanted = name.toLowerCase();
  return headers.some((h) => h.name.toLowerCase() === wanted);
}
