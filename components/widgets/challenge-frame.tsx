/**
 * The outside of a challenge (title, goal, what is broken), shared by the stand-in and the live widget. Its root
 * names the challenge's lesson check (`challenge:<id>`), so the lesson counts it before the editor has loaded.
 */
import type { ReactNode } from "react";
import styles from "./challenge.module.css";

export function ChallengeFrame({ id, broken, goal, solved, children }: { id: string; broken: boolean; goal: ReactNode; solved?: boolean; children?: ReactNode }) {
  return (
    <section className={styles.challenge} data-challenge={id} data-lesson-check={`challenge:${id}`} data-solved={solved || undefined} aria-label="도전 과제">
      <h3 className={styles.title}>
        도전 과제{broken ? <span className={styles.badge}>고장 난 설정에서 시작</span> : null}
        {solved ? <span className={styles.solvedBadge}>해결함</span> : null}
      </h3>
      <div className={styles.goal}>{goal}</div>
      {children}
    </section>
  );
}
