/**
 * Requests a lesson can offer with one word: `<RequestFlow presets={["static", "proxied", "502"]} />`.
 * Each preset is only a request (and maybe a fault); what happens to it is decided by the chain, never here.
 */
export interface FlowRequest {
  method: string;
  target: string;
  headers: Array<[string, string]>;
  body?: string;
}

export interface FlowPreset {
  id: string;
  label: string;
  request: FlowRequest;
  faults?: { gateway?: "down" };
}

const get = (target: string): FlowRequest => ({ method: "GET", target, headers: [["Host", "localhost"]] });

export const BUILTIN_PRESETS: Record<string, FlowPreset> = {
  static: { id: "static", label: "정적 파일", request: get("/static/style.css") },
  proxied: { id: "proxied", label: "앱으로 가는 요청", request: get("/hello/cju") },
  "health": { id: "health", label: "Nginx가 바로 답함", request: get("/health") },
  "404-nginx": { id: "404-nginx", label: "Nginx의 404", request: get("/static/nope.css") },
  "404-flask": { id: "404-flask", label: "Flask의 404", request: get("/nope") },
  "trailing-slash": { id: "trailing-slash", label: "끝 슬래시 리다이렉트", request: get("/about") },
  "405": { id: "405", label: "405 허용되지 않은 메서드", request: get("/echo") },
  post: {
    id: "post",
    label: "JSON 보내기",
    request: { method: "POST", target: "/echo", headers: [["Host", "localhost"], ["Content-Type", "application/json"]], body: '{"name": "cju"}' },
  },
  "413": {
    id: "413",
    label: "413 본문이 너무 큼",
    request: { method: "POST", target: "/echo", headers: [["Host", "localhost"], ["Content-Type", "application/json"], ["Content-Length", "2000000"]], body: "{}" },
  },
  gzip: {
    id: "gzip",
    label: "gzip을 받는 브라우저",
    request: { method: "GET", target: "/", headers: [["Host", "localhost"], ["Accept-Encoding", "gzip, deflate, br"]] },
  },
  "502": { id: "502", label: "502 게이트웨이 꺼짐", request: get("/hello/cju"), faults: { gateway: "down" } },
  "504": { id: "504", label: "504 느린 뷰", request: get("/slow?s=15") },
  traversal: { id: "traversal", label: "경로 조작 시도", request: get("/static/../../../etc/passwd") },
  environ: { id: "environ", label: "environ 들여다보기", request: get("/environ") },
};

export type PresetName = keyof typeof BUILTIN_PRESETS;

/** A lesson names built-in presets or writes its own `{ id, label, request: { method, target, headers?, body? } }`. */
export type PresetSpec = string | (Omit<FlowPreset, "request"> & { request: Partial<FlowRequest> & { target: string } });

export function resolvePresets(specs: readonly PresetSpec[] | undefined): FlowPreset[] {
  const list = specs && specs.length > 0 ? specs : ["proxied", "static"];
  return list.map((spec) => {
    if (typeof spec !== "string") {
      return { ...spec, request: { method: "GET", headers: [["Host", "localhost"]], ...spec.request } };
    }
    const preset = BUILTIN_PRESETS[spec];
    if (!preset) throw new Error(`unknown request preset "${spec}"; use one of ${Object.keys(BUILTIN_PRESETS).join(", ")} or write { id, label, request }`);
    return preset;
  });
}

/**
 * Facts a lesson states about a preset's outcome (`expect={{ "504": { status: 504, totalMs: 10000 } }}`): the
 * content check runs the chain and fails the tests when the trace says otherwise, so no lesson claims a falsehood.
 */
export interface PresetExpectation {
  status?: number;
  /** Virtual ms from send to the last byte, within 1 %. */
  totalMs?: number;
  /** Who produced the response. */
  responder?: "nginx" | "gateway" | "app";
  /** The nginx location that handled it, e.g. "location ^~ /static/" (as the trace's decision names it). */
  location?: string;
  /** The Flask rule that matched, e.g. "/hello/<name>" (the matched rule of the trace's route decision). */
  route?: string;
  /** The answer's Content-Encoding as the browser gets it: "gzip", or "" for none. */
  contentEncoding?: string;
}

export type FlowExpectations = Record<string, PresetExpectation>;
