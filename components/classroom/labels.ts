/** Korean labels for the ids the dashboard counts by. */
export function questionLabel(id: string): string {
  const quiz = /^quiz:(.+)#(\d+)$/.exec(id);
  if (quiz) return `퀴즈 ${quiz[1]} · ${Number(quiz[2]) + 1}번`;
  if (id.startsWith("predict:")) return `예측 ${id.slice("predict:".length)}`;
  if (id.startsWith("challenge:")) return `도전 과제 ${id.slice("challenge:".length)}`;
  return id;
}
