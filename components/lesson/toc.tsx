import type { TocEntry } from "@/lib/content/headings";

/** The lesson's own headings. */
export function Toc({ entries }: { entries: readonly TocEntry[] }) {
  if (entries.length === 0) return null;
  return (
    <nav className="toc" aria-labelledby="toc-heading">
      <h2 id="toc-heading" className="toc-heading">
        이 페이지의 내용
      </h2>
      <ul>
        {entries.map((entry) => (
          <li key={entry.id} className={entry.depth === 3 ? "toc-sub" : undefined}>
            <a href={`#${entry.id}`}>{entry.text}</a>
          </li>
        ))}
      </ul>
    </nav>
  );
}
