/**
 * nginx's status lines and built-in error pages (ngx_http_header_filter_module.c, ngx_http_special_response.c),
 * byte for byte as nginx 1.22.1 sends them. Measured against the real /usr/sbin/nginx (see README.md).
 */

export const NGINX_VERSION = "nginx/1.22.1";

/** Reason phrases nginx writes in its status line; statuses it has no phrase for get "HTTP/1.1 418 ". */
const STATUS_LINES: Record<number, string> = {
  200: "OK",
  201: "Created",
  202: "Accepted",
  204: "No Content",
  206: "Partial Content",
  301: "Moved Permanently",
  302: "Moved Temporarily",
  303: "See Other",
  304: "Not Modified",
  307: "Temporary Redirect",
  308: "Permanent Redirect",
  400: "Bad Request",
  401: "Unauthorized",
  402: "Payment Required",
  403: "Forbidden",
  404: "Not Found",
  405: "Not Allowed",
  406: "Not Acceptable",
  408: "Request Time-out",
  409: "Conflict",
  410: "Gone",
  411: "Length Required",
  412: "Precondition Failed",
  413: "Request Entity Too Large",
  414: "Request-URI Too Large",
  415: "Unsupported Media Type",
  416: "Requested Range Not Satisfiable",
  421: "Misdirected Request",
  429: "Too Many Requests",
  500: "Internal Server Error",
  501: "Not Implemented",
  502: "Bad Gateway",
  503: "Service Temporarily Unavailable",
  504: "Gateway Time-out",
  505: "HTTP Version Not Supported",
  507: "Insufficient Storage",
};

/** The reason nginx writes for `status` ("" when it has none). 494 and friends are sent as 400. */
export function reasonPhrase(status: number): string {
  return STATUS_LINES[wireStatus(status)] ?? "";
}

/** nginx's internal 494/495/496/497 go out as 400 on the wire. */
export function wireStatus(status: number): number {
  return status >= 494 && status <= 497 ? 400 : status;
}

export function statusLine(status: number): string {
  const s = wireStatus(status);
  return `HTTP/1.1 ${s} ${reasonPhrase(s)}`;
}

/** Titles of the built-in pages where they differ from the status line (302 is "Found" here). */
const PAGE_TITLES: Record<number, string> = {
  301: "301 Moved Permanently",
  302: "302 Found",
  303: "303 See Other",
  307: "307 Temporary Redirect",
  308: "308 Permanent Redirect",
  400: "400 Bad Request",
  401: "401 Authorization Required",
  402: "402 Payment Required",
  403: "403 Forbidden",
  404: "404 Not Found",
  405: "405 Not Allowed",
  406: "406 Not Acceptable",
  408: "408 Request Time-out",
  409: "409 Conflict",
  410: "410 Gone",
  411: "411 Length Required",
  412: "412 Precondition Failed",
  413: "413 Request Entity Too Large",
  414: "414 Request-URI Too Large",
  415: "415 Unsupported Media Type",
  416: "416 Requested Range Not Satisfiable",
  421: "421 Misdirected Request",
  429: "429 Too Many Requests",
  500: "500 Internal Server Error",
  501: "501 Not Implemented",
  502: "502 Bad Gateway",
  503: "503 Service Temporarily Unavailable",
  504: "504 Gateway Time-out",
  505: "505 HTTP Version Not Supported",
  507: "507 Insufficient Storage",
};

const MSIE_PADDING = "<!-- a padding to disable MSIE and Chrome friendly error page -->\r\n".repeat(6);

/** Does nginx have a built-in page for this status? */
export function hasErrorPage(status: number): boolean {
  return status === 494 || status in PAGE_TITLES;
}

/**
 * The built-in page as a latin-1 string, or null when nginx has none for the status.
 * `serverTokens` false gives the `<center>nginx</center>` tail; `padding` adds the MSIE/Chrome padding that
 * nginx appends for statuses ≥ 400 when the User-Agent is MSIE or Chrome (msie_padding on).
 */
export function errorPage(status: number, options: { serverTokens: boolean; padding: boolean }): string | null {
  let head: string;
  if (status === 494) {
    head =
      "<html>\r\n<head><title>400 Request Header Or Cookie Too Large</title></head>\r\n<body>\r\n" +
      "<center><h1>400 Bad Request</h1></center>\r\n<center>Request Header Or Cookie Too Large</center>\r\n";
  } else {
    const title = PAGE_TITLES[status];
    if (!title) return null;
    head = `<html>\r\n<head><title>${title}</title></head>\r\n<body>\r\n<center><h1>${title}</h1></center>\r\n`;
  }
  const tail = `<hr><center>${options.serverTokens ? NGINX_VERSION : "nginx"}</center>\r\n</body>\r\n</html>\r\n`;
  return head + tail + (options.padding && status >= 400 ? MSIE_PADDING : "");
}

/** Statuses after which nginx closes the connection even when keep-alive was possible. */
export function closesConnection(status: number): boolean {
  return [400, 413, 414, 494, 495, 496, 497, 500, 501, 408].includes(status);
}
