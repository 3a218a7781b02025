/**
 * Compiles one lesson's MDX with mdx-bundler. Every remark/rehype plugin is assembled here, in one function.
 * Problems (MDX syntax, missing scenario files) come back as ContentError values, never as exceptions.
 */
import { bundleMDX } from "mdx-bundler";
import remarkGfm from "remark-gfm";
import type { ContentError } from "./errors";
import { remarkHeadings, type TocEntry } from "./headings";
import { rehypeShiki } from "./highlight.server";
import { remarkCollectLinks, type InternalLink } from "./links";
import { remarkScenarioFile } from "./scenario-file.server";

export interface CompiledLesson {
  /** mdx-bundler output: a function body to evaluate with getMDXComponent. */
  code: string;
  toc: TocEntry[];
  links: InternalLink[];
}

export type CompileResult = { ok: true; lesson: CompiledLesson } | { ok: false; errors: ContentError[] };

export interface CompileOptions {
  source: string;
  /** Project-relative path, for messages. */
  file: string;
  /** Absolute directory of the lesson (sibling imports resolve from here). */
  cwd: string;
  scenariosDir: string;
}

interface MdxMessage {
  reason?: string;
  line?: number;
  place?: { line?: number } | { start?: { line?: number } };
}

interface EsbuildMessage {
  text?: string;
  location?: { line?: number } | null;
  detail?: { cause?: MdxMessage } & MdxMessage;
}

/** The innermost parser message and its line: @mdx-js wraps the real reason in `detail.cause`. */
function describe(m: EsbuildMessage): { reason: string; line: number } {
  const inner = m.detail?.cause ?? m.detail;
  const reason = inner?.reason ?? (m.text ?? "unknown error").split("\n").pop()?.trim() ?? "unknown error";
  const placed = /\((\d+):(\d+)(?:-\d+:\d+)?\)/.exec(reason) ?? /^(\d+):(\d+)/.exec(reason);
  const candidates = [inner?.line, placed ? Number(placed[1]) : undefined, m.location?.line];
  const line = candidates.find((n): n is number => typeof n === "number" && n >= 1) ?? 1;
  return { reason: reason.replace(/\s*\(\d+:\d+(?:-\d+:\d+)?\)$/, ""), line };
}

function syntaxErrors(cause: unknown, file: string): ContentError[] {
  const messages = (cause as { errors?: EsbuildMessage[] }).errors;
  const list: EsbuildMessage[] = Array.isArray(messages) && messages.length > 0 ? messages : [{ text: String(cause) }];
  return list.slice(0, 10).map((m) => {
    const { reason, line } = describe(m);
    return {
      code: "mdx-syntax" as const,
      file,
      line,
      message: `MDX syntax error: ${reason}. Fix: close every <Tag> (or write <Tag />), escape a literal { or < as \\{ or &lt;, and leave a blank line around JSX blocks.`,
    };
  });
}

export async function compileLesson(options: CompileOptions): Promise<CompileResult> {
  const errors: ContentError[] = [];
  const toc: TocEntry[] = [];
  const links: InternalLink[] = [];
  try {
    const result = await bundleMDX({
      source: options.source,
      cwd: options.cwd,
      mdxOptions(mdx) {
        mdx.remarkPlugins = [
          ...(mdx.remarkPlugins ?? []),
          remarkGfm,
          remarkScenarioFile({ scenariosDir: options.scenariosDir, file: options.file, errors }),
          remarkCollectLinks(links),
          remarkHeadings(toc),
        ];
        mdx.rehypePlugins = [...(mdx.rehypePlugins ?? []), rehypeShiki];
        return mdx;
      },
      esbuildOptions(esbuild) {
        esbuild.logLevel = "silent";
        esbuild.minify = false;
        return esbuild;
      },
    });
    if (errors.length > 0) return { ok: false, errors };
    return { ok: true, lesson: { code: result.code, toc, links } };
  } catch (cause) {
    return { ok: false, errors: [...errors, ...syntaxErrors(cause, options.file)] };
  }
}
