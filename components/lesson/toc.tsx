import type { TocEntry } from "@/lib/content/headings";

/** The lesson's own headings; `variant` tells the side column (wide screens) from the fold-out (narrow screens). */
export function Toc({ entries, variant }: { entries: readonly TocEntry[]; variant: "aside" | "inline" }) {
  if (entries.length === 0) return null;
  const list = (
    <ul>
      {entries.map((entry) => (
        <li key={entry.id} className={entry.depth === 3 ? "toc-sub" : undefined}>
          <a href={`#${entry.id}`}>{entry.text}</a>
        </li>
      ))}
    </ul>
  );
  if (variant === "inline") {
    return (
      <details className="toc toc-inline">
        <summary>이 페이지의 내용</summary>
        <nav aria-label="이 페이지의 내용 (펼침)">{list}</nav>
      </details>
    );
  }
  return (
    <nav className="toc" aria-labelledby="toc-heading">
      <h2 id="toc-heading" className="toc-heading">
        이 페이지의 내용
      </h2>
      {list}
    </nav>
  );
}
