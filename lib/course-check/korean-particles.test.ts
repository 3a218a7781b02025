/**
 * Issue 15's Korean pass beyond the lessons' prose (lib/course-check/prose.test.ts checks that): no mechanical
 * particle fallback such as "200을(를)" or "@app(으)로", and none of the phrasings the pass replaced, in any Korean
 * sentence the chain writes into a trace, the step narration the widgets show, or the site's own interface text.
 * Particles come from the word (lib/chain/korean.ts).
 */
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import type { GatewayKind } from "@/lib/chain/trace";
import { loadScenario } from "@/lib/scenarios/load.server";
import { BUILTIN_PRESETS } from "@/components/flow/presets";
import { narrate } from "@/components/flow/narrate";
import { runPreset } from "./run-preset";

const FALLBACK = /을\(를\)|를\(을\)|이\(가\)|가\(이\)|은\(는\)|는\(은\)|과\(와\)|와\(과\)|\(으\)로|\(이\)(?:다|에요|라)/;
const REPLACED = /바꿔 치웁|찾았지만 없습니다/;
/** A fixed particle right after an interpolated value ("${status}로"): right for some values, wrong for others. */
const FIXED_AFTER_VALUE = /\$\{[^}]+\}(로|으로|을|를|이|가|은|는|과|와)[ .,)!?]/;

function sourceFiles(dir: string): string[] {
  const out: string[] = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      if (entry.name !== "node_modules" && entry.name !== "fixtures") out.push(...sourceFiles(full));
    } else if (/\.tsx?$/.test(entry.name) && !/\.test\.tsx?$|\.testkit\.ts$/.test(entry.name)) {
      out.push(full);
    }
  }
  return out;
}

describe("Korean particles outside the lessons", () => {
  it("no source file of the chain, the widgets or the pages writes a particle fallback", () => {
    const hits: string[] = [];
    for (const root of ["lib", "components", "app"]) {
      for (const file of sourceFiles(path.join(process.cwd(), root))) {
        fs.readFileSync(file, "utf8")
          .split("\n")
          .forEach((line, i) => {
            if (FALLBACK.test(line) || REPLACED.test(line) || FIXED_AFTER_VALUE.test(line)) hits.push(`${path.relative(process.cwd(), file)}:${i + 1}: ${line.trim().slice(0, 100)}`);
          });
      }
    }
    expect(hits, "choose the particle from the word: josa()/withJosa() in lib/chain/korean.ts").toEqual([]);
  });

  it("no trace or narration of the built-in requests, on every gateway of the lesson scenarios, has one", async () => {
    const hits = new Set<string>();
    let runs = 0;
    for (const scenario of ["hello_cju", "lesson_static", "lesson_proxy", "lesson_timeouts", "lesson_deploy", "wrong_socket", "body_limit"]) {
      const loaded = await loadScenario(scenario);
      if (!loaded) throw new Error(`no scenario ${scenario}`);
      for (const gateway of Object.keys(loaded.manifest.gateways) as GatewayKind[]) {
        for (const preset of Object.values(BUILTIN_PRESETS)) {
          const result = await runPreset(scenario, preset, gateway);
          runs++;
          const texts = [JSON.stringify(result.trace), ...result.trace.steps.map((step) => narrate(step, gateway))];
          for (const text of texts) {
            const match = FALLBACK.exec(text) ?? REPLACED.exec(text);
            if (match) hits.add(`${scenario}/${gateway}/${preset.id}: …${text.slice(Math.max(0, match.index - 40), match.index + 20)}…`);
          }
        }
      }
    }
    expect(runs).toBeGreaterThan(50);
    expect([...hits]).toEqual([]);
  });
});
