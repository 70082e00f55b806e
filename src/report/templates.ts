import type { HelperDelegate, TemplateDelegate } from 'handlebars';
import { existsSync, readdirSync, realpathSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, sep } from 'node:path';
import { cached, contentKey } from '../util/cache.js';
import { InputError, RunError } from '../util/errors.js';
import { fromPackage, readText } from '../util/files.js';

export const DEFAULT_TEMPLATES = fromPackage('templates');
const require = createRequire(import.meta.url);

type Runtime = typeof import('handlebars');

/**
 * Compiles the templates of one format (a folder with report.hbs and partials/*.hbs). A folder given by
 * the user overrides the built-in files one by one: copy only the partial you want to change.
 *
 * Compiling Handlebars is the slowest step of a report, so compiled templates are cached by their text;
 * a cached template needs only the small Handlebars runtime.
 */
export function compileTemplates(format: string, helpers: Record<string, HelperDelegate>, overrideDir?: string, escape = false) {
  const runtime = (require('handlebars/runtime') as { default: Runtime }).default;
  const hb = runtime.create();
  for (const [name, fn] of Object.entries(helpers)) hb.registerHelper(name, fn);
  const root = overrideDir && existsSync(overrideDir) ? realpathSync(overrideDir) : undefined;
  const pick = (relative: string) => {
    const custom = overrideDir ? join(overrideDir, format, relative) : undefined;
    if (!custom || !existsSync(custom)) return join(DEFAULT_TEMPLATES, format, relative);
    // A link inside the folder must not pull a file from elsewhere (a key, a password file) into a report.
    if (!root || !realpathSync(custom).startsWith(root + sep)) throw new InputError({ file: custom, message: `is a link to a file outside the templates folder ${overrideDir}` });
    return custom;
  };
  const partialNames = new Set<string>();
  for (const dir of [join(DEFAULT_TEMPLATES, format, 'partials'), overrideDir ? join(overrideDir, format, 'partials') : '']) {
    if (dir && existsSync(dir)) for (const f of readdirSync(dir)) if (f.endsWith('.hbs')) partialNames.add(f.slice(0, -4));
  }
  const options = { strict: true, noEscape: !escape };
  const load = (file: string): TemplateDelegate => {
    const text = readText(file);
    const spec = cached(`template-${contentKey(runtime.VERSION, JSON.stringify(options), text)}.js`, () => {
      try {
        return (require('handlebars') as Runtime).precompile(text, options) as string;
      } catch (err) {
        throw new InputError({ file, message: `template error: ${(err as Error).message.split('\n')[0]}` });
      }
    });
    // The spec is JavaScript that Handlebars generated from the template text.
    return hb.template(new Function(`return ${spec}`)());
  };
  for (const name of [...partialNames].sort()) hb.registerPartial(name, load(pick(join('partials', `${name}.hbs`))));
  const mainFile = pick('report.hbs');
  const main = load(mainFile);
  return (view: unknown): string => {
    try {
      return main(view);
    } catch (err) {
      const message = (err as Error).message.split('\n')[0];
      throw overrideDir ? new InputError({ file: overrideDir, message: `template failed: ${message}` }) : new RunError(`template ${mainFile} failed: ${message}`);
    }
  };
}
