"use client";
import { useRouter } from "next/navigation";
import { useEffect } from "react";
import { lessonMoveForKey } from "./keyboard";

/** Alt+← / K to the previous lesson, Alt+→ / J to the next (keyboard.ts); reading keys keep scrolling. */
export function KeyboardNav({ prevHref, nextHref }: { prevHref?: string; nextHref?: string }) {
  const router = useRouter();
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      const target = event.target instanceof Element ? (event.target as HTMLElement) : null;
      const move = lessonMoveForKey(event, target);
      const href = move === "prev" ? prevHref : move === "next" ? nextHref : undefined;
      if (!href) return;
      event.preventDefault();
      router.push(href);
    };
    window.addEventListener("keydown", onKeyDown);
    return () => window.removeEventListener("keydown", onKeyDown);
  }, [router, prevHref, nextHref]);
  return null;
}
