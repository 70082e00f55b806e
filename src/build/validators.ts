/**
 * Build step (run by `npm run build` after tsc): precompiles every JSON Schema in src/schemas/ into a
 * standalone validator in dist/validators/, so that commands do not compile schemas at run time.
 */
import { createRequire } from 'node:module';
import { createAjv, precompiledPath, SCHEMA_NAMES, schemaHash, schemaText } from '../util/schema.js';
import { writeFileAtomic } from '../util/files.js';

const require = createRequire(import.meta.url);
const standaloneCode = require('ajv/dist/standalone').default;

for (const name of SCHEMA_NAMES) {
  const text = schemaText(name);
  const ajv = createAjv({ code: { source: true } });
  const validate = ajv.compile(JSON.parse(text));
  const code = `${standaloneCode(ajv, validate)}\nmodule.exports.schemaHash = ${JSON.stringify(schemaHash(text))};\n`;
  writeFileAtomic(precompiledPath(name), code);
}
