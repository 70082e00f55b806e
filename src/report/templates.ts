import Handlebars from 'handlebars';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { InputError, RunError } from '../util/errors.js';
import { fromPackage, readText } from '../util/files.js';

export const DEFAULT_TEMPLATES = fromPackage('templates');

/**
 * Compiles the templates of one format (a folder with report.hbs and partials/*.hbs). A folder given by
 * the user overrides the built-in files one by one: copy only the partial you want to change.
 */
export function compileTemplates(format: string, helpers: Record<string, Handlebars.HelperDelegate>, overrideDir?: string, escape = false) {
  const hb = Handlebars.create();
  for (const [name, fn] of Object.entries(helpers)) hb.registerHelper(name, fn);
  const pick = (relative: string) => {
    const custom = overrideDir ? join(overrideDir, format, relative) : undefined;
    return custom && existsSync(custom) ? custom : join(DEFAULT_TEMPLATES, format, relative);
  };
  const partialNames = new Set<string>();
  for (const dir of [join(DEFAULT_TEMPLATES, format, 'partials'), overrideDir ? join(overrideDir, format, 'partials') : '']) {
    if (dir && existsSync(dir)) for (const f of readdirSync(dir)) if (f.endsWith('.hbs')) partialNames.add(f.slice(0, -4));
  }
  const compileFile = (file: string) => {
    try {
      return hb.compile(readText(file), { strict: true, noEscape: !escape });
    } catch (err) {
      throw new InputError({ file, message: `template error: ${(err as Error).message.split('\n')[0]}` });
    }
  };
  for (const name of [...partialNames].sort()) {
    const file = pick(join('partials', `${name}.hbs`));
    hb.registerPartial(name, compileFile(file));
  }
  const mainFile = pick('report.hbs');
  const main = compileFile(mainFile);
  return (view: unknown): string => {
    try {
      return main(view);
    } catch (err) {
      const message = (err as Error).message.split('\n')[0];
      throw overrideDir ? new InputError({ file: overrideDir, message: `template failed: ${message}` }) : new RunError(`template ${mainFile} failed: ${message}`);
    }
  };
}
