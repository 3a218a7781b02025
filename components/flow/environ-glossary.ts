/**
 * What each PEP 3333 environ key means, in Korean, for the hover text of the environ table. Keys not listed here
 * fall back by prefix (HTTP_*, wsgi.*, gunicorn.*, uwsgi.*).
 */
const GLOSSARY: Record<string, string> = {
  REQUEST_METHOD: "HTTP 메서드입니다 (GET, POST …). 언제나 있어야 하는 키입니다.",
  SCRIPT_NAME: "앱이 설치된 URL 경로의 앞부분입니다. 사이트 최상위에 붙은 앱이면 빈 문자열입니다.",
  PATH_INFO: "SCRIPT_NAME 뒤에 남은 경로입니다. Flask는 이 값으로 라우트를 고릅니다. 퍼센트 인코딩이 풀린 값입니다.",
  QUERY_STRING: "URL의 ? 뒤 부분입니다. 없으면 빈 문자열입니다.",
  CONTENT_TYPE: "요청 본문의 형식(Content-Type 헤더)입니다. 없으면 빈 문자열이거나 키가 없습니다.",
  CONTENT_LENGTH: "요청 본문의 길이(Content-Length 헤더)입니다.",
  SERVER_NAME: "서버 이름입니다. Host 헤더가 없을 때 URL을 다시 만들 때 씁니다.",
  SERVER_PORT: "서버 포트입니다 (문자열).",
  SERVER_PROTOCOL: "게이트웨이가 받은 요청의 HTTP 버전입니다. Nginx가 HTTP/1.0으로 전달하면 HTTP/1.0이 됩니다.",
  REMOTE_ADDR: "게이트웨이에 연결한 쪽의 주소입니다. Nginx 뒤에서는 브라우저가 아니라 Nginx의 주소이거나, 유닉스 소켓이면 비어 있을 수 있습니다.",
  REMOTE_PORT: "연결한 쪽의 포트입니다.",
  REQUEST_URI: "클라이언트가 보낸 원래 경로와 쿼리입니다 (인코딩 그대로).",
  RAW_URI: "Gunicorn이 받은 요청 줄의 경로를 손대지 않은 그대로 담습니다.",
  DOCUMENT_ROOT: "Nginx의 root 설정값입니다 (uwsgi_params가 보냅니다).",
  REQUEST_SCHEME: "http 또는 https입니다 (uwsgi_params가 보냅니다).",
  HTTPS: "HTTPS로 들어온 요청이면 on입니다.",
  "wsgi.version": "WSGI 버전입니다. PEP 3333에서는 (1, 0)입니다.",
  "wsgi.url_scheme": "URL 스킴입니다 (http 또는 https). Flask가 url_for로 전체 URL을 만들 때 씁니다.",
  "wsgi.input": "요청 본문을 읽는 파일 같은 객체입니다. request.get_data()가 여기서 읽습니다.",
  "wsgi.errors": "오류 메시지를 쓰는 스트림입니다. 게이트웨이의 로그로 갑니다.",
  "wsgi.multithread": "같은 프로세스에서 여러 스레드가 앱을 동시에 부를 수 있으면 True입니다.",
  "wsgi.multiprocess": "여러 프로세스가 같은 앱을 동시에 돌리면 True입니다 (워커가 여럿).",
  "wsgi.run_once": "앱이 프로세스 하나에서 한 번만 불릴 때 True입니다 (CGI 같은 경우).",
  "wsgi.file_wrapper": "파일을 효율적으로 보내는 게이트웨이의 도우미입니다.",
};

export function explainEnvironKey(key: string): string {
  const known = GLOSSARY[key];
  if (known) return known;
  if (key.startsWith("HTTP_")) {
    const header = key.slice(5).toLowerCase().replace(/_/g, "-");
    return `요청 헤더 ${header}의 값입니다. 헤더 이름은 대문자로 바뀌고 -는 _가 되어 HTTP_ 뒤에 붙습니다.`;
  }
  if (key.startsWith("wsgi.")) return "WSGI 명세가 정한 키입니다.";
  if (key.startsWith("gunicorn.")) return "Gunicorn이 덧붙인 자기만의 키입니다.";
  if (key.startsWith("uwsgi.")) return "uWSGI가 덧붙인 자기만의 키입니다.";
  return "게이트웨이가 넘겨준 CGI 방식의 변수입니다.";
}
