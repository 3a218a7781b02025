"use client";
import { useEffect, useRef, useState, type ReactNode } from "react";

/** Marks the wrapper `data-overflow` while its table is wider than it; CSS then pins the key column and shows the cue. */
export function TableScroll({ children }: { children: ReactNode }) {
  const ref = useRef<HTMLDivElement>(null);
  const [overflow, setOverflow] = useState(false);
  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    let measuredWidth = -1;
    const measure = () => {
      const width = el.clientWidth;
      const wide = el.scrollWidth > width + 1;
      // Pinning the key column (data-overflow) narrows the table, which can make it fit: keep the decision while
      // the width stays the same, or the page flips between the two layouts forever (and nothing can be clicked).
      if (width === measuredWidth && !wide) return;
      measuredWidth = width;
      setOverflow(wide);
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
      <div ref={ref} className="table-wrap" tabIndex={0} role="region" aria-label="표" data-overflow={overflow || undefined}>
        {children}
      </div>
    </div>
  );
}
