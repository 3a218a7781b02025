"use client";
/**
 * The instructor's bar while teaching (on every page of the browser that opened the instructor link): the class,
 * "따라오기 방송" on or off, the dashboard. While broadcasting, the lesson and section being read are sent to the
 * class (followers' pages move there).
 */
import { useEffect, useState } from "react";
import Link from "next/link";
import { usePathname } from "next/navigation";
import { josa } from "@/lib/chain/korean";
import { teachApi } from "./api";
import { currentSection, lessonOfPath } from "./follow";
import { teachSession, type TeachSession } from "./membership";
import styles from "./classroom.module.css";

export default function TeachBar({ session }: { session: TeachSession }) {
  const pathname = usePathname();
  const lesson = lessonOfPath(pathname ?? "");
  // Set when the server no longer knows this class (deleted from another browser, or removed by retention).
  const [gone, setGone] = useState(false);

  useEffect(() => {
    if (!session.broadcast || !lesson) return;
    let sent = "";
    const send = () => {
      const section = currentSection(document, window.innerHeight);
      const key = `${lesson}#${section ?? ""}`;
      if (key === sent) return;
      sent = key;
      void teachApi(session, "POST", "/follow", { lesson, section }).then((result) => {
        if (!result.ok && result.status === 403) setGone(true);
      });
    };
    send();
    let timer: ReturnType<typeof setTimeout> | null = null;
    const onScroll = () => {
      timer ??= setTimeout(() => {
        timer = null;
        send();
      }, 400);
    };
    window.addEventListener("scroll", onScroll, { passive: true });
    return () => {
      window.removeEventListener("scroll", onScroll);
      if (timer) clearTimeout(timer);
    };
  }, [session, lesson]);

  if (gone) {
    return (
      <div className={styles.bar} role="region" aria-label="강사 도구" data-teach-bar data-class-gone>
        <span role="alert">
          반 <strong>{session.code}</strong>{josa(session.code, "이/가")} 서버에 없습니다. 다른 곳에서 삭제되었거나 보관 기간이 지났습니다. 따라오기 방송은 멈췄습니다.
        </span>
        <span className={styles.barActions}>
          <button type="button" className={styles.button} onClick={() => teachSession.set(null)}>
            강사 모드 끝내기
          </button>
        </span>
      </div>
    );
  }

  return (
    <div className={styles.bar} role="region" aria-label="강사 도구" data-teach-bar>
      <span>
        강사 모드: 반 <strong>{session.code}</strong>
      </span>
      <span className={styles.barActions}>
        <label className={styles.toggle}>
          <input type="checkbox" checked={session.broadcast} onChange={(e) => teachSession.set({ ...session, broadcast: e.target.checked })} />
          따라오기 방송
        </label>
        <Link href="/class/teach">대시보드</Link>
      </span>
    </div>
  );
}
