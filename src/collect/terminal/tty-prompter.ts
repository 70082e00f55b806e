import { checkbox, input, select, Separator } from '@inquirer/prompts';
import { PromptClosed, type Choice, type InputRequest, type MultiSelectRequest, type Prompter, type SelectRequest } from './prompter.js';

/**
 * A prompter for an interactive terminal, built on @inquirer/prompts: arrow keys to choose, space to
 * tick, the actions listed under a separator. Colours follow NO_COLOR and the terminal (node's styleText).
 */
export class TtyPrompter implements Prompter {
  readonly interactive = true;
  private readonly pageSize: number;

  constructor(private readonly output: NodeJS.WriteStream = process.stdout) {
    this.pageSize = Math.max(7, Math.min(20, (output.rows ?? 24) - 6));
  }

  say(text: string): void {
    this.output.write(`${text}\n`);
  }

  close(): void {
    // inquirer releases the terminal after each prompt; nothing is held between prompts.
  }

  async select<V>(request: SelectRequest<V>): Promise<V> {
    const { answers, actions } = split(request.choices);
    return guard(() =>
      select<V>({
        message: request.message,
        choices: [...answers.map(item), ...(actions.length ? [new Separator(), ...actions.map(item)] : [])],
        ...(request.initial !== undefined && answers.some((c) => c.value === request.initial) ? { default: request.initial } : {}),
        pageSize: this.pageSize,
        loop: false,
      }),
    );
  }

  async multiSelect<V>(request: MultiSelectRequest<V>): Promise<V[]> {
    const { answers, actions } = split(request.choices);
    const isAction = (v: V) => actions.some((a) => a.value === v);
    const initial = request.initial ?? [];
    return guard(() =>
      checkbox<V>({
        message: request.message,
        choices: [
          ...answers.map((c) => ({ ...item(c), checked: initial.includes(c.value) })),
          ...(actions.length ? [new Separator(), ...actions.map(item)] : []),
        ],
        pageSize: this.pageSize,
        loop: false,
        shortcuts: { all: null, invert: null }, // "all" would tick the actions too
        validate: (ticked) => {
          const values = ticked.map((c) => c.value);
          if (values.length === 0) return 'tick every item that applies (space), then press Enter';
          if (values.some(isAction)) return values.length === 1 ? true : `choose "${actions.find((a) => values.includes(a.value))?.label}" on its own`;
          return request.validate?.(values) ?? true;
        },
      }),
    );
  }

  async input(request: InputRequest): Promise<string> {
    return guard(async () =>
      (
        await input({
          message: request.hint ? `${request.message}\n  ${request.hint}\n ` : request.message,
          ...(request.initial !== undefined && request.initial !== '' ? { default: request.initial } : {}),
          validate: (text) => request.validate?.(text.trim()) ?? true,
        })
      ).trim(),
    );
  }
}

function split<V>(choices: readonly Choice<V>[]): { answers: Choice<V>[]; actions: Choice<V>[] } {
  return { answers: choices.filter((c) => c.key === undefined), actions: choices.filter((c) => c.key !== undefined) };
}

function item<V>(c: Choice<V>): { value: V; name: string } {
  return { value: c.value, name: c.key ? `${c.label}` : c.label };
}

/** inquirer ends a prompt on Ctrl-C (or a closed input) with ExitPromptError; the interview stops cleanly. */
async function guard<T>(run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (err) {
    const name = (err as Error)?.name;
    if (name === 'ExitPromptError' || name === 'AbortPromptError') throw new PromptClosed('interrupt');
    throw err;
  }
}
