/** Collects errors and warnings in the order nginx would meet them, and words them as nginx does. */
import type { NginxConfigError } from "./types";

export interface Diagnostic extends NginxConfigError {
  /** Order in which nginx would meet it: parse-time ones first, then the checks after the http block. */
  seq: number;
  /** nginx's own level when it is neither emerg nor warn (e.g. `crit` for a failed pread()). */
  printLevel?: string;
  /** Met after the configuration parsed ("syntax is ok" comes first). */
  late?: boolean;
}

export const KO_CONTEXT: Record<string, string> = {
  main: "설정 파일 맨 바깥",
  events: "events 블록",
  http: "http 블록",
  server: "server 블록",
  location: "location 블록",
  sif: "server 안의 if 블록",
  lif: "location 안의 if 블록",
  lmt: "limit_except 블록",
  types: "types 블록",
  upstream: "upstream 블록",
};

/**
 * The order key of each error/warning object this module handed out, so formatNginxTest can print the warnings
 * nginx meets before its first [emerg] without widening the public NginxConfigError type.
 */
export const ORDER = new WeakMap<NginxConfigError, number>();
/** The level nginx prints when it differs from the public `level` (which is only "emerg" or "warn"). */
export const PRINT_LEVEL = new WeakMap<NginxConfigError, string>();
/** Errors nginx meets after it has printed "syntax is ok" (opening log files). */
export const LATE = new WeakSet<NginxConfigError>();

export class Diagnostics {
  readonly list: Diagnostic[] = [];
  private seq = 0;

  /** An error at a place in a file: nginx appends ` in file:line`. */
  at(file: string, line: number, message: string, messageKo: string, level: "emerg" | "warn" = "emerg"): void {
    this.add({ file, line, message: `${message} in ${file}:${line}`, messageKo, level });
  }

  /** A message nginx prints without a place (e.g. `unknown "x" variable`); file/line still point the editor. */
  bare(file: string, line: number, message: string, messageKo: string, level: "emerg" | "warn" = "emerg", printLevel?: string): void {
    this.add({ file, line, message, messageKo, level }, printLevel);
  }

  /** An error nginx meets after parsing, when it opens files; its message has no place. */
  late(file: string, line: number, message: string, messageKo: string): void {
    if (this.list.length >= 500) return;
    this.list.push({ file, line, message, messageKo, level: "emerg", seq: this.seq++, late: true });
  }

  unsupported(file: string, line: number, name: string, messageKo: string): void {
    this.unsupportedMessage(file, line, `directive "${name}" is not supported by the course model`, messageKo);
  }

  /** Something real nginx accepts but the course model cannot run (not printed by formatNginxTest). */
  unsupportedMessage(file: string, line: number, message: string, messageKo: string): void {
    this.add({ file, line, message: `${message} in ${file}:${line}`, messageKo, level: "emerg", unsupported: true });
  }

  private add(d: NginxConfigError, printLevel?: string): void {
    if (this.list.length >= 500) return;
    this.list.push({ ...d, seq: this.seq++, ...(printLevel ? { printLevel } : {}) });
  }

  get hasErrors(): boolean {
    return this.list.some((d) => d.level === "emerg");
  }

  /** Errors (with the one real nginx prints marked `first`) and warnings, without the internal order key. */
  finish(): { errors: NginxConfigError[]; warnings: NginxConfigError[] } {
    const firstReal = this.list.find((d) => d.level === "emerg" && !d.unsupported);
    const strip = (d: Diagnostic): NginxConfigError => {
      const out: NginxConfigError = { file: d.file, line: d.line, message: d.message, messageKo: d.messageKo, level: d.level };
      if (d.unsupported) out.unsupported = true;
      if (d === firstReal) out.first = true;
      ORDER.set(out, d.seq);
      if (d.printLevel) PRINT_LEVEL.set(out, d.printLevel);
      if (d.late) LATE.add(out);
      return out;
    };
    // Warnings nginx never reaches (after its first [emerg]) are kept for the editor; formatNginxTest prints
    // only those before the first error, using ORDER.
    return {
      errors: this.list.filter((d) => d.level === "emerg").map(strip),
      warnings: this.list.filter((d) => d.level === "warn").map(strip),
    };
  }
}
