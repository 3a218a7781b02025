/**
 * Korean narration of trace steps: one sentence per step for the aria-live region and the step list. Pure, so the
 * same words can be tested and reused by any view of a trace.
 */
import type { GatewayKind, Hop, LogStream, TraceStep } from "@/lib/chain/trace";
import { josa } from "@/lib/chain/korean";

export function hopName(hop: Hop, gateway: GatewayKind): string {
  switch (hop) {
    case "browser":
      return "브라우저";
    case "nginx":
      return "Nginx";
    case "static":
      return "정적 파일";
    case "gateway":
      return gateway === "uwsgi" ? "uWSGI" : "Gunicorn";
    case "app":
      return "Flask 앱";
  }
}

/** The name with its subject particle (이/가), chosen by how the name is read aloud in Korean. */
export function hopSubject(hop: Hop, gateway: GatewayKind): string {
  return withParticle(hop, gateway, "이", "가");
}

/** The name with a particle that depends on its last sound: `afterConsonant` (이, 과) or `afterVowel` (가, 와). */
export function withParticle(hop: Hop, gateway: GatewayKind, afterConsonant: string, afterVowel: string): string {
  // 브라우저, 엔진엑스, 유위에스지아이 end in a vowel; 구니콘, 앱, 파일 in a consonant.
  const vowelEnding = hop === "browser" || hop === "nginx" || (hop === "gateway" && gateway === "uwsgi");
  return `${hopName(hop, gateway)}${vowelEnding ? afterVowel : afterConsonant}`;
}

const LOG_NAMES: Record<LogStream, string> = {
  "nginx-access": "Nginx 접근 로그",
  "nginx-error": "Nginx 오류 로그",
  "gateway-access": "게이트웨이 접근 로그",
  "gateway-error": "게이트웨이 로그",
  "app-stdout": "앱의 print 출력",
  "app-stderr": "앱의 오류 출력",
};

export function logName(stream: LogStream, gateway: GatewayKind): string {
  if (stream === "gateway-access") return `${hopName("gateway", gateway)} 접근 로그`;
  if (stream === "gateway-error") return `${hopName("gateway", gateway)} 로그`;
  return LOG_NAMES[stream];
}

/** One Korean sentence saying what happens in this step. */
export function narrate(step: TraceStep, gateway: GatewayKind): string {
  const from = hopSubject(step.component, gateway);
  switch (step.kind) {
    case "http-request": {
      const to = hopName(step.to, gateway);
      return `${from} ${to}에 요청을 보냅니다: ${step.message.startLine}`;
    }
    case "http-response": {
      const to = hopName(step.to, gateway);
      const gzip = step.message.decoded ? ` (본문 ${step.message.decoded.bodyLength}바이트를 gzip으로 압축해 ${step.message.bodyLength}바이트)` : "";
      return `${from} ${to}에 응답을 돌려줍니다: ${step.message.startLine}${gzip}`;
    }
    case "uwsgi-request":
      return `Nginx가 uwsgi 프로토콜로 변수 ${step.params.length}개${step.bodyLength ? `와 본문 ${step.bodyLength}바이트` : ""}를 ${hopName("gateway", gateway)}에 보냅니다.`;
    case "wsgi-call":
      return `${from} environ(키 ${step.environ.length}개)을 만들어 Flask 앱을 호출합니다.`;
    case "wsgi-return":
      return `Flask 앱이 ${step.status}${josa(step.status, "과/와")} 헤더 ${step.headers.length}개, 본문 ${step.bodyLength}바이트를 돌려줍니다.`;
    case "file-read":
      return step.found
        ? `Nginx가 디스크에서 ${step.path} 파일을 읽습니다 (${step.size ?? 0}바이트).`
        : `Nginx가 열려고 한 ${step.path} 파일이 디스크에 없습니다.`;
    case "decision":
      return step.explain;
    case "log":
      return `${logName(step.stream, gateway)}에 한 줄이 기록됩니다: ${step.line}`;
    case "fault":
      return step.explain;
    case "wait":
      return `${hopName(step.component, gateway)}: ${step.reason} (${formatMs(step.until - step.at)} 대기)`;
  }
}

/** Virtual milliseconds as a student reads them: 0.4 ms, 12 ms, 3 s, 1분 30초. */
export function formatMs(ms: number): string {
  if (!Number.isFinite(ms)) return "끝없이";
  if (ms < 1) return `${Math.round(ms * 10) / 10} ms`;
  if (ms < 1000) return `${Math.round(ms)} ms`;
  const seconds = ms / 1000;
  if (seconds < 60) return `${Math.round(seconds * 10) / 10} s`;
  const minutes = Math.floor(seconds / 60);
  const rest = Math.round(seconds - minutes * 60);
  return rest ? `${minutes}분 ${rest}초` : `${minutes}분`;
}
