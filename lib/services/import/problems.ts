/**
 * A problem the dry run found: the file's line (0 for the whole file), an i18n key under
 * `import.problems` and its parameters. Shown in the user's language beside the line number.
 */
export type ImportProblem = { line: number; code: string; params?: Record<string, string | number> };

/** At most this many problems are reported; a file with more is refused all the same. */
export const MAX_REPORTED_PROBLEMS = 500;
