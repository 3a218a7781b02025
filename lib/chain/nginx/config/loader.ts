/**
 * The walker: reads /etc/nginx/nginx.conf statement by statement like ngx_conf_parse, checks each directive
 * against the table (known? allowed here? block or not? argument count?), runs its handler, expands `include`
 * in place and recurses into blocks. nginx stops at its first [emerg]; this keeps going to collect every error
 * (skipping what it cannot make sense of) and the Diagnostics order tells which one nginx prints.
 */
import { DIRECTIVES, UPSTREAM_DIRECTIVES, type ArgRule, type Context } from "./directives";
import { Diagnostics, KO_CONTEXT } from "./diagnostics";
import { HANDLERS, checkSimpleValue } from "./handlers/index";
import { DEBIAN_FILES } from "./debian/files";
import { Lexer, ReplayLexer, lexAll, type Statement as LexedStatement, type StatementSource, type Word } from "./lexer";
import { afterHttpChecks, openFilesCheck } from "./postChecks";
import type { ConfNode, HandlerEnv, ListenInfo, Scope, ServerInfo, Statement } from "./scope";
import type { Directive } from "./types";
import { unsupportedSpec } from "./unsupported";
import { scanVariables } from "./variables";
import { PREFIX, VirtualEtc } from "./vfs";
import { josa } from "../../korean";

export const MAX_DEPTH = 32;
export const MAX_INCLUDE_DEPTH = 8;

export interface VariableUse {
  name: string;
  file: string;
  line: number;
}

export class ConfigLoader {
  readonly diag = new Diagnostics();
  readonly servers: ServerInfo[] = [];
  readonly variableUses: VariableUse[] = [];
  readonly definedVariables = new Set<string>();
  /** The http level(s) and, below, every server/location/if/limit_except level in config order. */
  readonly confRoots: ConfNode[] = [];
  private readonly logFormats = new Set<string>(["combined"]);
  readonly openFiles = new Map<string, { file: string; line: number }>();
  private readonly defaultServers = new Map<string, ListenInfo>();
  private readonly upstreams = new Set<string>();
  private readonly upstreamBlocks = new Set<string>();
  /** The line of the last `}` read (nginx reports some block checks there). */
  private lastBlockEnd = 0;
  /** An `ssl_certificate` at http level covers every server's `listen ... ssl`. */
  httpCertificate = false;
  private readonly etc: VirtualEtc;
  /** Set when the lexer fails: nginx stops reading there, so does every enclosing block of that file. */
  private aborted = false;

  constructor(siteName: string, siteText: string) {
    this.etc = new VirtualEtc(siteName, siteText);
    // nginx matches proxy_pass http://name against upstream blocks once the whole configuration is read; the
    // names are known up front here (comments aside) so that the order in the file does not matter.
    for (const m of siteText.replace(/#[^\n]*/g, "").matchAll(/(?:^|[\s;{}])upstream\s+([^\s{};]+)\s*\{/g)) {
      this.upstreams.add(m[1]!.toLowerCase());
    }
  }

  run(): Directive[] {
    const path = PREFIX + "nginx.conf";
    const main = this.readFile(path, this.etc.read(path) ?? "", { ctx: "main", seen: new Set() }, 0, 0);
    afterHttpChecks(this);
    openFilesCheck(this);
    return main;
  }

  private readFile(file: string, text: string, scope: Scope, depth: number, includeDepth: number): Directive[] {
    const lexer = debianStatements(file, text) ?? new Lexer(text);
    const out = this.readBlock(lexer, file, scope, depth, includeDepth, false);
    this.aborted = false;
    return out;
  }

  /** Reads statements until `}` (inBlock) or the end of the file. */
  private readBlock(lexer: StatementSource, file: string, scope: Scope, depth: number, includeDepth: number, inBlock: boolean): Directive[] {
    const out: Directive[] = [];
    for (;;) {
      const st = lexer.nextStatement();
      if (st.kind === "error") {
        if (st.limit) this.diag.unsupportedMessage(file, st.line, st.message, st.messageKo);
        else this.diag.at(file, st.line, st.message, st.messageKo);
        this.aborted = true;
        return out;
      }
      if (st.kind === "eof") {
        if (inBlock) {
          this.diag.at(file, st.line, 'unexpected end of file, expecting "}"', '블록을 닫는 "}"가 빠졌습니다. 여는 "{"와 닫는 "}"의 개수를 맞추세요.');
        }
        return out;
      }
      if (st.kind === "block-done") {
        this.lastBlockEnd = st.line;
        if (!inBlock) {
          this.diag.at(file, st.line, 'unexpected "}"', '여는 "{" 없이 닫는 "}"가 나왔습니다. 괄호 짝을 확인하세요.');
          this.aborted = true;
        }
        return out;
      }
      const stmt = Object.isFrozen(st) ? replayedStatement(st, file) : toStatement(st.words, file, st.line, st.kind === "block-start");
      out.push(...this.handle(lexer, stmt, scope, depth, includeDepth));
      if (this.aborted) return out;
    }
  }

  /** Skips a block nginx would not have entered (the directive was rejected), still checking its syntax. */
  private skipBlock(lexer: StatementSource, file: string, depth: number): void {
    if (depth > MAX_DEPTH) {
      this.aborted = true;
      return;
    }
    for (;;) {
      const st = lexer.nextStatement();
      if (st.kind === "error") {
        if (st.limit) this.diag.unsupportedMessage(file, st.line, st.message, st.messageKo);
        else this.diag.at(file, st.line, st.message, st.messageKo);
        this.aborted = true;
        return;
      }
      if (st.kind === "eof") {
        this.diag.at(file, st.line, 'unexpected end of file, expecting "}"', '블록을 닫는 "}"가 빠졌습니다. 여는 "{"와 닫는 "}"의 개수를 맞추세요.');
        return;
      }
      if (st.kind === "block-done") return;
      if (st.kind === "block-start") this.skipBlock(lexer, file, depth + 1);
      if (this.aborted) return;
    }
  }

  private handle(lexer: StatementSource, stmt: Statement, scope: Scope, depth: number, includeDepth: number): Directive[] {
    const { name, file, line } = stmt;
    const reject = (message: string, messageKo: string): Directive[] => {
      this.diag.at(file, line, message, messageKo);
      if (stmt.block) this.skipBlock(lexer, file, depth + 1);
      return [];
    };

    if (scope.ctx === "types") {
      if (stmt.block) return reject('unexpected "{"', 'types 블록 안에는 "MIME타입 확장자...;" 형식만 쓸 수 있습니다.');
      this.typesEntry(stmt, scope);
      return [{ name, args: stmt.args, file, line: stmt.startLine }];
    }

    const modelSpec = (scope.ctx === "upstream" ? UPSTREAM_DIRECTIVES[name] : undefined) ?? DIRECTIVES[name];
    const real = unsupportedSpec(name);
    // Where nginx takes a name the model implements only elsewhere (keepalive_timeout inside upstream{}), it is
    // unsupported there, not misplaced.
    const elsewhereOnly = modelSpec && real && real.contexts.includes(scope.ctx as Context) && !modelSpec.contexts.includes(scope.ctx as Context);
    const spec = elsewhereOnly ? undefined : modelSpec;
    const unsupported = spec ? undefined : real;
    const rule = spec ?? unsupported;
    if (!rule) {
      return reject(`unknown directive "${name}"`, `"${name}"${josa(name, "은/는")} nginx가 모르는 지시어입니다. 철자가 맞는지, 세미콜론(;)이 빠져 다음 줄과 붙지 않았는지 확인하세요.`);
    }
    if (!rule.contexts.includes(scope.ctx as Context)) {
      const where = rule.contexts.map((c) => KO_CONTEXT[c]).join(", ");
      return reject(
        `"${name}" directive is not allowed here`,
        `"${name}" 지시어는 ${KO_CONTEXT[scope.ctx]}에 쓸 수 없습니다. 쓸 수 있는 곳: ${where}.`,
      );
    }
    if (!rule.block && stmt.block) {
      return reject(`directive "${name}" is not terminated by ";"`, `"${name}" 지시어는 블록을 열 수 없습니다. 끝에 ";"를 붙이세요.`);
    }
    if (rule.block && !stmt.block) {
      this.diag.at(file, line, `directive "${name}" has no opening "{"`, `"${name}"${josa(name, "은/는")} 블록 지시어입니다. 인자 뒤에 "{ ... }" 블록이 와야 합니다.`);
      return [];
    }
    if (!argsOk(rule.args, stmt.args.length)) {
      return reject(`invalid number of arguments in "${name}" directive`, `"${name}" 지시어의 인자 개수가 맞지 않습니다.`);
    }
    if (!spec) {
      this.unsupportedDirective(stmt, scope, unsupported?.ko ?? "");
      if (stmt.block) this.skipBlock(lexer, file, depth + 1);
      return [];
    }
    if (spec.single) {
      if (scope.seen.has(name)) {
        return reject(`"${name}" directive is duplicate`, `"${name}" 지시어가 같은 블록에 이미 있습니다. 하나만 남기세요.`);
      }
      scope.seen.add(name);
    }

    const env = this.envFor(stmt);
    if (name === "include") return this.include(stmt, scope, depth, includeDepth, env);

    let child: Scope | null = null;
    if (spec.value && spec.value !== "custom") {
      checkSimpleValue(spec.value, stmt, env);
      if (name.endsWith("_hash_max_size") || name.endsWith("_hash_bucket_size")) {
        const n = Number(stmt.args[0]);
        if (Number.isSafeInteger(n) && scope.conf) scope.conf.hashSizes.set(name, n);
      }
    } else {
      const h = HANDLERS[name];
      if (h) child = h(stmt, scope, env) ?? null;
    }
    if (!stmt.block) return [{ name, args: stmt.args, file, line: stmt.startLine }];

    if (depth + 1 > MAX_DEPTH) {
      this.diag.unsupportedMessage(file, line, "too deeply nested blocks", `이 코스 모델에서는 블록을 ${MAX_DEPTH}단계보다 깊게 중첩할 수 없습니다.`);
      this.aborted = true;
      return [];
    }
    const inner: Scope = child ?? { ctx: blockContext(name, scope), seen: new Set() };
    if (inner.ctx !== "events" && inner.ctx !== "types" && inner.ctx !== "upstream") {
      const kind = inner.ctx === "http" || inner.ctx === "server" ? inner.ctx : "location";
      const node: ConfNode = { kind, file, line, children: [], hashSizes: new Map() };
      (scope.conf?.children ?? this.confRoots).push(node);
      inner.conf = node;
    }
    const block = this.readBlock(lexer, file, inner, depth + 1, includeDepth, true);
    if (name === "upstream" && !this.aborted) this.upstreamChecks(stmt, block);
    return [{ name, args: stmt.args, file, line: stmt.startLine, block }];
  }

  /**
   * What nginx checks once an `upstream {}` is read: a server at all ("no servers are inside upstream", at its
   * closing brace), and one that is not a backup ("no servers in upstream", at the upstream line, when nginx
   * initialises it).
   */
  private upstreamChecks(stmt: Statement, block: Directive[]): void {
    const servers = block.filter((d) => d.name === "server");
    if (servers.length === 0) {
      this.diag.at(stmt.file, this.lastBlockEnd, "no servers are inside upstream", `upstream ${stmt.args[0]} 블록 안에 server가 하나도 없습니다. 예: server unix:/run/gunicorn.sock;`);
    } else if (servers.every((d) => d.args.slice(1).includes("backup"))) {
      this.diag.at(stmt.file, stmt.line, `no servers in upstream "${stmt.args[0]}"`, `upstream ${stmt.args[0]}의 server가 모두 backup입니다. backup이 아닌 server가 하나는 있어야 합니다.`);
    }
  }

  /** A real directive the model does not run: reported, and remembered where later checks depend on it. */
  private unsupportedDirective(stmt: Statement, scope: Scope, ko: string): void {
    const { name } = stmt;
    this.diag.unsupported(stmt.file, stmt.line, name, `"${name}"${josa(name, "은/는")} 실제 nginx에는 있는 지시어지만 이 코스의 nginx 모델은 지원하지 않습니다. ${ko}`.trim());
    if (name === "ssl_certificate") {
      if (scope.server) scope.server.certificate = true;
      else this.httpCertificate = true;
    }
  }

  private include(stmt: Statement, scope: Scope, depth: number, includeDepth: number, env: HandlerEnv): Directive[] {
    if (includeDepth >= MAX_INCLUDE_DEPTH) {
      env.diag.unsupportedMessage(stmt.file, stmt.line, "include nested too deeply", `include가 ${MAX_INCLUDE_DEPTH}단계보다 깊게 이어집니다. 파일이 자기 자신을 include하고 있지 않은지 확인하세요.`);
      return [];
    }
    const r = this.etc.include(stmt.args[0]);
    if (!r.ok) {
      if (r.message.startsWith("pread()")) this.diag.bare(stmt.file, stmt.line, r.message, r.messageKo, "emerg", "crit");
      else env.error(r.message, r.messageKo);
      return [];
    }
    const out: Directive[] = [];
    for (const f of r.files) {
      out.push(...this.readFile(f.path, f.text, scope, depth, includeDepth + 1));
    }
    return out;
  }

  private typesEntry(stmt: Statement, scope: Scope): void {
    const types = (scope.types ??= new Map());
    for (const ext of stmt.args) {
      const key = ext.toLowerCase();
      const prev = types.get(key);
      if (prev !== undefined && prev !== stmt.name) {
        this.diag.at(
          stmt.file,
          stmt.line,
          `duplicate extension "${ext}", content type: "${stmt.name}", previous content type: "${prev}"`,
          `확장자 "${ext}"${josa(ext, "이/가")} types 블록에 두 번 나옵니다 (이전: ${prev}, 새 값: ${stmt.name}).`,
          "warn",
        );
      }
      types.set(key, stmt.name);
    }
  }

  private envFor(stmt: Statement): HandlerEnv {
    return {
      diag: this.diag,
      error: (message, messageKo, level = "emerg") => this.diag.at(stmt.file, stmt.line, message, messageKo, level),
      useVariables: (value) => {
        const scan = scanVariables(value);
        if (!scan.ok) {
          this.diag.at(stmt.file, stmt.line, scan.message, scan.messageKo);
          return false;
        }
        for (const n of scan.names) {
          if (this.variableUses.length < 5000) this.variableUses.push({ name: n, file: stmt.file, line: stmt.line });
        }
        return true;
      },
      defineVariable: (n) => {
        this.definedVariables.add(n.toLowerCase());
      },
      logFormats: this.logFormats,
      openFiles: this.openFiles,
      defaultServers: this.defaultServers,
      servers: this.servers,
      upstreams: this.upstreams,
      upstreamBlocks: this.upstreamBlocks,
    };
  }
}

/**
 * Debian's own files (nginx.conf, mime.types, the *_params) are the same in every configuration: they are read
 * into statements once per process and replayed, so a load lexes only the student's site.
 */
const DEBIAN_STATEMENTS = new Map<string, readonly LexedStatement[]>();

function debianStatements(file: string, text: string): StatementSource | undefined {
  if (!file.startsWith(PREFIX)) return undefined;
  const rel = file.slice(PREFIX.length);
  if (!Object.hasOwn(DEBIAN_FILES, rel) || DEBIAN_FILES[rel] !== text) return undefined;
  let statements = DEBIAN_STATEMENTS.get(rel);
  if (!statements) DEBIAN_STATEMENTS.set(rel, (statements = lexAll(text)));
  return new ReplayLexer(statements);
}

/** A replayed Debian statement's Statement, built once and frozen (a handler that changed it would throw). */
const REPLAYED = new WeakMap<LexedStatement, Statement>();

function replayedStatement(st: LexedStatement & { kind: "end" | "block-start" }, file: string): Statement {
  let stmt = REPLAYED.get(st);
  if (!stmt || stmt.file !== file) {
    stmt = toStatement(st.words, file, st.line, st.kind === "block-start");
    Object.freeze(stmt.args);
    Object.freeze(stmt.quoted);
    REPLAYED.set(st, Object.freeze(stmt));
  }
  return stmt;
}

function toStatement(words: Word[], file: string, line: number, block: boolean): Statement {
  return {
    name: words[0].value,
    args: words.slice(1).map((w) => w.value),
    quoted: words.slice(1).map((w) => w.quoted),
    file,
    startLine: words[0].line,
    line,
    block,
  };
}

function argsOk(rule: ArgRule, n: number): boolean {
  if (rule === "any") return true;
  if (rule === "flag") return n === 1;
  if (rule === "1more") return n >= 1;
  if (rule === "2more") return n >= 2;
  return n <= 7 && rule.includes(n);
}

function blockContext(name: string, parent: Scope): Scope["ctx"] {
  if (name === "events") return "events";
  if (name === "upstream") return "upstream";
  if (name === "http") return "http";
  if (name === "types") return "types";
  return parent.ctx;
}
