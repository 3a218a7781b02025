"use client";
/** A challenge's editor and grader arrive only when the student scrolls near it; the goal is in the page at once. */
import { lazy, Suspense } from "react";
import type { ChallengeClientProps } from "./challenge-client";
import { ChallengeFrame } from "./challenge-frame";
import { useNearViewport } from "./use-near-viewport";

const ChallengeClient = lazy(() => import("./challenge-client").then((m) => ({ default: m.ChallengeClient })));

export function ChallengeLazy(props: ChallengeClientProps) {
  const { ref, near } = useNearViewport<HTMLDivElement>();
  const standIn = (
    <ChallengeFrame id={props.id} broken={props.broken} goal={props.children}>
      {Object.entries(props.startFiles).map(([path, text]) => (
        <figure key={path}>
          <figcaption>{path}</figcaption>
          <pre tabIndex={0}>{text}</pre>
        </figure>
      ))}
    </ChallengeFrame>
  );
  if (!near) return <div ref={ref}>{standIn}</div>;
  return (
    <Suspense fallback={standIn}>
      <ChallengeClient {...props} />
    </Suspense>
  );
}
