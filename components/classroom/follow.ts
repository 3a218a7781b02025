/** Where "follow me" takes a student (below the base path): the lesson's address and the section's anchor. */
export function followTarget(lesson: string, section: string | null): string {
  return `/learn/${lesson}${section ? `#${section}` : ""}`;
}

/** The lesson slug of a pathname below the base path (`/learn/a/b` → `a/b`), or null. */
export function lessonOfPath(pathname: string): string | null {
  const match = /^\/learn\/(.+?)\/?$/.exec(pathname);
  return match ? decodeURIComponent(match[1]!) : null;
}

/** The heading the reader is at: the last section heading above a line 30% down the viewport. */
export function currentSection(root: ParentNode, viewportHeight: number): string | null {
  let current: string | null = null;
  for (const heading of root.querySelectorAll<HTMLElement>("article h2[id], article h3[id]")) {
    if (heading.getBoundingClientRect().top <= viewportHeight * 0.3) current = heading.id;
    else break;
  }
  return current;
}
