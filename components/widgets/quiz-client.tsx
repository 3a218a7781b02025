"use client";
/** Multiple choice with an explanation for every choice; the score counts towards the lesson's progress. */
import { useId, useState } from "react";
import { recordWidgetResult } from "@/components/progress";
import { answerText, reportClassEvent } from "@/components/classroom/report";
import type { QuizQuestion } from "./quiz-model";
import { useLessonSlug } from "./use-lesson-slug";
import styles from "./widgets.module.css";

export function QuizClient({ id, title, questions }: { id: string; title: string; questions: QuizQuestion[] }) {
  const [answers, setAnswers] = useState<Array<number | null>>(() => questions.map(() => null));
  const [checked, setChecked] = useState(false);
  const slug = useLessonSlug();
  const baseId = useId();
  const score = answers.filter((a, i) => a !== null && questions[i].choices[a]?.correct).length;
  const complete = answers.every((a) => a !== null);

  return (
    <section className={styles.quiz} aria-labelledby={`${baseId}-title`} data-quiz={id} data-lesson-check={`quiz:${id}`}>
      <h3 id={`${baseId}-title`} className={styles.widgetTitle}>
        {title}
      </h3>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          if (!complete) return;
          setChecked(true);
          if (!slug) return;
          recordWidgetResult(slug, `quiz:${id}`, { score, max: questions.length });
          answers.forEach((a, i) => {
            const choice = a === null ? undefined : questions[i].choices[a];
            if (choice) reportClassEvent({ kind: "answer", slug, question: `quiz:${id}#${i}`, answer: answerText(choice.text), correct: choice.correct === true });
          });
        }}
      >
        {questions.map((q, i) => (
          <fieldset key={i} className={styles.question}>
            <legend>
              {questions.length > 1 ? `${i + 1}. ` : ""}
              {q.question}
            </legend>
            {q.choices.map((choice, j) => {
              const chosen = answers[i] === j;
              const state = checked && chosen ? (choice.correct ? "right" : "wrong") : undefined;
              return (
                <div key={j} className={styles.choice} data-state={state}>
                  <label>
                    <input
                      type="radio"
                      name={`${baseId}-q${i}`}
                      checked={chosen}
                      disabled={checked}
                      onChange={() => setAnswers((a) => a.map((v, k) => (k === i ? j : v)))}
                    />{" "}
                    {choice.text}
                  </label>
                  {checked && (chosen || choice.correct) ? (
                    <p className={styles.why}>
                      <strong>{choice.correct ? "정답" : "오답"}:</strong> {choice.why}
                    </p>
                  ) : null}
                </div>
              );
            })}
          </fieldset>
        ))}
        <div className={styles.quizActions}>
          {checked ? (
            <>
              <p role="status" className={styles.score}>
                {questions.length}문제 중 {score}문제를 맞혔습니다.
              </p>
              <button
                type="button"
                className={styles.button}
                onClick={() => {
                  setChecked(false);
                  setAnswers(questions.map(() => null));
                }}
              >
                다시 풀기
              </button>
            </>
          ) : (
            <button type="submit" className={styles.button} disabled={!complete}>
              채점하기
            </button>
          )}
        </div>
      </form>
    </section>
  );
}
