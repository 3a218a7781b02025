/**
 * nginx configuration handling: the `nginx -t` half of the nginx model. See README.md.
 *
 *   loadNginxConfig({ siteName, siteText }) → the whole configuration (Debian's nginx.conf with the site
 *   included) as a directive tree, or every error with the one real nginx prints marked `first`.
 *   formatNginxTest(result) → what `nginx -t` prints.
 */
import { ConfigLoader } from "./loader";
import type { LoadNginxConfigInput, LoadNginxConfigResult } from "./types";

export type { Directive, NginxConfig, NginxConfigError, LoadNginxConfigResult, LoadNginxConfigInput } from "./types";
export { formatNginxTest, type FormatOptions } from "./format";
export { DEBIAN_FILES } from "./debian/files";

/** Largest site file accepted, in UTF-8 bytes. */
export const MAX_SITE_BYTES = 64 * 1024;

const UTF8 = new TextEncoder();

const SITE_NAME = /^[A-Za-z0-9_][A-Za-z0-9._-]{0,63}$/;

function inputError(message: string, messageKo: string, siteName: string): LoadNginxConfigResult {
  const file = `/etc/nginx/sites-enabled/${SITE_NAME.test(siteName) ? siteName : "site"}`;
  return { ok: false, errors: [{ file, line: 1, message, messageKo, level: "emerg", unsupported: true }], warnings: [] };
}

export function loadNginxConfig(input: LoadNginxConfigInput): LoadNginxConfigResult {
  const siteName = typeof input?.siteName === "string" ? input.siteName : "";
  const siteText = typeof input?.siteText === "string" ? input.siteText : "";
  if (!SITE_NAME.test(siteName)) {
    return inputError(`invalid site name "${siteName.slice(0, 80)}"`, "사이트 파일 이름은 영문, 숫자, _, -, . 로 된 64자 이하여야 합니다.", siteName);
  }
  // A UTF-16 unit is at most 3 UTF-8 bytes: only a long text needs encoding to know.
  if (siteText.length * 3 > MAX_SITE_BYTES && UTF8.encode(siteText).length > MAX_SITE_BYTES) {
    return inputError("site file too large", `사이트 설정 파일은 ${MAX_SITE_BYTES / 1024}KiB까지만 받을 수 있습니다.`, siteName);
  }
  try {
    const loader = new ConfigLoader(siteName, siteText);
    const main = loader.run();
    const { errors, warnings } = loader.diag.finish();
    if (errors.length > 0) return { ok: false, errors, warnings };
    return { ok: true, config: { main }, warnings };
  } catch (e) {
    return inputError(`internal error: ${e instanceof Error ? e.message : String(e)}`, "설정을 읽는 중 코스 모델 내부 오류가 났습니다.", siteName);
  }
}
export { parseSize, parseTime, parseFlag } from "./values";
