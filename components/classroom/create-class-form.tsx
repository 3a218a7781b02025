"use client";
/** The instructor's side of /class: a new class, then on to its dashboard through the secret link. */
import { useState } from "react";
import { useRouter } from "next/navigation";
import { classApi } from "./api";
import styles from "./classroom.module.css";

export function CreateClassForm() {
  const router = useRouter();
  const [title, setTitle] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  return (
    <form
      className={`${styles.form} ${styles.card}`}
      onSubmit={async (e) => {
        e.preventDefault();
        setBusy(true);
        setError(null);
        const made = await classApi<{ code: string; secret: string }>("POST", "", { title });
        setBusy(false);
        if (!made.ok) return setError(made.message);
        router.push(`/class/teach#${made.value.code}.${made.value.secret}`);
      }}
    >
      <label>
        반 이름
        <input value={title} onChange={(e) => setTitle(e.target.value)} required maxLength={60} placeholder="예: 웹 서버 실습 1반" />
      </label>
      <button type="submit" className={styles.button} disabled={busy}>
        {busy ? "만드는 중…" : "새 반 만들기"}
      </button>
      {error ? (
        <p role="alert" className={styles.error}>
          {error}
        </p>
      ) : null}
    </form>
  );
}
