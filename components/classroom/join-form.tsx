"use client";
/** The student's side of /class: enter the class code and a nickname (nothing personal), or see the class joined. */
import { useState } from "react";
import Link from "next/link";
import { josa } from "@/lib/chain/korean";
import { classApi } from "./api";
import { membership } from "./membership";
import { useMembership } from "./streams";
import styles from "./classroom.module.css";

export function JoinForm() {
  const member = useMembership();
  const [code, setCode] = useState("");
  const [nickname, setNickname] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  if (member) {
    return (
      <div className={styles.card} data-joined>
        <p role="status">
          <strong>{member.title}</strong> 반({member.code})에 <strong>{member.nickname}</strong>{josa(member.nickname, "으로/로")} 참여하고 있습니다. 레슨의 진도와 확인
          문제의 답이 강사의 대시보드에 모입니다.
        </p>
        <div className={styles.barActions} style={{ marginLeft: 0 }}>
          <label className={styles.toggle}>
            <input type="checkbox" checked={member.follow} onChange={(e) => membership.set({ ...member, follow: e.target.checked })} />
            강사 따라가기 (강사가 보는 레슨으로 내 화면이 함께 넘어갑니다)
          </label>
          <Link className="primary-button" href="/">
            코스로 가기
          </Link>
          <button type="button" className={styles.button} onClick={() => membership.set(null)}>
            반 나가기
          </button>
        </div>
      </div>
    );
  }

  return (
    <form
      className={`${styles.form} ${styles.card}`}
      onSubmit={async (e) => {
        e.preventDefault();
        setBusy(true);
        setError(null);
        const joined = await classApi<{ token: string; nickname: string; title: string }>("POST", "/join", { code, nickname });
        setBusy(false);
        if (!joined.ok) return setError(joined.message);
        membership.set({ code: code.trim().toUpperCase(), title: joined.value.title, nickname: joined.value.nickname, token: joined.value.token, follow: true });
      }}
    >
      <label>
        반 코드
        <input value={code} onChange={(e) => setCode(e.target.value)} required maxLength={12} autoComplete="off" autoCapitalize="characters" placeholder="예: K7M2QX" />
      </label>
      <label>
        별명 (실명이 아니어도 됩니다)
        <input value={nickname} onChange={(e) => setNickname(e.target.value)} required maxLength={20} autoComplete="off" />
      </label>
      <button type="submit" className={`${styles.button} ${styles.primary}`} disabled={busy}>
        {busy ? "참여하는 중…" : "반에 참여하기"}
      </button>
      {error ? (
        <p role="alert" className={styles.error}>
          {error}
        </p>
      ) : null}
    </form>
  );
}
