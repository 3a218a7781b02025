"use client";
/**
 * The instructor's bar while teaching (on every page of the browser that opened the instructor link): the class,
 * "따라오기 방송" on or off, the dashboard. While broadcasting, the lesson and section being read are sent to the
 * class (followers' pages move there).
 */
import { useEffect } from "react";
import Link from "next/link";
import { usePathname } from "next/navigation";
import { teachApi } from "./api";
import { currentSection, lessonOfPath } from "./follow";
import { teachSession, type TeachSession } from "./membership";
import styles from "./classroom.module.css";

export default function TeachBar({ session }: { session: TeachSession }) {
  const pathname = usePathname();
  const lesson = lessonOfPath(pathname ?? "");

  useEffect(() => {
    if (!session.broadcast || !lesson) return;
    let sent = "";
    const send = () => {
      const section = currentSection(document, window.innerHeight);
      const key = `${lesson}#${section ?? ""}`;
      if (key === sent) return;
      sent = key;
      void teachApi(session, "POST", "/follow", { lesson, section });
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
