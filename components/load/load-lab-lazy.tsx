"use client";
/**
 * The lab's code arrives only when the student scrolls near it; until then a plain description stands in. The slot
 * names the lab's lesson checks at once (`load:<id>` for a goal, `load-predict:<id>` for a prediction).
 */
import { lazy, Suspense } from "react";
import { useNearViewport } from "@/components/widgets/use-near-viewport";
import type { LoadLabClientProps } from "./load-lab-client";
import styles from "./load.module.css";

const LoadLabClient = lazy(() => import("./load-lab-client").then((m) => ({ default: m.LoadLabClient })));

export function loadLabChecks(props: Pick<LoadLabClientProps, "id" | "goal" | "predict">): string | undefined {
  const ids = [props.goal ? `load:${props.id}` : null, props.predict ? `load-predict:${props.id}` : null].filter(Boolean);
  return ids.length > 0 ? ids.join(" ") : undefined;
}

export function LoadLabLazy(props: LoadLabClientProps) {
  const { ref, near } = useNearViewport<HTMLDivElement>();
  const standIn = (
    <section className={styles.lab} aria-label={props.title}>
      <h3 className={styles.title}>{props.title}</h3>
      <p>
        학생 {props.crowd.count}명이 <code>{props.crowd.target}</code>에 요청을 보내는 실험을 준비하고 있습니다.
      </p>
    </section>
  );
  return (
    <div ref={ref} data-load-lab-slot={props.id} data-lesson-check={loadLabChecks(props)}>
      {near ? (
        <Suspense fallback={standIn}>
          <LoadLabClient {...props} />
        </Suspense>
      ) : (
        standIn
      )}
    </div>
  );
}
