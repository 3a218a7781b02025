"use client";
/** React binding of the progress store. The server (and first client render) sees empty progress. */
import { useSyncExternalStore } from "react";
import { EMPTY_PROGRESS, type ProgressState } from "./progress-model";
import { progressStore } from "./progress-store";

const serverSnapshot = (): ProgressState => EMPTY_PROGRESS;

export function useProgress(): ProgressState {
  return useSyncExternalStore(progressStore.subscribe, progressStore.getSnapshot, serverSnapshot);
}
