/** The app's URL map as the gateway loaded it: each rule with its methods, endpoint and the example request sent for it. */
import { exampleRequest } from "@/lib/chain/route-examples";
import type { RoutesAnswer } from "./routes-client";
import styles from "./project.module.css";

export function RouteList({ answer, staticFiles }: { answer: RoutesAnswer | null; staticFiles: string[] }) {
  if (answer === null) return <p className={styles.muted}>앱의 URL 규칙을 읽는 중…</p>;
  if (answer.kind === "error") return <p role="alert" className={styles.problem}>{answer.message}</p>;
  if (answer.kind === "config-error") return <p className={styles.problem}>게이트웨이 설정 때문에 앱을 불러올 수 없습니다. 아래 요청 흐름의 설정 오류를 보세요.</p>;
  if (answer.kind === "load-error") {
    return (
      <div className={styles.problem} data-testid="route-load-error">
        <p>
          게이트웨이가 <code>{answer.module}:{answer.callable}</code>을 불러오지 못합니다:{" "}
          <strong>
            {answer.error.path}
            {answer.error.line > 0 ? `:${answer.error.line}` : ""}
          </strong>{" "}
          {answer.error.messageKo}
        </p>
        {answer.traceback ? <pre className={styles.log}>{answer.traceback}</pre> : null}
        {/unsupported/.test(answer.error.message) ? (
          <p data-testid="honest-limit">
            코스 모형이 아직 지원하지 않는 기능입니다 ({answer.error.path}:{answer.error.line}). 실제 Gunicorn·uWSGI에서는 그대로 실행되니, 이 줄은
            진짜 서버에서 확인해 보세요.
          </p>
        ) : null}
        <p className={styles.muted}>요청을 보내 보면 실제 게이트웨이가 이때 어떻게 답하는지 볼 수 있습니다.</p>
      </div>
    );
  }
  if (!answer.flask) return <p className={styles.muted}>Flask 앱이 아닌 WSGI 함수라 URL 규칙 목록이 없습니다. 아래에서 직접 요청을 보내 보세요.</p>;
  return (
    <table className={styles.routes} data-testid="route-list">
      <thead>
        <tr>
          <th scope="col">URL 규칙</th>
          <th scope="col">메서드</th>
          <th scope="col">엔드포인트</th>
          <th scope="col">보내 볼 요청</th>
        </tr>
      </thead>
      <tbody>
        {answer.rules.map((rule) => {
          const example = exampleRequest(rule, staticFiles);
          return (
            <tr key={`${rule.rule} ${rule.endpoint}`}>
              <td data-label="URL 규칙"><code>{rule.rule}</code></td>
              <td data-label="메서드">{rule.methods.filter((m) => m !== "HEAD" && m !== "OPTIONS").join(", ")}</td>
              <td data-label="엔드포인트"><code>{rule.endpoint}</code></td>
              <td data-label="보내 볼 요청"><code>{example.method} {example.target}</code></td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
