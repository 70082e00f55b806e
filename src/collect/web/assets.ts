import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { RunError } from '../../util/errors.js';
import { fromPackage } from '../../util/files.js';

/** A file the server sends as it is: its bytes (read once, at start) and its content type. */
export interface Asset {
  body: Buffer;
  type: string;
}

const JS = 'text/javascript; charset=utf-8';
const CSS = 'text/css; charset=utf-8';

/**
 * The only files the server ever reads for a request: a fixed map from URL path to file, read into
 * memory when the server starts. No part of a request's path is ever joined to a folder.
 */
export function loadAssets(): Map<string, Asset> {
  const surveyCore = packageDir('survey-core');
  const surveyUi = packageDir('survey-js-ui');
  const own = (name: string) => fromPackage('src', 'collect', 'web', 'static', name);
  const files: [string, string, string][] = [
    ['/assets/survey.core.min.js', join(surveyCore, 'survey.core.min.js'), JS],
    ['/assets/survey-js-ui.min.js', join(surveyUi, 'survey-js-ui.min.js'), JS],
    ['/assets/survey-core.fontless.min.css', join(surveyCore, 'survey-core.fontless.min.css'), CSS],
    ['/assets/form.js', own('form.js'), JS],
    ['/assets/irready.css', own('irready.css'), CSS],
  ];
  const assets = new Map<string, Asset>();
  for (const [path, file, type] of files) {
    try {
      assets.set(path, { body: readFileSync(file), type });
    } catch (err) {
      throw new RunError(`${file}: cannot be read for the web form (${(err as NodeJS.ErrnoException).code ?? err}); reinstall irready's dependencies`);
    }
  }
  return assets;
}

/**
 * The folder of an installed package. survey-core and survey-js-ui do not export their package.json,
 * so resolve the package's main file (which sits in the package's root folder) and take its folder.
 */
function packageDir(name: string): string {
  const require = createRequire(import.meta.url);
  let main: string;
  try {
    main = require.resolve(name);
  } catch {
    throw new RunError(`the web form needs the package ${name}, which is not installed; run npm install`);
  }
  const dir = dirname(main);
  const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { name?: string };
  if (pkg.name !== name) throw new RunError(`${dir}: expected the root folder of ${name}`);
  return dir;
}
