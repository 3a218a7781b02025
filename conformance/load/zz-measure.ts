import { writeFileSync } from "node:fs";
import os from "node:os";
import { CROWD_CASES } from "./crowds";
import { runRealCrowd, requestBytes, sendTimes } from "./real-crowd";
import { loadScenario } from "../../lib/scenarios/load.server";
import { runLoad } from "../../lib/chain/load/run-load";
import { loadInputFor } from "../../lib/chain/load/setup";
const R = Number(process.env.R ?? 5);
const out: Record<string, unknown> = {};
const only = process.argv.slice(2);
for (const c of CROWD_CASES) {
  if (only.length && !only.includes(c.name)) continue;
  const scenario = (await loadScenario("classroom_load"))!;
  const input = loadInputFor("classroom_load", scenario.manifest, scenario.files, c.setup);
  const raw = requestBytes(c.setup.crowd.target);
  const m = runLoad({ ...input, requests: sendTimes(c).map((at) => ({ at, raw })) });
  if (!m.ok) throw new Error("model");
  const runs = [];
  for (let i = 0; i < R; i++) {
    const before = os.loadavg()[0];
    const t0 = Date.now();
    const answers = await runRealCrowd(c);
    runs.push({ load: [before, os.loadavg()[0]], ms: Date.now() - t0, answers });
    console.log(c.name, i, before.toFixed(1), answers.map((a) => `${a.status}@${Math.round(a.doneAt)}`).join(" "));
  }
  out[c.name] = { model: m.results.map((r) => ({ status: r.status, doneAt: r.doneAt })), runs };
  writeFileSync(process.env.OUT ?? "/tmp/n18/crowd-measure.json", JSON.stringify(out));
}
