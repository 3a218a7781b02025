/**
 * Korean labels for the ids the dashboard counts by: the lesson's own words when the page was given them
 * (lesson-labels.server.ts), else the kind and the id.
 */
export function questionLabel(id: string, words: Record<string, string> = {}): string {
  const kind = id.startsWith("quiz:") ? "퀴즈" : id.startsWith("predict:") ? "예측" : id.startsWith("challenge:") ? "도전 과제" : null;
  if (words[id] && kind) return `${kind}: ${words[id]}`;
  const quiz = /^quiz:(.+)#(\d+)$/.exec(id);
  if (quiz) return `퀴즈 ${quiz[1]} · ${Number(quiz[2]) + 1}번`;
  if (id.startsWith("predict:")) return `예측 ${id.slice("predict:".length)}`;
  if (id.startsWith("challenge:")) return `도전 과제 ${id.slice("challenge:".length)}`;
  return id;
}
