"use client";
/** Step-by-step playback state of one trace: position, play/pause, speed, honouring reduced motion. */
import { useCallback, useEffect, useState } from "react";
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
  const [playing, setPlaying] = useState(false);
  const [speed, setSpeed] = useState(1);
  const last = frames.length - 1;

  // A new trace starts from its first step and plays unless the student prefers less motion.
  useEffect(() => {
    setPosition(0);
    setPlaying(frames.length > 1 && !reducedMotion);
  }, [frames, reducedMotion]);

  useEffect(() => {
    if (!playing) return;
    if (position >= last) {
      setPlaying(false);
      return;
    }
    const timer = window.setTimeout(
      () => setPosition((p) => Math.min(p + 1, last)),
      displayDuration(frames[position], frames[position + 1]) / speed,
    );
    return () => window.clearTimeout(timer);
  }, [playing, position, last, frames, speed]);

  const goTo = useCallback((p: number) => {
    setPlaying(false);
    setPosition(Math.max(0, Math.min(p, last)));
  }, [last]);

  return {
    position,
    playing,
    speed,
    setSpeed,
    play: () => setPlaying(true),
    pause: () => setPlaying(false),
    toggle: () => {
      if (position >= last) setPosition(0);
      setPlaying((p) => !p || position >= last);
    },
    next: () => goTo(position + 1),
    previous: () => goTo(position - 1),
    goTo,
    replay: () => {
      setPosition(0);
      setPlaying(true);
    },
  };
}

export function usePrefersReducedMotion(): boolean {
  const [reduced, setReduced] = useState(false);
  useEffect(() => {
    const query = window.matchMedia("(prefers-reduced-motion: reduce)");
    setReduced(query.matches);
    const onChange = () => setReduced(query.matches);
    query.addEventListener("change", onChange);
    return () => query.removeEventListener("change", onChange);
  }, []);
  return reduced;
}
