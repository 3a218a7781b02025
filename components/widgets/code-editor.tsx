"use client";
/**
 * CodeMirror 6 editor for one scenario file, loaded on demand (this module is only imported when a student starts
 * editing). Lines with errors are marked and announced by their line number.
 *
 * The editor follows what the student types: no auto-closed brackets or quotes (typing an nginx block gave an
 * extra `}`), no completion pop-up that takes Enter, no indentation added or changed behind the student's back
 * (indentation is Python's syntax): Enter starts a new line and the student types its indentation, so typing a
 * block line by line, as the lessons show it, gives exactly that text.
 */
import { useEffect, useRef } from "react";
import { EditorView, minimalSetup } from "codemirror";
import { Compartment, EditorState, Prec, StateEffect, StateField, type Extension } from "@codemirror/state";
import { Decoration, highlightActiveLine, highlightActiveLineGutter, keymap, lineNumbers, type DecorationSet } from "@codemirror/view";
import { bracketMatching, defaultHighlightStyle, HighlightStyle, StreamLanguage, syntaxHighlighting } from "@codemirror/language";
import { python } from "@codemirror/lang-python";
import { nginx } from "@codemirror/legacy-modes/mode/nginx";
import { properties } from "@codemirror/legacy-modes/mode/properties";

function languageFor(path: string): Extension {
  if (path.endsWith(".py")) return python();
  if (path.endsWith(".ini")) return StreamLanguage.define(properties);
  if (path.endsWith(".conf") || path.startsWith("nginx")) return StreamLanguage.define(nginx);
  return [];
}

/** Enter inserts a bare line break (the default keymap would indent the new line after `{` or `:`). */
const plainEnter = Prec.highest(
  keymap.of([
    {
      key: "Enter",
      run: (view) => {
        view.dispatch(view.state.update(view.state.replaceSelection("\n"), { scrollIntoView: true, userEvent: "input" }));
        return true;
      },
    },
  ]),
);

const setErrorLines = StateEffect.define<number[]>();
const errorMark = Decoration.line({ attributes: { class: "cm-error-line", "data-error-line": "true" } });

const errorLines = StateField.define<DecorationSet>({
  create: () => Decoration.none,
  update(marks, tr) {
    for (const effect of tr.effects) {
      if (effect.is(setErrorLines)) {
        const doc = tr.state.doc;
        const lines = [...new Set(effect.value)].filter((n) => n >= 1 && n <= doc.lines).sort((a, b) => a - b);
        return Decoration.set(lines.map((n) => errorMark.range(doc.line(n).from)));
      }
    }
    return marks.map(tr.changes);
  },
  provide: (field) => EditorView.decorations.from(field),
});

const theme = EditorView.theme({
  "&": { fontSize: "0.9rem", backgroundColor: "transparent" },
  ".cm-content, .cm-gutters": {
    fontFamily: 'var(--font-mono, ui-monospace, monospace), "Pretendard Variable", Pretendard, "Noto Sans CJK KR", sans-serif',
  },
  ".cm-gutters": { backgroundColor: "transparent" },
  ".cm-error-line": { backgroundColor: "color-mix(in srgb, #c62828 18%, transparent)" },
});

/**
 * Token colours for both themes. CodeMirror's default style is made for a white page (keywords #708, definitions
 * #00f, which all but vanish on the dark page), so each of its colours is mapped to one that keeps at least 4.5:1 on
 * the site's light and dark code backgrounds; the default's tags and font styles stay.
 */
const TOKEN_COLOURS: Record<string, { light: string; dark: string }> = {
  "#404740": { light: "#404740", dark: "#c3cbc3" }, // meta (a Python decorator's @)
  "#708": { light: "#770088", dark: "#ffa6e3" }, // keyword
  "#219": { light: "#221199", dark: "#8fc8ff" }, // atom, bool
  "#164": { light: "#116644", dark: "#7ee2a8" }, // literal (numbers)
  "#a11": { light: "#aa1111", dark: "#ffb3ab" }, // string
  "#e40": { light: "#b33a00", dark: "#ffb86b" }, // regexp, escape
  "#00f": { light: "#0000ff", dark: "#a9c7ff" }, // defined name (def, class)
  "#30a": { light: "#3300aa", dark: "#d2b8ff" }, // local name
  "#085": { light: "#00704a", dark: "#7ee2a8" }, // type, namespace
  "#167": { light: "#116677", dark: "#6fd6e0" }, // class name
  "#256": { light: "#225566", dark: "#9fd3e6" }, // special variable, macro
  "#00c": { light: "#0000cc", dark: "#a9c7ff" }, // defined property
  "#940": { light: "#994400", dark: "#e6bd94" }, // comment
  "#f00": { light: "#d00000", dark: "#ffa3a3" }, // invalid
};

function themedHighlighting(themeType: "light" | "dark"): Extension {
  const specs = defaultHighlightStyle.specs.map((spec) => {
    const colour = typeof spec.color === "string" ? TOKEN_COLOURS[spec.color] : undefined;
    return colour ? { ...spec, color: colour[themeType] } : spec;
  });
  return syntaxHighlighting(HighlightStyle.define(specs, { themeType }));
}

const tokenColours: Extension = [themedHighlighting("light"), themedHighlighting("dark")];

/** The page's theme (`<html data-theme>`, set before paint and by the toggle). */
const pageIsDark = () => document.documentElement.dataset.theme === "dark";

export interface CodeEditorProps {
  path: string;
  value: string;
  onChange(value: string): void;
  errorLines: number[];
  label: string;
}

export default function CodeEditor({ path, value, onChange, errorLines: lines, label }: CodeEditorProps) {
  const host = useRef<HTMLDivElement>(null);
  const view = useRef<EditorView | null>(null);
  const changeRef = useRef(onChange);
  useEffect(() => {
    changeRef.current = onChange;
  }, [onChange]);

  useEffect(() => {
    if (!host.current) return;
    // CodeMirror's own caret, selection and active-line colours follow its dark-theme flag: keep it in step with
    // the page, also when the student flips the theme toggle.
    const darkness = new Compartment();
    const editor = new EditorView({
      parent: host.current,
      state: EditorState.create({
        doc: value,
        extensions: [
          minimalSetup,
          plainEnter,
          lineNumbers(),
          highlightActiveLineGutter(),
          highlightActiveLine(),
          bracketMatching(),
          languageFor(path),
          errorLines,
          theme,
          tokenColours,
          darkness.of(EditorView.darkTheme.of(pageIsDark())),
          EditorView.contentAttributes.of({ "aria-label": label, "data-keyboard-scope": "true" }),
          EditorView.updateListener.of((update) => {
            if (update.docChanged) changeRef.current(update.state.doc.toString());
          }),
        ],
      }),
    });
    view.current = editor;
    const themeWatch = new MutationObserver(() => editor.dispatch({ effects: darkness.reconfigure(EditorView.darkTheme.of(pageIsDark())) }));
    themeWatch.observe(document.documentElement, { attributes: true, attributeFilter: ["data-theme"] });
    return () => {
      themeWatch.disconnect();
      editor.destroy();
    };
    // The editor owns its text after creation; a new file gets a new editor (keyed by the parent).
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [path]);

  // Reset from outside (e.g. "원래대로"): replace the document when the prop differs from the editor's text.
  useEffect(() => {
    const editor = view.current;
    if (editor && editor.state.doc.toString() !== value) {
      editor.dispatch({ changes: { from: 0, to: editor.state.doc.length, insert: value } });
    }
  }, [value]);

  useEffect(() => {
    view.current?.dispatch({ effects: setErrorLines.of(lines) });
  }, [lines]);

  return <div ref={host} data-editor-path={path} />;
}
