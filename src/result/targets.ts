import { DOMAIN_IDS, STAGES, type Stage } from '../model/taxonomy.js';
import { InputError, type Problem } from '../util/errors.js';
import { readStructured } from '../util/structured.js';
import type { AssessmentResult } from './result.js';

/** Desired levels: per domain, optionally refined per stage. */
export type Targets = Record<string, { level?: number; stages?: Partial<Record<Stage, number>> }>;

/**
 * Reads a targets file (JSON or YAML). Either `{ "FR": 3, "LC": 3 }` or, per stage,
 * `{ "LC": { "level": 3, "operation": 4 } }`; the map may also sit under a top-level `targets` key.
 */
export function loadTargets(file: string): Targets {
  const raw = readStructured(file);
  const map = raw && typeof raw === 'object' && 'targets' in raw ? (raw as { targets: unknown }).targets : raw;
  const problems: Problem[] = [];
  const targets: Targets = {};
  const isLevel = (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v) && v >= 0 && v <= 4;
  if (!map || typeof map !== 'object' || Array.isArray(map)) throw new InputError({ file, message: 'expected a map of domain id to target level, such as {"FR": 3, "LC": 3}' });
  for (const [domain, value] of Object.entries(map as Record<string, unknown>)) {
    const place = `targets.${domain}`;
    if (!DOMAIN_IDS.includes(domain)) {
      problems.push({ file, place, message: `unknown domain "${domain}" (known: ${DOMAIN_IDS.join(', ')})` });
      continue;
    }
    if (isLevel(value)) {
      targets[domain] = { level: value };
      continue;
    }
    if (!value || typeof value !== 'object' || Array.isArray(value)) {
      problems.push({ file, place, message: `${JSON.stringify(value)} is not a level from 0 to 4 or a map of stage to level` });
      continue;
    }
    const entry: Targets[string] = {};
    for (const [key, level] of Object.entries(value as Record<string, unknown>)) {
      if (!isLevel(level)) problems.push({ file, place: `${place}.${key}`, message: `${JSON.stringify(level)} is not a level from 0 to 4` });
      else if (key === 'level') entry.level = level;
      else if ((STAGES as readonly string[]).includes(key)) (entry.stages ??= {})[key as Stage] = level;
      else problems.push({ file, place: `${place}.${key}`, message: `unknown key "${key}" (level, ${STAGES.join(', ')})` });
    }
    targets[domain] = entry;
  }
  if (problems.length) throw new InputError(problems);
  return targets;
}

/** The result with targets recorded and the gap (target minus level) on each domain and stage cell. */
export function applyTargets(result: AssessmentResult, targets: Targets): AssessmentResult {
  const domains = result.domains.map((d) => {
    const t = targets[d.id];
    if (!t) return d;
    const gapTo = (level: number | null, target: number) => (level === null ? null : Math.max(0, target - level));
    const stages = { ...d.stages };
    for (const s of STAGES) {
      const target = t.stages?.[s] ?? t.level;
      if (target !== undefined) stages[s] = { ...d.stages[s], target, gap: gapTo(d.stages[s].level, target) };
    }
    return { ...d, ...(t.level !== undefined ? { target: t.level, gap: gapTo(d.level, t.level) } : {}), stages };
  });
  return { ...result, targets, domains };
}
