/** One browser cookie jar per scenario, shared by the page's request widgets (kept while the page is open). */
import { CookieJar } from "@/lib/cookies/jar";

const jars = new Map<string, CookieJar>();

export function browserJar(scenario: string): CookieJar {
  let jar = jars.get(scenario);
  if (!jar) {
    jar = new CookieJar();
    jars.set(scenario, jar);
  }
  return jar;
}

export function clearBrowserJar(scenario: string): void {
  jars.set(scenario, new CookieJar());
}
