import type { ReactNode } from "react";

/** Shared frame of the semantic blocks (Pitfall, Note, Recap). */
export function Callout({
  kind,
  title,
  icon,
  children,
}: {
  kind: "pitfall" | "note" | "recap";
  title: string;
  icon: string;
  children: ReactNode;
}) {
  return (
    <aside className={`callout callout-${kind}`} aria-label={title}>
      <p className="callout-title">
        <span aria-hidden="true">{icon}</span> {title}
      </p>
      <div className="callout-body">{children}</div>
    </aside>
  );
}
