import { loadScenario } from "/work/main/lib/scenarios/load.server";
import { runChain } from "/work/main/lib/chain/run";
const s = (await loadScenario("hello_cju"))!;
function time(label: string, fn: () => unknown) { for (let i = 0; i < 30; i++) fn(); const t = performance.now(); for (let i = 0; i < 300; i++) fn(); console.log(label, ((performance.now() - t) / 300).toFixed(3), "ms"); }
const raw = new TextEncoder().encode("GET /hello/cju HTTP/1.1\r\nHost: localhost\r\n\r\n");
time("runChain proxied", () => runChain({ scenario: "hello_cju", manifest: s.manifest, files: s.files, raw }));
const raw2 = new TextEncoder().encode("GET /static/style.css HTTP/1.1\r\nHost: localhost\r\n\r\n");
time("runChain static", () => runChain({ scenario: "hello_cju", manifest: s.manifest, files: s.files, raw: raw2 }));
