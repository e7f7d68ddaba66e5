/** The largest distance from the epoch, in ms, a JavaScript Date can hold (ECMA-262 §21.4.1.22). */
const MAX_DATE_MS = 8.64e15;

/**
 * A millisecond timestamp as ISO 8601, or null when it is not one a Date can hold (NaN, ±Infinity,
 * or beyond ±8.64e15 ms, where `toISOString` would throw): a hostile HAR or event can carry any number.
 */
export function isoTime(ms: number | undefined): string | null {
  return ms !== undefined && Number.isFinite(ms) && Math.abs(ms) <= MAX_DATE_MS ? new Date(ms).toISOString() : null;
}
