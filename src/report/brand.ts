import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { InputError, type Problem } from '../util/errors.js';
import { readStructured } from '../util/structured.js';

export interface Logo {
  type: 'png' | 'jpeg' | 'svg';
  data: Buffer;
}

/** How reports look for one consultancy: name, logo, accent colour, classification marking, footer text. */
export interface Brand {
  name?: string;
  logo?: Logo;
  accent: string;
  marking: string;
  footer?: string;
}

export const DEFAULT_BRAND: Brand = { accent: '#1f5f8b', marking: 'TLP:AMBER' };

const KEYS = ['name', 'logo', 'accent', 'marking', 'footer'];

/** Reads a brand file (JSON or YAML); the logo path is relative to the brand file. */
export function loadBrand(file: string): Brand {
  const raw = readStructured(file);
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) throw new InputError({ file, message: `expected a map with any of ${KEYS.join(', ')}` });
  const map = raw as Record<string, unknown>;
  const problems: Problem[] = [];
  const text = (key: string, max: number) => {
    const v = map[key];
    if (v === undefined) return undefined;
    if (typeof v !== 'string' || v.trim() === '' || v.length > max) {
      problems.push({ file, place: key, message: `must be text of 1 to ${max} characters` });
      return undefined;
    }
    return v.trim();
  };
  for (const key of Object.keys(map)) if (!KEYS.includes(key)) problems.push({ file, place: key, message: `unknown field "${key}" (fields: ${KEYS.join(', ')})` });
  const brand: Brand = { ...DEFAULT_BRAND };
  const name = text('name', 120);
  if (name) brand.name = name;
  const marking = text('marking', 60);
  if (marking) brand.marking = marking;
  const footer = text('footer', 200);
  if (footer) brand.footer = footer;
  const accent = text('accent', 7);
  if (accent !== undefined) {
    if (/^#[0-9a-fA-F]{6}$/.test(accent)) brand.accent = accent.toLowerCase();
    else problems.push({ file, place: 'accent', message: `"${accent}" is not a colour such as "#1f5f8b"` });
  }
  const logo = text('logo', 500);
  if (logo) {
    const path = resolve(dirname(file), logo);
    try {
      brand.logo = readLogo(path);
    } catch (err) {
      problems.push({ file, place: 'logo', message: err instanceof InputError ? err.problems[0].message : `cannot read ${path}` });
    }
  }
  if (problems.length) throw new InputError(problems);
  return brand;
}

/** Reads a logo and recognises PNG, JPEG or SVG by its content, not its name. */
export function readLogo(path: string): Logo {
  let data: Buffer;
  try {
    data = readFileSync(path);
  } catch {
    throw new InputError({ file: path, message: 'logo file not found' });
  }
  if (data.length > 2_000_000) throw new InputError({ file: path, message: 'logo is larger than 2 MB' });
  if (data.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))) return { type: 'png', data };
  if (data[0] === 0xff && data[1] === 0xd8 && data[2] === 0xff) return { type: 'jpeg', data };
  const head = data.subarray(0, 1024).toString('utf8');
  if (/<svg[\s>]/.test(head)) {
    if (/<script|\son\w+\s*=|javascript:/i.test(data.toString('utf8'))) throw new InputError({ file: path, message: 'an SVG logo must not contain scripts or event handlers' });
    return { type: 'svg', data };
  }
  throw new InputError({ file: path, message: 'logo must be a PNG, JPEG or SVG image' });
}

export function logoDataUri(logo: Logo): string {
  const mime = logo.type === 'svg' ? 'image/svg+xml' : `image/${logo.type}`;
  return `data:${mime};base64,${logo.data.toString('base64')}`;
}
