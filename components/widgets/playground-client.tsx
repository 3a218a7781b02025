"use client";
/**
 * Edit a scenario's files in the page and watch the request flow change. The editor (CodeMirror) is loaded only
 * when the student starts editing; errors come from the chain as the real programs would report them, with the
 * line marked. Edits are kept per lesson and can be shared as a link.
 */
import { lazy, Suspense, useCallback, useMemo, useState } from "react";
import type { ConfigError } from "@/lib/chain/contracts";
import type { GatewayKind } from "@/lib/chain/trace";
import { ConfigErrorList } from "@/components/flow/config-errors";
import FlowWidget from "@/components/flow/flow-widget";
import type { FlowPreset } from "@/components/flow/presets";
import { decodeShare, encodeShare, readStored, storageKey, writeStored, type Edits } from "./playground-state";
import { Terminal } from "./terminal";
import { useLessonSlug } from "./use-lesson-slug";
import styles from "./widgets.module.css";

const CodeEditor = lazy(() => import("./code-editor"));

export interface PlaygroundClientProps {
  scenario: string;
  title: string;
  gateways: GatewayKind[];
  defaultGateway: GatewayKind;
  presets: FlowPreset[];
  /** The editable files' original text, read from the scenario at build time. */
  originals: Record<string, string>;
  /** When set, a Terminal under the diagram runs curl against the files as edited; the value is its first command. */
  terminal?: string;
}

export function PlaygroundClient({ scenario, title, gateways, defaultGateway, presets, originals, terminal }: PlaygroundClientProps) {
  const paths = useMemo(() => Object.keys(originals), [originals]);
  const slug = useLessonSlug() ?? "page";
  const key = storageKey(slug, scenario);
  // This component only ever renders in the browser (PlaygroundLazy loads it after mount), so the first state can
  // come straight from a shared link, else from this lesson's saved edits.
  const [initial] = useState<Edits>(() => {
    const match = /[#&]playground=([A-Za-z0-9_-]+)/.exec(window.location.hash);
    return (match && decodeShare(match[1], paths)) || readStored(key, paths);
  });
  const resumed = Object.keys(initial).length > 0;
  const [edits, setEdits] = useState<Edits>(initial);
  const [active, setActive] = useState(paths[0]);
  const [editing, setEditing] = useState(resumed);
  const [applied, setApplied] = useState<{ files: Edits; version: number }>({ files: initial, version: resumed ? 1 : 0 });
  const [errors, setErrors] = useState<ConfigError[]>([]);
  const [copied, setCopied] = useState(false);

  const textOf = (path: string) => edits[path] ?? originals[path];
  const change = (path: string, text: string) => {
    setEdits((current) => {
      const next = { ...current };
      if (text === originals[path]) delete next[path];
      else next[path] = text;
      writeStored(key, next);
      return next;
    });
  };
  const apply = () => setApplied((a) => ({ files: { ...edits }, version: a.version + 1 }));
  const reset = () => {
    setEdits({});
    writeStored(key, {});
    setApplied((a) => ({ files: {}, version: a.version + 1 }));
  };
  const share = async () => {
    const url = `${window.location.origin}${window.location.pathname}#playground=${encodeShare(edits)}`;
    try {
      await navigator.clipboard.writeText(url);
    } catch {
      window.location.hash = `playground=${encodeShare(edits)}`;
    }
    setCopied(true);
  };
  const onConfigErrors = useCallback((list: ConfigError[]) => setErrors(list), []);
  const linesOf = (path: string) => errors.filter((e) => e.path === path && e.line > 0).map((e) => e.line);
  const dirty = Object.keys(edits).length > 0;

  return (
    <section className={styles.playground} aria-label={`설정 실습: ${title}`}>
      <div className={styles.playgroundTabs} role="tablist" aria-label="편집할 파일">
        {paths.map((path) => (
          <button key={path} type="button" role="tab" className={`${styles.button} ${styles.playgroundTab}`} aria-selected={active === path} onClick={() => setActive(path)}>
            {path}
            {edits[path] !== undefined ? " •" : ""}
            {linesOf(path).length > 0 ? " ⚠" : ""}
          </button>
        ))}
      </div>
      <div className={styles.editorHost} role="tabpanel" aria-label={active}>
        {editing ? (
          <Suspense fallback={<pre tabIndex={0} className={`${styles.editorText} ${styles.mono}`}>{textOf(active)}</pre>}>
            <CodeEditor
              key={active}
              path={active}
              value={textOf(active)}
              onChange={(text) => change(active, text)}
              errorLines={linesOf(active)}
              label={`${active} 편집기`}
            />
          </Suspense>
        ) : (
          <pre tabIndex={0} className={`${styles.editorText} ${styles.mono}`}>{textOf(active)}</pre>
        )}
      </div>
      {errors.length > 0 ? <ConfigErrorList errors={errors} /> : null}
      <div className={styles.playgroundActions}>
        {editing ? (
          <button type="button" onClick={apply} className={`${styles.button} ${styles.primaryButton}`}>
            적용하고 다시 보내기
          </button>
        ) : (
          <button type="button" onClick={() => setEditing(true)} className={`${styles.button} ${styles.primaryButton}`}>
            편집하기
          </button>
        )}
        <button type="button" className={styles.button} onClick={reset} disabled={!dirty && applied.version === 0}>
          원래대로
        </button>
        <button type="button" className={styles.button} onClick={() => void share()} disabled={!dirty}>
          공유 링크 복사
        </button>
        {copied ? <span role="status" className={styles.muted}>링크를 복사했습니다.</span> : null}
        <span className={styles.muted}>바꾼 내용은 이 브라우저에 저장됩니다.</span>
      </div>
      <FlowWidget
        resend={applied.version}
        scenario={scenario}
        title={title}
        gateways={gateways}
        defaultGateway={defaultGateway}
        presets={presets}
        files={applied.files}
        onConfigErrors={onConfigErrors}
      />
      {terminal !== undefined ? <Terminal scenario={scenario} gateway={defaultGateway} initial={terminal} files={edits} /> : null}
    </section>
  );
}
