"use client";
/** The playground's code (and the diagram's) arrives only when the student scrolls near it. */
import { lazy, Suspense } from "react";
import type { PlaygroundClientProps } from "./playground-client";
import { useNearViewport } from "./use-near-viewport";
import styles from "./widgets.module.css";

const PlaygroundClient = lazy(() => import("./playground-client").then((m) => ({ default: m.PlaygroundClient })));

export function PlaygroundLazy(props: PlaygroundClientProps) {
  const { ref, near } = useNearViewport<HTMLDivElement>();
  const standIn = (
    <section className={styles.playground} aria-label={`설정 실습: ${props.title}`}>
      {Object.entries(props.originals).map(([path, text]) => (
        <figure key={path} className={styles.standInFile}>
          <figcaption className={styles.standInName}>{path}</figcaption>
          <pre tabIndex={0} className={`${styles.editorText} ${styles.mono} ${styles.framed}`}>
            {text}
          </pre>
        </figure>
      ))}
    </section>
  );
  if (!near) return <div ref={ref}>{standIn}</div>;
  return (
    <Suspense fallback={standIn}>
      <PlaygroundClient {...props} />
    </Suspense>
  );
}
