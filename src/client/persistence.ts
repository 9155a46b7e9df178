/**
 * Saved sessions in IndexedDB, one record per key (site base + page + cluster). A record holds the Session
 * snapshot (world, shells) and each terminal's history. Failures are swallowed: persistence is best effort, and a
 * browser without IndexedDB (private mode) still runs the course.
 */
import type { SessionSnapshot } from '../worker/protocol';

const DB = 'kubelab';
const STORE = 'sessions';
let dbPromise: Promise<IDBDatabase | undefined> | undefined;

function open(): Promise<IDBDatabase | undefined> {
  if (!dbPromise) {
    dbPromise = new Promise((resolve) => {
      try {
        const req = indexedDB.open(DB, 1);
        req.onupgradeneeded = () => req.result.createObjectStore(STORE);
        req.onsuccess = () => resolve(req.result);
        req.onerror = () => resolve(undefined);
      } catch {
        resolve(undefined);
      }
    });
  }
  return dbPromise;
}

function tx<T>(mode: IDBTransactionMode, fn: (s: IDBObjectStore) => IDBRequest<T>): Promise<T | undefined> {
  return open().then(
    (db) =>
      new Promise<T | undefined>((resolve) => {
        if (!db) return resolve(undefined);
        try {
          const req = fn(db.transaction(STORE, mode).objectStore(STORE));
          req.onsuccess = () => resolve(req.result);
          req.onerror = () => resolve(undefined);
        } catch {
          resolve(undefined);
        }
      }),
  );
}

export function loadSnapshot(key: string): Promise<SessionSnapshot | undefined> {
  return tx<SessionSnapshot>('readonly', (s) => s.get(key) as IDBRequest<SessionSnapshot>);
}

export async function saveSnapshot(key: string, snap: SessionSnapshot): Promise<void> {
  await tx('readwrite', (s) => s.put(snap, key));
}

export async function deleteSnapshot(key: string): Promise<void> {
  await tx('readwrite', (s) => s.delete(key));
}
