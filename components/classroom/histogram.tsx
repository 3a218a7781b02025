/** Counts per answer as bars (the correct answer, when known, in green), readable as text too. */
import styles from "./classroom.module.css";

export interface Bar {
  label: string;
  count: number;
  correct?: boolean;
}

export function Histogram({ bars, label }: { bars: Bar[]; label: string }) {
  const total = bars.reduce((sum, b) => sum + b.count, 0);
  const most = Math.max(1, ...bars.map((b) => b.count));
  return (
    <ul className={styles.histogram} aria-label={label}>
      {bars.map((bar) => (
        <li key={bar.label} data-answer={bar.label} data-count={bar.count}>
          <span className={styles.histLabel}>
            {bar.label}
            {bar.correct ? " ✓" : ""}
          </span>
          <span className={styles.histTrack} aria-hidden="true">
            <span className={styles.histBar} data-correct={bar.correct || undefined} style={{ width: `${(bar.count / most) * 100}%`, display: "block" }} />
          </span>
          <span className={styles.histCount}>
            {bar.count}명{total > 0 ? <span className="visually-hidden"> ({Math.round((bar.count / total) * 100)}%)</span> : null}
          </span>
        </li>
      ))}
    </ul>
  );
}
