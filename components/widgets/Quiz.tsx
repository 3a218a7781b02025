/**
 * `<Quiz id="http-basics" questions={[{ question, choices: [{ text, correct: true, why }, …] }]} />`.
 * Server side: refuses to build a quiz without exactly one right answer per question.
 */
import { QuizClient } from "./quiz-client";
import { quizProblems, type QuizQuestion } from "./quiz-model";

export function Quiz({ id, title, questions }: { id: string; title?: string; questions: QuizQuestion[] }) {
  const problems = quizProblems(id, questions);
  if (problems.length > 0) throw new Error(problems.join("\n"));
  return <QuizClient id={id} title={title ?? "확인 문제"} questions={questions} />;
}
