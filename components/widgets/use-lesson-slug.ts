"use client";
import { usePathname } from "next/navigation";

/** The current lesson's slug (`introduction/welcome`) from the URL, for recording widget results. */
export function useLessonSlug(): string | null {
  const pathname = usePathname();
  const match = /^\/learn\/(.+?)\/?$/.exec(pathname ?? "");
  return match ? decodeURIComponent(match[1]) : null;
}
