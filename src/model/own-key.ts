/**
 * Looking a value up by a key that came from the network, a HAR or the user: only the table's own
 * keys count, so that `constructor`, `toString` or `__proto__` as a header name, Sec-Fetch-Dest or
 * error code finds nothing instead of something from Object.prototype.
 */
export function ownValue<V>(table: Readonly<Record<string, V>>, key: string): V | undefined {
  return Object.prototype.hasOwnProperty.call(table, key) ? table[key] : undefined;
}
