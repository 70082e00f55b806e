/** One problem found in a user's file: where it is and what is wrong. */
export interface Problem {
  /** The file the problem is in (as the user named it). */
  file: string;
  /** A path inside the file, such as `data.lc_retention_months` or `pages[2].elements[4] (fr_plan)`. */
  place?: string;
  /** 1-based line and column, where the file's text lets us find them. */
  line?: number;
  column?: number;
  message: string;
}

export function formatProblem(p: Problem): string {
  const at = p.line ? `${p.file}:${p.line}:${p.column ?? 1}` : p.file;
  return p.place ? `${at}: ${p.place}: ${p.message}` : `${at}: ${p.message}`;
}

/** Bad input or bad usage: the CLI prints each problem on one line and exits with code 2. */
export class InputError extends Error {
  readonly problems: Problem[];
  constructor(problems: Problem[] | Problem) {
    const list = Array.isArray(problems) ? problems : [problems];
    super(list.map(formatProblem).join('\n'));
    this.name = 'InputError';
    this.problems = list;
  }
}

/** A failure while running (a file that cannot be written, a renderer that fails): exit code 1. */
export class RunError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'RunError';
  }
}
