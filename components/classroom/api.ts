/** The browser's calls to the classroom API, with the server's Korean message on failure. */
import { josa } from "@/lib/chain/korean";
import { basePath, instructorHeaders, type TeachSession } from "./membership";

export type ApiResult<T> = { ok: true; value: T } | { ok: false; message: string; status: number };

export async function classApi<T>(method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<ApiResult<T>> {
  try {
    const response = await fetch(`${basePath}/api/class${path}`, {
      method,
      headers: { "content-type": "application/json", ...headers },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const json = (await response.json().catch(() => null)) as (T & { messageKo?: string }) | null;
    if (response.ok && json) return { ok: true, value: json };
    return { ok: false, status: response.status, message: json?.messageKo ?? `서버가 ${response.status}${josa(response.status, "으로/로")} 답했습니다. 잠시 뒤에 다시 해 보세요.` };
  } catch {
    return { ok: false, status: 0, message: "서버에 연결하지 못했습니다. 네트워크를 확인해 주세요." };
  }
}

export const teachApi = <T>(session: TeachSession, method: string, path: string, body?: unknown) =>
  classApi<T>(method, path, body, instructorHeaders(session));
