"use client";
/**
 * The student's class bar (under the site header, on every page while in a class): the class and nickname,
 * "강사 따라가기", leaving. While following, the page goes where the instructor is; a class Predict opened by the
 * instructor is announced with a link to it.
 */
import { useEffect, useRef } from "react";
import { usePathname, useRouter } from "next/navigation";
import { followTarget, lessonOfPath } from "./follow";
import { membership, type Membership } from "./membership";
import { useClassLive } from "./streams";
import styles from "./classroom.module.css";

export default function ClassBar({ member }: { member: Membership }) {
  const live = useClassLive();
  const router = useRouter();
  const pathname = usePathname();
  const lastFollowed = useRef<string | null>(null);
  const state = live.state;

  useEffect(() => {
    if (!member.follow || !state?.lesson) return;
    const key = `${state.lesson}#${state.section ?? ""}`;
    if (key === lastFollowed.current) return;
    lastFollowed.current = key;
    if (lessonOfPath(pathname ?? "") !== state.lesson) {
      router.push(followTarget(state.lesson, state.section));
    } else if (state.section) {
      document.getElementById(state.section)?.scrollIntoView({ behavior: "smooth", block: "start" });
    }
  }, [member.follow, state?.lesson, state?.section, pathname, router]);

  const predict = state?.predict;
  const predictHere = predict && lessonOfPath(pathname ?? "") === predict.slug;
  return (
    <div className={styles.bar} role="region" aria-label="수업" data-class-bar>
      <span>
        수업 중: <strong>{member.title}</strong> ({member.code}) · {member.nickname}
      </span>
      <span className={styles.status} role="status">
        {live.status === "open" ? "연결됨" : live.status === "retrying" ? "다시 연결하는 중…" : live.status === "connecting" ? "연결하는 중…" : ""}
      </span>
      <span className={styles.barActions}>
        <label className={styles.toggle}>
          <input type="checkbox" checked={member.follow} onChange={(e) => membership.set({ ...member, follow: e.target.checked })} />
          강사 따라가기
        </label>
        <button type="button" className={styles.button} onClick={() => membership.set(null)}>
          반 나가기
        </button>
      </span>
      {predict && !predict.revealed && !predictHere ? (
        <p className={styles.notice} role="status">
          강사가 반 전체 예측 문제를 열었습니다: {predict.question}{" "}
          <a href={`${process.env.NEXT_PUBLIC_BASE_PATH ?? ""}/learn/${predict.slug}#predict-${predict.predict}`}>문제로 가기</a>
        </p>
      ) : null}
    </div>
  );
}
