/**
 * werkzeug.datastructures.FileStorage for request.files: filename, name, content_type, mimetype,
 * mimetype_params, content_length, headers, stream, and the stream's read/seek/tell/readline/readlines and line
 * iteration on the uploaded bytes. `save()` writes to the server's disk, which the model does not have: it is the
 * honest limit (what, where, that the real chain runs it), never a pretended write.
 */
import type { NativeFn, PyClass, PyInstance, PyValue } from "../../python";
import { pyBytes, pyError, pyList } from "../../python";
import { Headers } from "../headers";
import type { MultipartFile } from "../multipart";
import { parseOptionsHeader } from "../multipart";
import type { HeadersData } from "./datastructures";
import type { FlaskHost } from "./host";
import { honestLimit } from "./limits";

/** The uploaded bytes and the read position, shared by a FileStorage and its `stream`. */
interface FileState {
  file: MultipartFile;
  pos: number;
}

interface FileClasses {
  FileStorage: PyClass;
  Stream: PyClass;
}

const classesByHost = new WeakMap<FlaskHost, FileClasses>();

function stateOf(self: PyValue): FileState {
  return (self as PyInstance).data as FileState;
}

function header(file: MultipartFile, name: string): string | null {
  return file.headers.find(([k]) => k.toLowerCase() === name)?.[1] ?? null;
}

/** The next line (up to and including `\n`), at most `limit` bytes. */
function readLine(state: FileState, limit: number): Uint8Array {
  const data = state.file.data;
  let end = data.indexOf(0x0a, state.pos);
  end = end < 0 ? data.length : end + 1;
  if (limit >= 0) end = Math.min(end, state.pos + limit);
  const line = data.subarray(state.pos, end);
  state.pos = end;
  return line;
}

function fileClasses(host: FlaskHost): FileClasses {
  const existing = classesByHost.get(host);
  if (existing) return existing;
  const interp = host.interp;
  const size = (v: PyValue | undefined): number => (v === undefined || v === null ? -1 : Number(v as bigint));

  /** The stream's methods (FileStorage proxies them by __getattr__). */
  const streamMethods: Record<string, NativeFn> = {
    read: (args, kwargs) => {
      const a = interp.bindArgs("read", args.slice(1), kwargs, ["size"], { size: -1n });
      const state = stateOf(args[0]);
      const n = size(a.size);
      const end = n < 0 ? state.file.data.length : Math.min(state.file.data.length, state.pos + n);
      const out = state.file.data.slice(state.pos, end);
      state.pos = end;
      return pyBytes(out);
    },
    readline: (args, kwargs) => {
      const a = interp.bindArgs("readline", args.slice(1), kwargs, ["size"], { size: -1n });
      return pyBytes(readLine(stateOf(args[0]), size(a.size)).slice());
    },
    readlines: (args) => {
      const state = stateOf(args[0]);
      const lines: PyValue[] = [];
      while (state.pos < state.file.data.length) lines.push(pyBytes(readLine(state, -1).slice()));
      return pyList(lines);
    },
    seek: (args, kwargs) => {
      const a = interp.bindArgs("seek", args.slice(1), kwargs, ["offset", "whence"], { whence: 0n });
      const state = stateOf(args[0]);
      const offset = Number(a.offset as bigint);
      const base = a.whence === 1n ? state.pos : a.whence === 2n ? state.file.data.length : 0;
      if (base + offset < 0) throw pyError("ValueError", `negative seek value ${base + offset}`);
      state.pos = base + offset;
      return BigInt(state.pos);
    },
    tell: (args) => BigInt(stateOf(args[0]).pos),
    close: () => null,
    seekable: () => true,
    readable: () => true,
  };

  const lines = (self: PyInstance): Iterator<PyValue> => {
    const state = stateOf(self);
    return (function* () {
      while (state.pos < state.file.data.length) yield pyBytes(readLine(state, -1).slice());
    })();
  };

  const Stream = interp.makeClass("SpooledTemporaryFile", "tempfile", {
    methods: streamMethods,
    iter: lines,
    repr: () => "<tempfile.SpooledTemporaryFile object at 0x7f0000000100>",
  });

  const FileStorage = interp.makeClass("FileStorage", "werkzeug.datastructures", {
    repr: (self) => {
      const file = stateOf(self).file;
      return `<FileStorage: ${interp.repr(file.filename)} (${interp.repr(header(file, "content-type"))})>`;
    },
    bool: (self) => stateOf(self).file.filename !== "",
    iter: lines,
    getattr: (self, name) => {
      const state = stateOf(self);
      const file = state.file;
      switch (name) {
        case "filename":
          return file.filename;
        case "name":
          return file.name;
        case "content_type":
          return header(file, "content-type");
        case "content_length": {
          const v = header(file, "content-length");
          return v !== null && /^\s*[+-]?\d+\s*$/.test(v) ? BigInt(v.trim()) : 0n;
        }
        case "mimetype":
          return parseOptionsHeader(header(file, "content-type"))[0].toLowerCase();
        case "mimetype_params":
          return interp.newDict([...parseOptionsHeader(header(file, "content-type"))[1]].map(([k, v]) => [k, v] as [PyValue, PyValue]));
        case "headers": {
          const data: HeadersData = { headers: new Headers(file.headers), readonly: false };
          return interp.newInstance(host.classes.Headers, { data });
        }
        case "stream":
          return interp.newInstance(Stream, { data: state });
        default:
          return undefined;
      }
    },
    methods: {
      ...streamMethods,
      save: () => honestLimit(host, "FileStorage.save() (업로드한 파일을 서버 디스크에 저장)"),
    },
  });
  const made = { FileStorage, Stream };
  classesByHost.set(host, made);
  return made;
}

/** A FileStorage for one uploaded part (a fresh read position per request.files access, as one parse gives). */
export function newFileStorage(host: FlaskHost, file: MultipartFile, states: Map<MultipartFile, FileState>): PyInstance {
  let state = states.get(file);
  if (!state) states.set(file, (state = { file, pos: 0 }));
  return host.interp.newInstance(fileClasses(host).FileStorage, { data: state });
}
