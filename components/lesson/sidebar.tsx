"use client";
import Link from "next/link";
import { useEffect, useId, useRef, useState } from "react";
import { countDone, isDone, useProgress } from "@/components/progress";
import type { PartSummary } from "@/lib/content/types";

/**
 * Every lesson grouped by part, with done marks. On wide screens a column; on phones a drawer opened by the
 * `레슨 목록` button (Escape or a link closes it, focus returns to the button).
 */
export function Sidebar({ parts, currentSlug }: { parts: readonly PartSummary[]; currentSlug?: string }) {
  const progress = useProgress();
  const [open, setOpen] = useState(false);
  const panelId = useId();
  const toggleRef = useRef<HTMLButtonElement>(null);
  const panelRef = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (!open) return;
    const onKey = (event: KeyboardEvent) => {
      if (event.key === "Escape") {
        setOpen(false);
        toggleRef.current?.focus();
      }
    };
    panelRef.current?.querySelector<HTMLElement>("a[aria-current], a")?.focus();
    window.addEventListener("keydown", onKey);
    // While the drawer covers the page, the page behind it is out of reach for Tab and screen readers.
    const behind = [...document.querySelectorAll<HTMLElement>("#main, .site-header, .lesson-aside")];
    behind.forEach((el) => (el.inert = true));
    return () => {
      window.removeEventListener("keydown", onKey);
      behind.forEach((el) => (el.inert = false));
    };
  }, [open]);

  const all = parts.flatMap((p) => p.lessons.map((l) => l.slug));

  return (
    <div className="sidebar" data-open={open || undefined}>
      <button
        ref={toggleRef}
        type="button"
        className="sidebar-toggle"
        aria-expanded={open}
        aria-controls={panelId}
        onClick={() => setOpen((v) => !v)}
      >
        <span aria-hidden="true">☰</span> 레슨 목록
      </button>
      {open ? <div className="sidebar-backdrop" aria-hidden="true" onClick={() => setOpen(false)} /> : null}
      <div id={panelId} ref={panelRef} className="sidebar-panel">
        <button
          type="button"
          className="sidebar-close"
          onClick={() => {
            setOpen(false);
            toggleRef.current?.focus();
          }}
        >
          닫기
        </button>
        <nav aria-label="레슨 목록">
          <p className="sidebar-progress">
            {countDone(progress, all)} / {all.length} 레슨 완료
          </p>
          {parts.map((part) => (
            <section key={part.slug} className="sidebar-part" aria-labelledby={`${panelId}-${part.slug}`}>
              <h2 id={`${panelId}-${part.slug}`} className="sidebar-part-title">
                {part.number}. {part.title}
              </h2>
              <ol>
                {part.lessons.map((lesson) => {
                  const done = isDone(progress, lesson.slug);
                  return (
                    <li key={lesson.slug}>
                      <Link
                        href={lesson.href}
                        aria-current={lesson.slug === currentSlug ? "page" : undefined}
                        onClick={() => setOpen(false)}
                        data-done={done || undefined}
                      >
                        <span className="lesson-mark" aria-hidden="true">
                          {done ? "✓" : lesson.number}
                        </span>
                        <span>{lesson.title}</span>
                        {done ? <span className="visually-hidden"> (완료)</span> : null}
                      </Link>
                    </li>
                  );
                })}
              </ol>
            </section>
          ))}
        </nav>
      </div>
    </div>
  );
}
