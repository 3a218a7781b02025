"use client";
/**
 * The instructor's dashboard (/class/teach#<code>.<secret>): who joined, per lesson how many started and finished,
 * per question how the class answered, per challenge who solved it and who is stuck, the class Predict's live
 * histogram, "follow me", and deleting the class. Everything updates live from the dashboard stream.
 */
import { useEffect, useState, useSyncExternalStore } from "react";
import Link from "next/link";
import { teachApi } from "./api";
import { Histogram } from "./histogram";
import { questionLabel } from "./labels";
import { basePath, parseTeachFragment, teachSession, type TeachSession } from "./membership";
import { useDashboard, useTeachSession, type DashboardView } from "./streams";
import styles from "./classroom.module.css";

export interface LessonTitle {
  slug: string;
  title: string;
}

const subscribeNothing = () => () => {};

export function ClassDashboard({ lessons, labels }: { lessons: LessonTitle[]; labels: Record<string, string> }) {
  const session = useTeachSession();
  // Until the effect below has taken the secret out of the link (and on the server), nothing is shown.
  const pending = useSyncExternalStore(subscribeNothing, () => parseTeachFragment(window.location.hash) !== null, () => true);
  useEffect(() => {
    // The secret arrives in the fragment; it is kept in this browser and taken out of the address bar (which may
    // be on a projector).
    const fromLink = parseTeachFragment(window.location.hash);
    if (fromLink) {
      history.replaceState(null, "", window.location.pathname);
      teachSession.set({ ...fromLink, broadcast: true });
    }
  }, []);
  if (pending) return null;
  if (!session) {
    return (
      <p className={styles.card}>
        강사 링크로 열어야 대시보드를 볼 수 있습니다. 새 반은 <Link href="/class">반 페이지</Link>에서 만듭니다.
      </p>
    );
  }
  return <Board session={session} titles={new Map(lessons.map((l) => [l.slug, l.title]))} labels={labels} />;
}

function Board({ session, titles, labels }: { session: TeachSession; titles: Map<string, string>; labels: Record<string, string> }) {
  const { state, status } = useDashboard();
  const [message, setMessage] = useState<string | null>(null);
  const title = (slug: string) => titles.get(slug) ?? slug;
  if (status === "denied" || status === "gone") {
    return (
      <div className={styles.card} role="alert">
        <p>이 강사 링크의 반이 없습니다 (삭제되었거나 링크가 틀렸습니다).</p>
        <button type="button" className={styles.button} onClick={() => teachSession.set(null)}>
          강사 모드 끝내기
        </button>
      </div>
    );
  }
  if (!state) return <p role="status">대시보드를 불러오는 중…</p>;
  const joinUrl = typeof window === "undefined" ? "/class" : `${window.location.origin}${basePath}/class`;
  return (
    <div data-dashboard={state.code}>
      <h1>{state.title}</h1>
      <div className={`${styles.card} ${styles.codeRow}`}>
        <div>
          <div className={styles.muted}>반 코드</div>
          <div className={styles.code} data-class-code>
            {state.code}
          </div>
        </div>
        <p>
          학생은 <strong>{joinUrl}</strong> 에서 이 코드와 별명을 입력합니다.
          <br />
          <span className={styles.muted}>{status === "open" ? "실시간으로 갱신됩니다." : "다시 연결하는 중…"}</span>
        </p>
      </div>

      <h2>참여한 학생 ({state.students.length}명)</h2>
      {state.students.length === 0 ? <p className={styles.muted}>아직 아무도 참여하지 않았습니다.</p> : null}
      <ul className={styles.nicknames} aria-label="참여한 학생">
        {state.students.map((n) => (
          <li key={n}>{n}</li>
        ))}
      </ul>

      <h2>따라오기</h2>
      <div className={styles.card}>
        <label className={styles.toggle}>
          <input type="checkbox" checked={session.broadcast} onChange={(e) => teachSession.set({ ...session, broadcast: e.target.checked })} />
          따라오기 방송: 이 브라우저에서 레슨을 열면, &ldquo;강사 따라가기&rdquo;를 켠 학생의 화면이 같은 레슨과 절로 넘어갑니다.
        </label>
        <p className={styles.muted} data-follow-at>
          지금 위치: {state.follow.lesson ? `${title(state.follow.lesson)}${state.follow.section ? ` · #${state.follow.section}` : ""}` : "(아직 없음)"}
        </p>
      </div>

      <ClassPredictCard state={state} session={session} title={title} onMessage={setMessage} />

      <h2>레슨별 진도</h2>
      {state.lessons.length === 0 ? <p className={styles.muted}>아직 시작한 레슨이 없습니다.</p> : (
        <table className={styles.table} aria-label="레슨별 진도">
          <thead>
            <tr>
              <th>레슨</th>
              <th className={styles.num}>시작</th>
              <th className={styles.num}>완료</th>
            </tr>
          </thead>
          <tbody>
            {state.lessons.map((l) => (
              <tr key={l.slug} data-lesson={l.slug}>
                <td>{title(l.slug)}</td>
                <td className={styles.num}>{l.started}명</td>
                <td className={styles.num}>{l.finished}명</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}

      <h2>문제별 답</h2>
      {state.questions.length === 0 ? <p className={styles.muted}>아직 제출된 답이 없습니다.</p> : null}
      {state.questions.map((q) => (
        <section key={q.question} className={styles.question} data-question={q.question}>
          <h4>
            {questionLabel(q.question, labels)} <span className={styles.muted}>({title(q.slug)})</span>
          </h4>
          <Histogram label={questionLabel(q.question, labels)} bars={q.answers.map((a) => ({ label: a.answer, count: a.count, correct: a.correct }))} />
        </section>
      ))}

      <h2>도전 과제</h2>
      <p className={styles.muted}>막힘: 확인해 봤지만 아직 풀지 못한 학생. 시도: 모든 학생이 확인한 횟수의 합.</p>
      {state.challenges.length === 0 ? <p className={styles.muted}>아직 도전한 학생이 없습니다.</p> : (
        <table className={styles.table} aria-label="도전 과제">
          <thead>
            <tr>
              <th>과제</th>
              <th className={styles.num}>해결</th>
              <th className={styles.num}>막힘</th>
              <th className={styles.num}>시도</th>
            </tr>
          </thead>
          <tbody>
            {state.challenges.map((c) => (
              <tr key={c.challenge} data-challenge={c.challenge}>
                <td>
                  {questionLabel(c.challenge, labels)} <span className={styles.muted}>({title(c.slug)})</span>
                </td>
                <td className={styles.num}>{c.solved}명</td>
                <td className={styles.num}>{c.stuck}명</td>
                <td className={styles.num}>{c.attempts}번</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}

      <h2>반 삭제</h2>
      <div className={styles.card}>
        <p className={styles.muted}>반과 학생들이 보낸 모든 기록을 서버에서 지웁니다. 되돌릴 수 없습니다.</p>
        <button
          type="button"
          className={`${styles.button} ${styles.danger}`}
          onClick={async () => {
            if (!window.confirm(`${state.title} 반(${state.code})과 모든 기록을 삭제할까요?`)) return;
            const deleted = await teachApi(session, "DELETE", "");
            if (deleted.ok) teachSession.set(null);
            else setMessage(deleted.message);
          }}
        >
          반과 기록 삭제
        </button>
        {message ? (
          <p role="alert" className={styles.error}>
            {message}
          </p>
        ) : null}
      </div>
    </div>
  );
}

function ClassPredictCard({ state, session, title, onMessage }: { state: DashboardView; session: TeachSession; title: (s: string) => string; onMessage: (m: string | null) => void }) {
  const predict = state.predict;
  const act = async (action: "reveal" | "close") => {
    const done = await teachApi(session, "POST", "/predict", { action });
    onMessage(done.ok ? null : done.message);
  };
  return (
    <>
      <h2>반 전체 예측</h2>
      <div className={styles.card} data-class-predict={predict?.predict}>
        {!predict ? (
          <p className={styles.muted}>레슨의 &ldquo;예측해 보세요&rdquo; 위젯에서 &ldquo;반 전체에 열기&rdquo;를 누르면 여기에 학생들의 답이 실시간으로 모입니다.</p>
        ) : (
          <>
            <p>
              <strong>{predict.question}</strong> <span className={styles.muted}>({title(predict.slug)})</span>
            </p>
            <Histogram label="반 전체 예측" bars={predict.choices.map((c, i) => ({ label: c, count: predict.counts[i] ?? 0 }))} />
            <p className={styles.muted}>
              {predict.counts.reduce((a, b) => a + b, 0)}명 답함 · {predict.revealed ? "공개됨: 학생들이 실행해 볼 수 있습니다." : "공개 전"}
            </p>
            <div className={styles.barActions} style={{ marginLeft: 0 }}>
              {!predict.revealed ? (
                <button type="button" className={`${styles.button} ${styles.primary}`} onClick={() => void act("reveal")}>
                  공개하기
                </button>
              ) : null}
              <button type="button" className={styles.button} onClick={() => void act("close")}>
                닫기
              </button>
            </div>
          </>
        )}
      </div>
    </>
  );
}
