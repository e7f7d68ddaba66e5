/**
 * A key-value area over IndexedDB, shaped like `storage.session` (get/set/remove), for what does
 * not fit in storage.session's quota. IndexedDB needs no permission and its quota is a share of the
 * disk, not 10 MB; it outlives the browser session, so the caller clears it on a new session.
 */
import type { KeyValueArea } from './persistence.ts';

const STORE = 'kv';

export function indexedDbArea(name = 'cors-lens-overflow'): KeyValueArea {
  let db: Promise<IDBDatabase> | null = null;
  const open = () =>
    (db ??= new Promise<IDBDatabase>((resolve, reject) => {
      const req = indexedDB.open(name, 1);
      req.onupgradeneeded = () => req.result.createObjectStore(STORE);
      req.onsuccess = () => resolve(req.result);
      req.onerror = () => reject(req.error);
    }));
  const run = async (mode: IDBTransactionMode, fn: (s: IDBObjectStore) => void): Promise<void> => {
    const tx = (await open()).transaction(STORE, mode);
    fn(tx.objectStore(STORE));
    await new Promise<void>((resolve, reject) => {
      tx.oncomplete = () => resolve();
      tx.onerror = () => reject(tx.error);
      tx.onabort = () => reject(tx.error ?? new Error('IndexedDB transaction aborted'));
    });
  };
  return {
    async get() {
      const out: Record<string, unknown> = {};
      await run('readonly', (s) => {
        const keys = s.getAllKeys();
        const values = s.getAll();
        values.onsuccess = () => keys.result.forEach((k, i) => (out[String(k)] = values.result[i]));
      });
      return out;
    },
    set: (items) => run('readwrite', (s) => Object.entries(items).forEach(([k, v]) => s.put(v, k))),
    remove: (keys) => run('readwrite', (s) => keys.forEach((k) => s.delete(k))),
    clear: () => run('readwrite', (s) => s.clear()),
  };
}
