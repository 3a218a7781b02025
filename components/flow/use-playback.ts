"use client";
/** Step-by-step playback state of one trace: position, play/pause, speed, honouring reduced motion. */
import { useCallback, useEffect, useState, useSyncExternalStore } from "react";
import type { TraceStep } from "@/lib/chain/trace";
import { displayDuration } from "./playback";

export interface Playback {
  position: number;
  playing: boolean;
  speed: number;
  setSpeed(speed: number): void;
  play(): void;
  pause(): void;
  toggle(): void;
  next(): void;
  previous(): void;
  goTo(position: number): void;
  replay(): void;
}

export function usePlayback(frames: TraceStep[], reducedMotion: boolean): Playback {
  const [position, setPosition] = useState(0);
  const [wantsToPlay, setWantsToPlay] = useState(false);
  const [speed, setSpeed] = useState(1);
  const [shown, setShown] = useState(frames);
  const last = frames.length - 1;

  // A new trace starts from its first step and plays unless the student prefers less motion (state derived from
  // the previous render, as React recommends, instead of an effect).
  if (shown !== frames) {
    setShown(frames);
    setPosition(0);
    setWantsToPlay(frames.length > 1 && !reducedMotion);
  }
  const playing = wantsToPlay && position < last;

  useEffect(() => {
    if (!playing) return;
    const timer = window.setTimeout(
      () => setPosition((p) => Math.min(p + 1, last)),
      displayDuration(frames[position], frames[position + 1]) / speed,
    );
    return () => window.clearTimeout(timer);
  }, [playing, position, last, frames, speed]);

  const goTo = useCallback(
    (p: number) => {
      setWantsToPlay(false);
      setPosition(Math.max(0, Math.min(p, last)));
    },
    [last],
  );

  return {
    position,
    playing,
    speed,
    setSpeed,
    play: () => setWantsToPlay(true),
    pause: () => setWantsToPlay(false),
    toggle: () => {
      if (playing) return setWantsToPlay(false);
      if (position >= last) setPosition(0);
      setWantsToPlay(true);
    },
    next: () => goTo(position + 1),
    previous: () => goTo(position - 1),
    goTo,
    replay: () => {
      setPosition(0);
      setWantsToPlay(true);
    },
  };
}

const REDUCED_MOTION = "(prefers-reduced-motion: reduce)";

function subscribeReducedMotion(onChange: () => void): () => void {
  const query = window.matchMedia(REDUCED_MOTION);
  query.addEventListener("change", onChange);
  return () => query.removeEventListener("change", onChange);
}

export function usePrefersReducedMotion(): boolean {
  return useSyncExternalStore(
    subscribeReducedMotion,
    () => window.matchMedia(REDUCED_MOTION).matches,
    () => false,
  );
}
