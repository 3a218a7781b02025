/**
 * The request corpus: conformance/corpus/<scenario>/index.json lists the requests in order, each with its exact
 * bytes in NNN-name.http (CRLF line ends), a Korean description, the gateways it runs under and an optional fault.
 * The files are written by corpus/make.mjs; this module only reads them (Node-only).
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import type { Gateway } from "./real-chain";

export const CORPUS_DIR = path.join(import.meta.dirname, "corpus");

export type CorpusFault = "gateway-down";

export interface CorpusEntry {
  scenario: string;
  /** `NNN-name`, also the recording's file stem. */
  id: string;
  description: string;
  gateways: Gateway[];
  fault?: CorpusFault;
  /** Extra wait for late log lines after the response (e.g. a worker killed after nginx already answered). */
  settleMs?: number;
  raw: Uint8Array;
}

interface IndexRow {
  id: string;
  file: string;
  description: string;
  gateways: Gateway[];
  fault?: CorpusFault;
  settleMs?: number;
}

/** Scenarios that have a corpus, sorted. */
export function corpusScenarios(): string[] {
  return readdirSync(CORPUS_DIR, { withFileTypes: true })
    .filter((d) => d.isDirectory() && existsSync(path.join(CORPUS_DIR, d.name, "index.json")))
    .map((d) => d.name)
    .sort();
}

export function loadCorpus(scenario: string): CorpusEntry[] {
  const dir = path.join(CORPUS_DIR, scenario);
  const rows = JSON.parse(readFileSync(path.join(dir, "index.json"), "utf8")) as IndexRow[];
  return rows.map((row) => ({
    scenario,
    id: row.id,
    description: row.description,
    gateways: row.gateways,
    ...(row.fault ? { fault: row.fault } : {}),
    ...(row.settleMs ? { settleMs: row.settleMs } : {}),
    raw: new Uint8Array(readFileSync(path.join(dir, row.file))),
  }));
}

/** The runs one scenario × gateway needs: one real chain per fault set, requests in corpus order. */
export function groupByFault(entries: CorpusEntry[], gateway: Gateway): Array<{ fault?: CorpusFault; entries: CorpusEntry[] }> {
  const groups = new Map<string, CorpusEntry[]>();
  for (const entry of entries) {
    if (!entry.gateways.includes(gateway)) continue;
    const key = entry.fault ?? "";
    groups.set(key, [...(groups.get(key) ?? []), entry]);
  }
  return [...groups].map(([key, list]) => (key ? { fault: key as CorpusFault, entries: list } : { entries: list }));
}
