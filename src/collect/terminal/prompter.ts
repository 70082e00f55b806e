/**
 * The prompt layer of the terminal interview. The interview talks to a Prompter only, so the same
 * interview runs on an interactive terminal (tty-prompter.ts, arrow keys and check boxes) and on a
 * plain line-based reader (line-prompter.ts: numbered choices and typed answers, for pipes and tests).
 */

/** One item of a list. Actions (help, back, skip, quit) are shown apart from the answers. */
export interface Choice<V> {
  value: V;
  label: string;
  /** Set on actions: the key typed for it in line mode ("?", "<", "s", "q"). */
  key?: string;
}

export interface SelectRequest<V> {
  message: string;
  choices: readonly Choice<V>[];
  /** Pre-selected item (an earlier answer); Enter alone keeps it in line mode. */
  initial?: V;
}

export interface MultiSelectRequest<V> {
  message: string;
  /** The items that can be ticked; any of them with `key` is an action, which is chosen on its own. */
  choices: readonly Choice<V>[];
  /** Items ticked to begin with (an earlier answer). */
  initial?: readonly V[];
  /** Why a set of ticked items is not acceptable, or undefined when it is. Not called for an action. */
  validate?: (values: readonly V[]) => string | undefined;
}

export interface InputRequest {
  message: string;
  /** A short line under the message: what to type and which commands there are. */
  hint?: string;
  /** An earlier answer; Enter alone keeps it. */
  initial?: string;
  /** Why a typed text is not acceptable, or undefined when it is (the prompt then asks again). */
  validate?: (text: string) => string | undefined;
}

export interface Prompter {
  /** True when answers are typed on a terminal with arrow keys (for the wording of hints only). */
  readonly interactive: boolean;
  select<V>(request: SelectRequest<V>): Promise<V>;
  /** The ticked items, or a one-item list holding the action chosen. */
  multiSelect<V>(request: MultiSelectRequest<V>): Promise<V[]>;
  input(request: InputRequest): Promise<string>;
  /** Prints a line (or several) between prompts. */
  say(text: string): void;
  close(): void;
}

/** The input ended (EOF) or the person pressed Ctrl-C: stop, keeping what was saved. */
export class PromptClosed extends Error {
  constructor(readonly reason: 'eof' | 'interrupt') {
    super(reason === 'eof' ? 'input ended' : 'interrupted');
    this.name = 'PromptClosed';
  }
}

/** Minimal text styling that stays plain under NO_COLOR, TERM=dumb or when the output is not a terminal. */
export interface Style {
  bold(text: string): string;
  dim(text: string): string;
  accent(text: string): string;
  warn(text: string): string;
}

export function useColor(stream: { isTTY?: boolean }, env: NodeJS.ProcessEnv = process.env): boolean {
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return false;
  if (env.TERM === 'dumb') return false;
  if (env.FORCE_COLOR !== undefined && env.FORCE_COLOR !== '0') return true;
  return stream.isTTY === true;
}

export function makeStyle(color: boolean): Style {
  const wrap = (open: number, close: number) => (text: string) => (color ? `\u001b[${open}m${text}\u001b[${close}m` : text);
  return { bold: wrap(1, 22), dim: wrap(2, 22), accent: wrap(36, 39), warn: wrap(33, 39) };
}
