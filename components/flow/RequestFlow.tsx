/**
 * `<RequestFlow scenario="hello_cju" presets={["static", "proxied"]} />` in a lesson: a server-rendered stand-in
 * that already shows the scenario, replaced by the live widget when it comes into view.
 */
import { loadScenario } from "@/lib/scenarios/load.server";
import type { GatewayKind } from "@/lib/chain/trace";
import { Diagram } from "./diagram";
import { FlowLazy } from "./flow-lazy";
import { resolvePresets, type FlowExpectations, type PresetSpec } from "./presets";
import styles from "./flow.module.css";

export interface RequestFlowProps {
  scenario: string;
  presets?: PresetSpec[];
  gateway?: GatewayKind;
  /** Send the first preset when the widget appears (default true). */
  autoSend?: boolean;
  /** What the lesson's text claims about each preset; checked against the chain by the tests. */
  expect?: FlowExpectations;
}

export async function RequestFlow({ scenario, presets, gateway, autoSend, expect }: RequestFlowProps) {
  const loaded = await loadScenario(scenario);
  if (!loaded) throw new Error(`<RequestFlow>: no scenario "${scenario}" in content/scenarios`);
  const gateways = (["gunicorn", "uwsgi"] as const).filter((g) => loaded.manifest.gateways[g]);
  const defaultGateway = gateway ?? loaded.manifest.defaultGateway;
  const resolved = resolvePresets(presets);
  for (const id of Object.keys(expect ?? {})) {
    if (!resolved.some((p) => p.id === id)) throw new Error(`<RequestFlow scenario="${scenario}">: expect names "${id}", which is not one of its presets`);
  }
  return (
    <div data-flow={scenario} data-flow-expect={expect ? JSON.stringify(expect) : undefined}>
    <FlowLazy
      scenario={scenario}
      title={loaded.manifest.title}
      gateways={[...gateways]}
      defaultGateway={defaultGateway}
      presets={resolved}
      autoSend={autoSend}
    >
      <div className={styles.widget} aria-label={`요청 흐름: ${loaded.manifest.title}`} role="region">
        <div className={styles.header}>
          <strong>{loaded.manifest.title}</strong>
        </div>
        <p className={styles.standInNote}>{loaded.manifest.summary}</p>
        <Diagram gateway={defaultGateway} active={null} movement={null} stepKey="0" visited={new Set()} failed={null} />
        <p className={styles.standInNote}>
          준비된 요청: {resolved.map((p) => `${p.label} (${p.request.method} ${p.request.target})`).join(", ")}. 다이어그램을
          불러오는 중입니다…
        </p>
      </div>
    </FlowLazy>
    </div>
  );
}
