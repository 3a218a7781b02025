/**
 * The zod schemas for everything an instructor writes under content/. Each field carries `.describe()` so the
 * schema doubles as documentation (and as the source of the "how to fix" hints in error messages).
 */
import { z } from "zod";

/** A URL path segment we accept in slugs: lowercase ASCII letters, digits and dashes. */
const SLUG_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*(?:\/[a-z0-9]+(?:-[a-z0-9]+)*)*$/;

export const lessonFrontmatterSchema = z
  .object({
    title: z
      .string()
      .trim()
      .min(1)
      .max(80)
      .describe("Lesson title shown in the sidebar, the page heading, the pager and the browser tab (1–80 chars)."),
    description: z
      .string()
      .trim()
      .min(1)
      .max(200)
      .describe("One sentence for <meta name=description> and the course home (1–200 chars)."),
    slug: z
      .string()
      .regex(SLUG_PATTERN)
      .max(120)
      .optional()
      .describe(
        "Optional URL override after /learn/, e.g. `intro/welcome`. Default: the part and lesson folder names " +
          "without their NN- prefixes. Lowercase letters, digits, dashes; segments separated by /.",
      ),
    unlisted: z
      .boolean()
      .optional()
      .describe(
        "true: the page is built and reachable by URL but left out of the sidebar, home page and prev/next " +
          "(for fixture lessons used by e2e tests).",
      ),
  })
  .strict()
  .describe("YAML frontmatter at the top of every content/NN-part/NN-lesson/index.mdx.");

export type LessonFrontmatter = z.infer<typeof lessonFrontmatterSchema>;

export const partMetaSchema = z
  .object({
    title: z.string().trim().min(1).max(80).describe("Part title shown as a sidebar group and on the home page."),
  })
  .strict()
  .describe("content/NN-part/meta.json");

export type PartMeta = z.infer<typeof partMetaSchema>;

export const courseConfigSchema = z
  .object({
    title: z.string().trim().min(1).max(80).describe("Course title: header, home page heading and <title> suffix."),
    description: z.string().trim().min(1).max(300).describe("Course summary for the home page and <meta>."),
    learn: z
      .array(z.string().trim().min(1).max(200))
      .max(12)
      .default([])
      .describe("Bullet list for the home page section '이 코스에서 배우는 것'."),
  })
  .strict()
  .describe("content/course.json: the course-wide settings an instructor edits.");

export type CourseConfig = z.infer<typeof courseConfigSchema>;
