/** Errors the real programs would print for a configuration they refuse, with the student's file and line. */
import type { ConfigError } from "@/lib/chain/contracts";
import styles from "./flow.module.css";

export function ConfigErrorList({ errors }: { errors: ConfigError[] }) {
  return (
    <div role="alert" aria-label="설정 오류" className={styles.error}>
      <p>설정 때문에 서버가 시작되지 않습니다.</p>
      <ul>
        {errors.map((e, i) => (
          <li key={i}>
            <strong>
              {e.path}
              {e.line ? `:${e.line}` : ""}
            </strong>{" "}
            {e.messageKo}
            <pre className={styles.raw}>{e.message}</pre>
          </li>
        ))}
      </ul>
    </div>
  );
}
