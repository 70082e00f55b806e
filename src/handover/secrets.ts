import type { JsonPath } from '../util/locate.js';

/**
 * A handover file passes between organisations and is kept for years: it names accounts and keys but
 * must never hold one. This scan runs after the schema and refuses anything that looks like a secret,
 * naming its JSON path and the kind of secret, never its value.
 */

export interface SecretFinding {
  path: JsonPath;
  message: string;
}

/** Field names that announce a secret: password, passwd, secret, token, apiKey, privateKey, credential(s). */
const SECRET_NAME = /pass(word|wd|phrase)?$|^passwd|secret|token|api[-_]?key|private[-_]?key|credential|^pwd$/i;

/** Fields whose values are written by people in sentences: the entropy test does not apply to them. */
export const FREE_TEXT_FIELDS: ReadonlySet<string> = new Set([
  'note', 'description', 'protect', 'trigger', 'removal', 'nextStep', 'title', 'name', 'target', 'penalty', 'compensation',
  'availability', 'hours', 'role', 'preparedBy', 'who', 'within', 'access',
]);

/** Fields that hold a hash by design (checked by the schema's pattern). */
const HASH_FIELDS: ReadonlySet<string> = new Set(['sha256']);

const PEM_PRIVATE_KEY = /-----BEGIN (?:[A-Z0-9]+ )*PRIVATE KEY(?: BLOCK)?-----/;
const AWS_ACCESS_KEY = /(?<![A-Z0-9])(?:AKIA|ASIA|AGPA|AIDA|AROA|ANPA|ANVA|AIPA)[A-Z0-9]{16}(?![A-Z0-9])/;
const BEARER = /\bbearer\s+[A-Za-z0-9\-._~+/]{12,}=*/i;
/** Tokens with a published prefix: GitHub, Slack, Stripe, Google API keys. */
const PREFIXED_TOKEN = /\b(?:gh[pousr]_[A-Za-z0-9]{20,}|github_pat_[A-Za-z0-9_]{20,}|xox[abposr]-[A-Za-z0-9-]{10,}|[sr]k_(?:live|test)_[A-Za-z0-9]{16,}|AIza[0-9A-Za-z_-]{35})/;
const JWT = /\beyJ[A-Za-z0-9_-]{8,}\.eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}/;
/** user:password@ in a URL. */
const URL_PASSWORD = /[a-z][a-z0-9+.-]*:\/\/[^\s/:@]+:[^\s/@]+@/i;

/** Shannon entropy in bits per character. */
export function entropy(text: string): number {
  const counts = new Map<string, number>();
  for (const ch of text) counts.set(ch, (counts.get(ch) ?? 0) + 1);
  let bits = 0;
  const n = [...text].length;
  for (const c of counts.values()) bits -= (c / n) * Math.log2(c / n);
  return bits;
}

/** The share of a string made of word-like runs ("Chain", "custody", "Register"), which random keys lack. */
function wordShare(text: string): number {
  let covered = 0;
  for (const m of text.matchAll(/[A-Z]?[a-z]{3,}|[A-Z]{3,}(?![a-z])/g)) covered += m[0].length;
  return text.length ? covered / text.length : 0;
}

/**
 * True for a run of characters that looks random: a key, token or password rather than a word, a name,
 * an identifier or a path. The string is cut at the characters that separate words in paths, addresses
 * and names; a piece of 20 or more characters that mixes letters with digits, has high entropy and is
 * not mostly made of words counts as random, as does long hex and a long unbroken base64 run.
 */
export function looksRandom(value: string): boolean {
  for (const token of value.split(/\s+/)) {
    if (token.length >= 30 && /^[A-Za-z0-9+/=_-]+$/.test(token) && /\d/.test(token) && entropy(token) >= 4.2 && wordShare(token) < 0.5) return true;
  }
  for (const piece of value.split(/[\s/\\:?&=#,;@.()[\]{}'"|<>!*_-]+/)) {
    if (piece.length < 20) continue;
    const digits = (piece.match(/\d/g) ?? []).length;
    const e = entropy(piece);
    if (/^[0-9a-f]{32,}$/i.test(piece) && e >= 3.2) return true; // hex keys and digests
    if (wordShare(piece) >= 0.5) continue;
    if (/[A-Za-z]/.test(piece) && digits >= 2 && e >= 3.7) return true; // base62 / base64 tokens
  }
  return false;
}

/** Every place in a parsed handover file that holds something that looks like a secret. */
export function findSecrets(doc: unknown): SecretFinding[] {
  const out: SecretFinding[] = [];
  const visit = (value: unknown, path: JsonPath, field: string | undefined): void => {
    if (Array.isArray(value)) {
      value.forEach((v, i) => visit(v, [...path, i], field));
      return;
    }
    if (value !== null && typeof value === 'object') {
      for (const [key, v] of Object.entries(value)) {
        const at = [...path, key];
        if (SECRET_NAME.test(key) && !isEmpty(v)) {
          out.push({ path: at, message: `looks like a secret: a field named "${key}" with a value; a handover file names accounts and keys but never holds passwords, tokens or keys (remove the value, or the field)` });
          continue;
        }
        visit(v, at, key);
      }
      return;
    }
    if (typeof value !== 'string') return;
    const kind = secretKind(value, field);
    if (kind) out.push({ path, message: `looks like a secret (${kind}); a handover file names accounts and keys but never holds them: remove it and hand the secret over by a secure channel, or rotate it` });
  };
  visit(doc, [], undefined);
  return out;
}

function isEmpty(v: unknown): boolean {
  return v === undefined || v === null || v === '' || v === false || (Array.isArray(v) && v.length === 0) || (typeof v === 'object' && v !== null && Object.keys(v).length === 0);
}

/** The kind of secret a string holds, or undefined. `field` is the name of the field that holds it. */
export function secretKind(value: string, field?: string): string | undefined {
  if (PEM_PRIVATE_KEY.test(value)) return 'a PEM private key block';
  if (AWS_ACCESS_KEY.test(value)) return 'an AWS access key id';
  if (BEARER.test(value)) return 'a bearer token';
  if (JWT.test(value)) return 'a JSON Web Token';
  if (PREFIXED_TOKEN.test(value)) return 'an access token';
  if (URL_PASSWORD.test(value)) return 'a password in an address';
  if (field === '$schema' || (field !== undefined && (FREE_TEXT_FIELDS.has(field) || HASH_FIELDS.has(field)))) return undefined;
  if (looksRandom(value)) return 'a long random string, such as a key or token';
  return undefined;
}
