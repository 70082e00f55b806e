import type { ErrorObject, ValidateFunction } from 'ajv';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fromPackage } from './files.js';
import type { JsonPath } from './locate.js';

const require = createRequire(import.meta.url);
const compiled = new Map<string, ValidateFunction>();

export const SCHEMA_NAMES = ['rules', 'result', 'offer', 'handover'] as const;

export function schemaText(name: string): string {
  return readFileSync(fromPackage('src', 'schemas', `${name}.schema.json`), 'utf8');
}

export function schemaHash(text: string): string {
  return createHash('sha256').update(text).digest('hex').slice(0, 16);
}

/** The path of the validator that `npm run build` precompiles for a schema. */
export function precompiledPath(name: string): string {
  return fromPackage('dist', 'validators', `${name}.cjs`);
}

/** Ajv set up as irready uses it: every error, strict about the schemas themselves. */
export function createAjv(options: Record<string, unknown> = {}) {
  const Ajv2020 = require('ajv/dist/2020').default;
  const addFormats = require('ajv-formats');
  const ajv = new Ajv2020({ allErrors: true, strict: true, strictRequired: false, strictTypes: false, allowUnionTypes: true, ...options });
  addFormats(ajv);
  return ajv;
}

/**
 * A JSON Schema validator for one of the schemas in src/schemas/. Compiling a schema with Ajv costs
 * about 0.2 s, so the build precompiles each into dist/validators/; that file is used while its
 * recorded hash matches the schema, and Ajv compiles the schema otherwise.
 */
export function schemaValidator(name: string): ValidateFunction {
  let validate = compiled.get(name);
  if (validate) return validate;
  const text = schemaText(name);
  const file = precompiledPath(name);
  if (existsSync(file)) {
    const module = require(file) as { default: ValidateFunction; schemaHash: string };
    if (module.schemaHash === schemaHash(text)) validate = module.default;
  }
  validate ??= createAjv().compile(JSON.parse(text)) as ValidateFunction;
  compiled.set(name, validate);
  return validate;
}

export interface SchemaProblem {
  path: JsonPath;
  message: string;
}

/**
 * Schema errors as few readable problems: for a failed oneOf, ajv reports every branch;
 * we keep the deepest errors, which name the actual mistake.
 */
export function schemaProblems(errors: readonly ErrorObject[] | null | undefined): SchemaProblem[] {
  if (!errors?.length) return [];
  const useful = errors.filter((e) => !['oneOf', 'anyOf', 'allOf', 'if'].includes(e.keyword));
  const list = useful.length ? useful : errors;
  const seen = new Set<string>();
  const out: SchemaProblem[] = [];
  for (const e of list) {
    const path: JsonPath = e.instancePath.split('/').slice(1).map((p) => (/^\d+$/.test(p) ? Number(p) : p.replace(/~1/g, '/').replace(/~0/g, '~')));
    let message = e.message ?? 'is invalid';
    if (e.keyword === 'additionalProperties' || e.keyword === 'unevaluatedProperties') {
      const extra = (e.params as { additionalProperty?: string; unevaluatedProperty?: string }).additionalProperty ?? (e.params as { unevaluatedProperty?: string }).unevaluatedProperty;
      message = `unknown field "${extra}"`;
    } else if (e.keyword === 'enum') message = `must be one of ${(e.params as { allowedValues: unknown[] }).allowedValues.map((v) => JSON.stringify(v)).join(', ')}`;
    const key = `${e.instancePath}|${message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push({ path, message });
  }
  return out;
}
