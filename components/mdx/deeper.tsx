import type { ReactNode } from "react";
import styles from "./deeper.module.css";

/**
 * `<Deeper title="uwsgi 패킷의 바이트">…</Deeper>`: material the lesson reads well without (packet bytes, ETag
 * formats, gzip internals), folded away until the student opens it.
 */
export function Deeper({ title, children }: { title: string; children: ReactNode }) {
  return (
    <details className={styles.deeper}>
      <summary>
        <span className={styles.label}>더 깊이</span> {title}
      </summary>
      <div className={styles.body}>{children}</div>
    </details>
  );
}
