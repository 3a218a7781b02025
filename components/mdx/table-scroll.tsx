"use client";
import { useEffect, useRef, useState, type ReactNode } from "react";

/**
 * Marks the wrapper `data-overflow` while its table is wider than it (the cue above says it scrolls) and `data-pin`
 * when the key column is narrow enough to stay in place (at most 45 % of the width) while the rest scrolls beside
 * it; a wide key column would leave no room to scroll, so such a table scrolls as a whole. Pinning does not change
 * any width, so the decision cannot flip back and forth.
 */
export function TableScroll({ children }: { children: ReactNode }) {
  const ref = useRef<HTMLDivElement>(null);
  const [overflow, setOverflow] = useState(false);
  const [pin, setPin] = useState(false);
  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    let measuredWidth = -1;
    const measure = () => {
      const width = el.clientWidth;
      const wide = el.scrollWidth > width + 1;
      // Keep the decision while the width stays the same: a layout that changed the table's width when pinned once
      // made the page flip between the two layouts forever (and nothing could be clicked).
      if (width === measuredWidth && !wide) return;
      measuredWidth = width;
      setOverflow(wide);
      const key = el.querySelector("tr > :first-child");
      setPin(wide && key !== null && key.getBoundingClientRect().width <= width * 0.45);
    };
    measure();
    if (typeof ResizeObserver === "undefined") return;
    const observer = new ResizeObserver(measure);
    observer.observe(el);
    return () => observer.disconnect();
  }, []);
  return (
    <div className="table-block">
      {overflow ? (
        <p className="table-scroll-hint" aria-hidden="true">
          ← 표가 화면보다 넓습니다. 옆으로 밀어 나머지 칸을 보세요 →
        </p>
      ) : null}
      <div ref={ref} className="table-wrap" tabIndex={0} role="region" aria-label="표" data-overflow={overflow || undefined} data-pin={pin || undefined}>
        {children}
      </div>
    </div>
  );
}
