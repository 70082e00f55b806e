import type { Readable, Writable } from 'node:stream';
import { LinePrompter } from './line-prompter.js';
import { makeStyle, useColor, type Prompter, type Style } from './prompter.js';

/**
 * Picks the prompter for the streams at hand: the arrow-key prompts when both ends are a terminal
 * (and TERM is not "dumb"), else the line-based one. `plain` forces the line-based one.
 */
export async function openPrompter(options: {
  input?: Readable & { isTTY?: boolean };
  output?: Writable & { isTTY?: boolean };
  plain?: boolean;
  env?: NodeJS.ProcessEnv;
}): Promise<{ prompter: Prompter; style: Style }> {
  const input = options.input ?? process.stdin;
  const output = options.output ?? process.stdout;
  const env = options.env ?? process.env;
  const style = makeStyle(useColor(output, env));
  const interactive = !options.plain && input.isTTY === true && output.isTTY === true && env.TERM !== 'dumb';
  if (interactive) {
    const { TtyPrompter } = await import('./tty-prompter.js');
    return { prompter: new TtyPrompter(output as NodeJS.WriteStream), style };
  }
  return { prompter: new LinePrompter({ input, output, echo: input.isTTY !== true, style }), style };
}
