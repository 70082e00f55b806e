import { createInterface, type Interface } from 'node:readline';
import type { Readable, Writable } from 'node:stream';
import { makeStyle, PromptClosed, type Choice, type InputRequest, type MultiSelectRequest, type Prompter, type SelectRequest, type Style } from './prompter.js';

export interface LinePrompterOptions {
  input: Readable;
  output: Writable;
  /** Repeat each line read after the prompt, so that a transcript of piped input reads like a session. */
  echo?: boolean;
  style?: Style;
}

/**
 * A prompter for a plain line-based reader: choices are numbered and chosen by typing the number
 * (or, for actions, their key such as "?" or "q"); everything else is typed. Works on pipes, in
 * tests and on terminals that cannot redraw. A wrong entry prints why and asks again.
 */
export class LinePrompter implements Prompter {
  readonly interactive = false;
  private readonly lines: string[] = [];
  private waiting: ((line: string | undefined) => void) | undefined;
  private ended = false;
  private readonly rl: Interface;
  private readonly out: Writable;
  private readonly echo: boolean;
  private readonly style: Style;

  constructor(options: LinePrompterOptions) {
    this.out = options.output;
    this.echo = options.echo ?? false;
    this.style = options.style ?? makeStyle(false);
    this.rl = createInterface({ input: options.input, terminal: false, crlfDelay: Infinity });
    this.rl.on('line', (line) => {
      if (this.waiting) {
        const resolve = this.waiting;
        this.waiting = undefined;
        resolve(line);
      } else this.lines.push(line);
    });
    this.rl.on('close', () => {
      this.ended = true;
      if (this.waiting) {
        const resolve = this.waiting;
        this.waiting = undefined;
        resolve(undefined);
      }
    });
  }

  say(text: string): void {
    this.out.write(`${text}\n`);
  }

  close(): void {
    this.rl.close();
  }

  async select<V>(request: SelectRequest<V>): Promise<V> {
    const { answers, actions } = split(request.choices);
    this.say(this.style.bold(request.message));
    answers.forEach((c, i) => {
      const current = request.initial !== undefined && c.value === request.initial;
      this.say(`  ${String(i + 1).padStart(2)}) ${c.label}${current ? this.style.dim('  (current answer)') : ''}`);
    });
    if (actions.length) this.say(this.style.dim(`  ${actions.map((a) => `${a.key} ${a.label.toLowerCase()}`).join(' · ')}`));
    const hasInitial = request.initial !== undefined && answers.some((c) => c.value === request.initial);
    for (;;) {
      const line = (await this.ask(hasInitial ? 'Number (Enter keeps the current answer)' : 'Number')).trim();
      if (line === '' && hasInitial) return request.initial as V;
      const found = pick(line, answers, actions);
      if (found) return found.value;
      this.complain(line === '' ? `type a number from 1 to ${answers.length}` : `"${line}" is not one of the numbers 1 to ${answers.length}${actions.length ? ` or ${actions.map((a) => a.key).join(' ')}` : ''}`);
    }
  }

  async multiSelect<V>(request: MultiSelectRequest<V>): Promise<V[]> {
    const { answers, actions } = split(request.choices);
    const initial = request.initial ?? [];
    this.say(this.style.bold(request.message));
    answers.forEach((c, i) => {
      const ticked = initial.includes(c.value);
      this.say(`  ${String(i + 1).padStart(2)}) ${c.label}${ticked ? this.style.dim('  (ticked)') : ''}`);
    });
    if (actions.length) this.say(this.style.dim(`  ${actions.map((a) => `${a.key} ${a.label.toLowerCase()}`).join(' · ')}`));
    const hasInitial = initial.length > 0;
    for (;;) {
      const line = (await this.ask(`Numbers, separated by commas or spaces${hasInitial ? ' (Enter keeps the ticked ones)' : ''}`)).trim();
      let values: V[];
      if (line === '') {
        if (!hasInitial) {
          this.complain('type the numbers of every item that applies, such as 1,3');
          continue;
        }
        values = [...initial];
      } else {
        const action = actions.find((a) => a.key?.toLowerCase() === line.toLowerCase());
        if (action) return [action.value];
        const parts = line.split(/[\s,;]+/).filter(Boolean);
        const chosen = parts.map((p) => pick(p, answers, []));
        const bad = parts.find((_, i) => !chosen[i]);
        if (bad !== undefined) {
          this.complain(`"${bad}" is not one of the numbers 1 to ${answers.length}`);
          continue;
        }
        values = [...new Set(chosen.map((c) => (c as Choice<V>).value))];
      }
      const problem = request.validate?.(values);
      if (problem) {
        this.complain(problem);
        continue;
      }
      return values;
    }
  }

  async input(request: InputRequest): Promise<string> {
    this.say(this.style.bold(request.message));
    if (request.hint) this.say(this.style.dim(`  ${request.hint}`));
    for (;;) {
      const line = await this.ask(request.initial !== undefined && request.initial !== '' ? `Answer (Enter keeps "${request.initial}")` : 'Answer');
      const text = line.trim() === '' && request.initial !== undefined ? request.initial : line.trim();
      const problem = request.validate?.(text);
      if (problem) {
        this.complain(problem);
        continue;
      }
      return text;
    }
  }

  private complain(message: string): void {
    this.say(this.style.warn(`  ! ${message}`));
  }

  /** Writes the prompt and waits for the next line; EOF ends the interview. */
  private async ask(prompt: string): Promise<string> {
    this.out.write(`${this.style.accent('>')} ${this.style.dim(prompt)}: `);
    const line = await this.next();
    if (line === undefined) {
      this.out.write('\n');
      throw new PromptClosed('eof');
    }
    this.out.write(this.echo ? `${line}\n` : '');
    return line;
  }

  private next(): Promise<string | undefined> {
    if (this.lines.length) return Promise.resolve(this.lines.shift());
    if (this.ended) return Promise.resolve(undefined);
    return new Promise((resolve) => {
      this.waiting = resolve;
    });
  }
}

function split<V>(choices: readonly Choice<V>[]): { answers: Choice<V>[]; actions: Choice<V>[] } {
  return { answers: choices.filter((c) => c.key === undefined), actions: choices.filter((c) => c.key !== undefined) };
}

/** A typed entry: a number of an answer, an action's key, or an answer's value or label written out. */
function pick<V>(text: string, answers: readonly Choice<V>[], actions: readonly Choice<V>[]): Choice<V> | undefined {
  if (/^\d+$/.test(text)) return answers[Number(text) - 1];
  const lower = text.toLowerCase();
  return (
    actions.find((a) => a.key?.toLowerCase() === lower) ??
    answers.find((c) => c.label.toLowerCase() === lower) ??
    answers.find((c) => typeof c.value === 'string' && c.value.toLowerCase() === lower)
  );
}
