/**
 * `<Quiz id="http-basics" questions={[{ question, choices: [{ text, correct: true, why }, …] }]} />`.
 * Server side: refuses to build a quiz without exactly one right answer per question, and shows each question's
 * choices in a seeded order (shuffle.ts), so where the author listed the right answer gives nothing away.
 */
import { QuizClient } from "./quiz-client";
import { quizProblems, type QuizQuestion } from "./quiz-model";
import { seededShuffle } from "./shuffle";

export function Quiz({ id, title, questions }: { id: string; title?: string; questions: QuizQuestion[] }) {
  const problems = quizProblems(id, questions);
  if (problems.length > 0) throw new Error(problems.join("\n"));
  const shown = questions.map((q, i) => ({ ...q, choices: seededShuffle(q.choices, `quiz:${id}:${i}`) }));
  return <QuizClient id={id} title={title ?? "확인 문제"} questions={shown} />;
}
