// Shared by the server-rendered stand-in and the client widget: no hooks, no client-only code.
/** The four nodes (browser, Nginx, gateway, Flask app) and nginx's static files, with the active edge animated. */
import type { GatewayKind, Hop } from "@/lib/chain/trace";
import { hopName } from "./narrate";
import type { Edge, Movement } from "./playback";
import styles from "./flow.module.css";

/** Simple line icons drawn with currentColor (no emoji: not every machine has an emoji font). */
const ICON_PATHS: Record<Hop, string> = {
  browser: "M3 5h18v14H3z M3 9h18 M6 7h.01 M8.5 7h.01",
  nginx: "M4 4h16v6H4z M4 14h16v6H4z M7 7h.01 M7 17h.01",
  gateway: "M4 12h5 M15 12h5 M9 7h6v10H9z",
  app: "M5 4h14v16H5z M8 8h8 M8 12h8 M8 16h5",
  static: "M3 6h7l2 2h9v11H3z",
};

function Icon({ hop }: { hop: Hop }) {
  return (
    <svg viewBox="0 0 24 24" width="24" height="24" fill="none" stroke="currentColor" strokeWidth="1.8" strokeLinecap="round" strokeLinejoin="round" aria-hidden="true">
      <path d={ICON_PATHS[hop]} />
    </svg>
  );
}

const NODES: Array<{ hop: Hop; role: string }> = [
  { hop: "browser", role: "요청을 보내는 쪽" },
  { hop: "nginx", role: "웹 서버" },
  { hop: "gateway", role: "WSGI 게이트웨이" },
  { hop: "app", role: "애플리케이션" },
  { hop: "static", role: "디스크의 정적 파일" },
];

const EDGES: Edge[] = ["browser-nginx", "nginx-gateway", "gateway-app", "nginx-static"];

export interface DiagramProps {
  gateway: GatewayKind;
  active: Hop | null;
  movement: Movement | null;
  /** Changes on every step so the packet animation restarts. */
  stepKey: string;
  /** Nodes the current trace touched, for dimming the others. */
  visited: ReadonlySet<Hop>;
  failed: Hop | null;
  /** A hop that could not be crossed (connect() failed): drawn broken. */
  failedEdge?: Edge | null;
  /** The node that hop was meant to reach: marked as never reached. */
  unreached?: Hop | null;
  onSelectNode?: (hop: Hop) => void;
  selectedNode?: Hop | null;
}

export function Diagram({ gateway, active, movement, stepKey, visited, failed, failedEdge, unreached, onSelectNode, selectedNode }: DiagramProps) {
  return (
    <div className={styles.diagram} role="group" aria-label="요청이 지나가는 길">
      {NODES.map(({ hop, role }) => {
        const content = (
          <>
            <span className={styles.nodeIcon}>
              <Icon hop={hop} />
            </span>
            <span className={styles.nodeName}>{hopName(hop, gateway)}</span>
            <span className={styles.nodeRole}>{role}</span>
            {unreached === hop ? <span className={styles.nodeState}>요청이 닿지 않음</span> : null}
          </>
        );
        const state = {
          className: styles.node,
          "data-hop": hop,
          "data-active": active === hop || undefined,
          "data-visited": visited.has(hop) || undefined,
          "data-failed": failed === hop || undefined,
          "data-unreached": unreached === hop || undefined,
        };
        // The server-rendered stand-in has no handlers: its nodes are plain boxes, not buttons that do nothing.
        return onSelectNode ? (
          <button type="button" key={hop} {...state} aria-pressed={selectedNode === hop} onClick={() => onSelectNode(hop)}>
            {content}
          </button>
        ) : (
          <div key={hop} {...state}>
            {content}
          </div>
        );
      })}
      {EDGES.map((edge) => {
        const moving = movement?.edge === edge;
        const broken = failedEdge === edge;
        return (
          <div
            key={edge}
            className={styles.edge}
            data-edge={edge}
            data-moving={moving ? (movement.backward ? "backward" : "forward") : undefined}
            data-failed={broken || undefined}
            aria-hidden={broken ? undefined : "true"}
          >
            {moving ? <span key={stepKey} className={styles.packet} /> : null}
            {broken ? (
              <span className={styles.edgeBreak} role="img" aria-label="연결 실패: 이 구간으로는 요청이 가지 못했습니다">
                <svg viewBox="0 0 16 16" width="16" height="16" aria-hidden="true">
                  <path d="M4 4l8 8M12 4l-8 8" stroke="currentColor" strokeWidth="2.4" strokeLinecap="round" />
                </svg>
              </span>
            ) : null}
          </div>
        );
      })}
    </div>
  );
}
