import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import path from "node:path";
import { gunzipSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { crc32, gzipCompress, gzipPieces } from "./gzip";
import { DeflateBudgetError, deflatePieces } from "./deflate";
import { tableRows } from "@/lib/testing/depth";

/**
 * Recorded from Debian's zlib 1.2.13 by conformance/capture/zlib/generate.py; the inputs are rebuilt here from their
 * recipes. The unit run checks every 5th case (every level, window and input kind still appears); the live run all
 * of them (lib/testing/depth.ts).
 */
interface Recipe {
  kind: "file" | "bytes" | "words" | "runs";
  path?: string;
  seed?: number;
  length?: number;
  alphabet?: number;
  base?: number;
}
interface Case {
  input: Recipe;
  level: number;
  windowBits: number;
  memLevel: number;
  length: number;
  inputSha256?: string;
  /** Fed in pieces of this size: how many bytes zlib had written after each piece but the last. */
  pieceSize?: number;
  outputAt?: number[];
  hex?: string;
  sha256?: string;
}

const HERE = import.meta.dirname;
const REPO = path.resolve(HERE, "../../..");
const fixture = JSON.parse(readFileSync(path.join(HERE, "fixtures/cases.json"), "utf8")) as { cases: Case[] };

// The same word list and generator as conformance/capture/zlib/generate.py.
const WORDS = ["<p>", "</p>", "<li>", "</li>", '<a href="/', '">', "</a>", "nginx", "gunicorn", "uwsgi", "flask",
  "요청", "응답", "서버", "워커", "소켓", "정적 파일", "프록시", " ", " ", "\n", ", ", ". ", "the", "request",
  "travels", "from", "browser", "to", "app", "0", "1", "2", "404", "200", "/static/", "style.css"].map((w) => new TextEncoder().encode(w));

function* lcg(seed: number): Generator<number> {
  let x = seed & 0x7fffffff;
  for (;;) {
    x = (Math.imul(x, 1103515245) + 12345) & 0x7fffffff;
    yield x >>> 16;
  }
}

function makeInput(recipe: Recipe): Uint8Array {
  if (recipe.kind === "file") return new Uint8Array(readFileSync(path.join(REPO, recipe.path!)));
  const rnd = lcg(recipe.seed!);
  const next = () => rnd.next().value as number;
  const n = recipe.length!;
  const out = new Uint8Array(n + 300);
  let len = 0;
  while (len < n) {
    if (recipe.kind === "bytes") out[len++] = ((recipe.base ?? 0) + (next() % recipe.alphabet!)) & 0xff;
    else if (recipe.kind === "words") {
      const word = WORDS[next() % WORDS.length]!;
      out.set(word, len);
      len += word.length;
    } else {
      const byte = (next() % 4) + 97;
      const run = (next() % 300) + 1;
      out.fill(byte, len, len + run);
      len += run;
    }
  }
  return out.slice(0, n);
}

const inputs = new Map<string, Uint8Array>();
const inputOf = (recipe: Recipe) => {
  const key = JSON.stringify(recipe);
  if (!inputs.has(key)) inputs.set(key, makeInput(recipe));
  return inputs.get(key)!;
};

describe("gzip as Debian's zlib 1.2.13 writes it for nginx", () => {
  it("has a fixture of many inputs and settings", () => {
    expect(fixture.cases.length).toBeGreaterThan(1000);
    expect(new Set(fixture.cases.map((c) => c.level)).size).toBe(9);
  });

  it.each(tableRows(fixture.cases.map((c, i) => [i, `${JSON.stringify(c.input)} level ${c.level} wbits ${c.windowBits} memlevel ${c.memLevel}`, c] as const), 5))(
    "case %i: %s",
    (_i, _name, c) => {
      const data = inputOf(c.input);
      if (c.inputSha256 !== undefined) {
        const changed = `${c.input.path} changed since the fixtures were recorded: run /usr/bin/python3 conformance/capture/zlib/generate.py`;
        expect(createHash("sha256").update(data).digest("hex"), changed).toBe(c.inputSha256);
      }
      const ends: number[] = [];
      for (let end = c.pieceSize ?? data.length; end < data.length; end += c.pieceSize!) ends.push(end);
      const { bytes: out, outputAt } = gzipPieces(data, { level: c.level, windowBits: c.windowBits, memLevel: c.memLevel }, ends);
      expect(out.length).toBe(c.length);
      if (c.outputAt !== undefined) expect(outputAt).toEqual(c.outputAt);
      if (c.hex !== undefined) expect(Buffer.from(out).toString("hex")).toBe(c.hex);
      else expect(createHash("sha256").update(out).digest("hex")).toBe(c.sha256);
    },
  );

  it("decompresses to the input (checked by Node's own zlib)", () => {
    const data = makeInput({ kind: "words", seed: 99, length: 5000 });
    const out = gzipCompress(data, { level: 1, windowBits: 13, memLevel: 6 });
    expect(new Uint8Array(gunzipSync(out))).toEqual(data);
  });

  it("computes CRC-32 as RFC 1952 defines it", () => {
    expect(crc32(new TextEncoder().encode("123456789")).toString(16)).toBe("cbf43926");
    expect(crc32(new Uint8Array(0))).toBe(0);
  });

  it("refuses settings zlib would refuse", () => {
    expect(() => gzipCompress(new Uint8Array(1), { level: 0, windowBits: 15, memLevel: 8 })).toThrow(RangeError);
    expect(() => gzipCompress(new Uint8Array(1), { level: 1, windowBits: 8, memLevel: 8 })).toThrow(RangeError);
  });
});

describe("the work limit", () => {
  it("stops with DeflateBudgetError past maxChainSteps, and not below it", () => {
    const data = makeInput({ kind: "bytes", seed: 3, length: 20000, alphabet: 2, base: 97 });
    const steps = deflatePieces(data, { level: 9, windowBits: 15, memLevel: 8 }, []).chainSteps;
    expect(steps).toBeGreaterThan(100_000);
    expect(() => deflatePieces(data, { level: 9, windowBits: 15, memLevel: 8, maxChainSteps: steps - 1 }, [])).toThrow(DeflateBudgetError);
    expect(deflatePieces(data, { level: 9, windowBits: 15, memLevel: 8, maxChainSteps: steps }, []).bytes.length).toBeGreaterThan(0);
  });
});
