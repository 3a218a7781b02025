/**
 * A small value kept in localStorage and observable by React (useSyncExternalStore); any stored text that does
 * not parse reads as null. Other tabs' changes arrive through the storage event.
 */
export interface StoredValue<T> {
  get(): T | null;
  set(value: T | null): void;
  subscribe(listener: () => void): () => void;
}

export function storedValue<T>(key: string, parse: (value: unknown) => T | null): StoredValue<T> {
  let cached: { raw: string | null; value: T | null } | null = null;
  const listeners = new Set<() => void>();
  const storage = () => {
    try {
      return typeof window === "undefined" ? null : window.localStorage;
    } catch {
      return null;
    }
  };
  const get = (): T | null => {
    const raw = storage()?.getItem(key) ?? null;
    if (cached && cached.raw === raw) return cached.value;
    let value: T | null = null;
    try {
      value = raw === null ? null : parse(JSON.parse(raw));
    } catch {
      value = null;
    }
    cached = { raw, value };
    return value;
  };
  const emit = () => listeners.forEach((l) => l());
  if (typeof window !== "undefined") window.addEventListener("storage", (e) => (e.key === key || e.key === null ? emit() : undefined));
  return {
    get,
    set(value) {
      try {
        if (value === null) storage()?.removeItem(key);
        else storage()?.setItem(key, JSON.stringify(value));
      } catch {
        // Storage disabled: the class lasts for this page only.
      }
      emit();
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
