/**
 * One live stream per page however many components read it: it connects while someone listens and the
 * credentials (from localStorage) are there, and reconnects when they change.
 */
import { connectEventStream, type StreamStatus } from "./event-stream";
import type { StoredValue } from "./stored";

export interface StreamSnapshot<T> {
  state: T | null;
  status: StreamStatus | "off";
}

export interface SharedStream<T> {
  subscribe(listener: () => void): () => void;
  getSnapshot(): StreamSnapshot<T>;
}

const OFF = { state: null, status: "off" } as const;

export function sharedStream<T, C>(credentials: StoredValue<C>, request: (c: C) => { url: string; headers: Record<string, string> }, onDenied: () => void): SharedStream<T> {
  const listeners = new Set<() => void>();
  let snapshot: StreamSnapshot<T> = OFF;
  let stop: (() => void) | null = null;
  let connectedWith: C | null = null;
  const set = (next: StreamSnapshot<T>) => {
    snapshot = next;
    listeners.forEach((l) => l());
  };
  const sync = () => {
    const c = listeners.size > 0 ? credentials.get() : null;
    if (c === connectedWith) return;
    stop?.();
    stop = null;
    connectedWith = c;
    if (!c) return set(OFF);
    const { url, headers } = request(c);
    snapshot = { state: null, status: "connecting" };
    stop = connectEventStream(
      url,
      headers,
      (event, data) => {
        if (event === "state") set({ state: JSON.parse(data) as T, status: "open" });
      },
      (status) => {
        if (status === "denied" || status === "gone") onDenied();
        set({ ...snapshot, status });
      },
    );
  };
  let unwatch: (() => void) | null = null;
  return {
    subscribe(listener) {
      listeners.add(listener);
      unwatch ??= credentials.subscribe(sync);
      sync();
      return () => {
        listeners.delete(listener);
        if (listeners.size === 0) {
          unwatch?.();
          unwatch = null;
          sync();
        }
      };
    },
    getSnapshot: () => snapshot,
  };
}
