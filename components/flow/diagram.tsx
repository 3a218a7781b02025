// Shared by the server-rendered stand-in and the client widget: no hooks, no client-only code.
/** The four nodes (browser, Nginx, gateway, Flask app) and nginx's static files, with the active edge animated. */
import type { GatewayKind, Hop } from "@/lib/chain/trace";
import { hopName } from "./narrate";
import type { Edge, Movement } from "./playback";
import styles from "./flow.module.css";

const NODES: Array<{ hop: Hop; icon: string; role: string }> = [
  { hop: "browser", icon: "🌐", role: "요청을 보내는 쪽" },
  { hop: "nginx", icon: "N", role: "웹 서버" },
  { hop: "gateway", icon: "G", role: "WSGI 게이트웨이" },
  { hop: "app", icon: "F", role: "애플리케이션" },
  { hop: "static", icon: "📁", role: "디스크의 정적 파일" },
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
  onSelectNode?: (hop: Hop) => void;
  selectedNode?: Hop | null;
}

export function Diagram({ gateway, active, movement, stepKey, visited, failed, onSelectNode, selectedNode }: DiagramProps) {
  return (
    <div className={styles.diagram} role="group" aria-label="요청이 지나가는 길">
      {NODES.map(({ hop, icon, role }) => (
        <button
          type="button"
          key={hop}
          className={styles.node}
          data-hop={hop}
          data-active={active === hop || undefined}
          data-visited={visited.has(hop) || undefined}
          data-failed={failed === hop || undefined}
          aria-pressed={selectedNode === hop}
          onClick={() => onSelectNode?.(hop)}
        >
          <span className={styles.nodeIcon} aria-hidden="true">
            {icon}
          </span>
          <span className={styles.nodeName}>{hopName(hop, gateway)}</span>
          <span className={styles.nodeRole}>{role}</span>
        </button>
      ))}
      {EDGES.map((edge) => {
        const moving = movement?.edge === edge;
        return (
          <div
            key={edge}
            className={styles.edge}
            data-edge={edge}
            data-moving={moving ? (movement.backward ? "backward" : "forward") : undefined}
            aria-hidden="true"
          >
            {moving ? <span key={stepKey} className={styles.packet} /> : null}
          </div>
        );
      })}
    </div>
  );
}
