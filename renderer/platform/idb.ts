// A tiny promise wrapper over IndexedDB: the browser build keeps drafts and recent files here
// (the desktop build keeps them in the app-data folder). One database, two object stores.
const DATABASE = 'backpressure';
const VERSION = 1;
export type StoreName = 'drafts' | 'recent';

let opening: Promise<IDBDatabase> | null = null;

function database(): Promise<IDBDatabase> {
  opening ??= new Promise((resolve, reject) => {
    const request = indexedDB.open(DATABASE, VERSION);
    request.onupgradeneeded = () => {
      const db = request.result;
      if (!db.objectStoreNames.contains('drafts')) db.createObjectStore('drafts', { keyPath: 'id' });
      if (!db.objectStoreNames.contains('recent')) db.createObjectStore('recent', { keyPath: 'path' });
    };
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => {
      opening = null;
      reject(request.error ?? new Error('IndexedDB could not be opened'));
    };
  });
  return opening;
}

function settle<T>(request: IDBRequest<T>, transaction: IDBTransaction): Promise<T> {
  return new Promise((resolve, reject) => {
    transaction.oncomplete = () => resolve(request.result);
    transaction.onerror = () => reject(transaction.error ?? request.error);
    transaction.onabort = () => reject(transaction.error ?? new Error('IndexedDB transaction aborted'));
  });
}

export async function idbPut<T>(store: StoreName, value: T): Promise<void> {
  const transaction = (await database()).transaction(store, 'readwrite');
  await settle(transaction.objectStore(store).put(value), transaction);
}

export async function idbGet<T>(store: StoreName, key: string): Promise<T | undefined> {
  const transaction = (await database()).transaction(store, 'readonly');
  return (await settle(transaction.objectStore(store).get(key), transaction)) as T | undefined;
}

export async function idbAll<T>(store: StoreName): Promise<T[]> {
  const transaction = (await database()).transaction(store, 'readonly');
  return (await settle(transaction.objectStore(store).getAll(), transaction)) as T[];
}

export async function idbDelete(store: StoreName, key: string): Promise<void> {
  const transaction = (await database()).transaction(store, 'readwrite');
  await settle(transaction.objectStore(store).delete(key), transaction);
}
