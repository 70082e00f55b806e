import { InputError } from '../util/errors.js';
import { readText } from '../util/files.js';
import { locateInJson, formatPath } from '../util/locate.js';
import { schemaProblems, schemaValidator } from '../util/schema.js';
import { SCHEMA_VERSION, type AssessmentResult } from './result.js';

/** True when a parsed JSON file looks like a result rather than answers. */
export function isResult(json: unknown): boolean {
  return typeof json === 'object' && json !== null && 'schemaVersion' in json;
}

/** Checks a result object against the published schema; throws InputError naming every problem. */
export function checkResult(json: unknown, file: string, sourceText?: () => string): AssessmentResult {
  const version = (json as { schemaVersion?: unknown }).schemaVersion;
  if (typeof version === 'string' && version.split('.')[0] !== SCHEMA_VERSION.split('.')[0]) {
    throw new InputError({ file, place: 'schemaVersion', message: `result schema ${version} cannot be read by this version of the tool (it reads ${SCHEMA_VERSION.split('.')[0]}.x)` });
  }
  const validate = schemaValidator('result');
  if (!validate(json)) {
    const text = sourceText?.() ?? readText(file);
    throw new InputError(schemaProblems(validate.errors).map((p) => ({ file, ...locateInJson(text, p.path), place: formatPath(p.path) || undefined, message: p.message })));
  }
  return json as AssessmentResult;
}
