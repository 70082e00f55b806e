// Seeded generator of valid answers files over the built-in questionnaire (needs `npm run build`).
//   node test/bench/generate.mjs [count=100] [seed=1] [dir=<new temp dir>]   -> prints the folder
// The same count and seed always give the same files. Each organisation has a hidden "maturity" so that
// organisations differ; answers cluster around it. Organisation names are unique.
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = fileURLToPath(new URL('../..', import.meta.url));

/** mulberry32: a small, fast 32-bit PRNG; returns floats in [0, 1). */
export function mulberry32(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const FIRST = ['Nor', 'Ost', 'Vest', 'Sud', 'Alt', 'Neu', 'Berg', 'Lind', 'Mar', 'Sol', 'Fjell', 'Kron', 'Hav', 'Rosen', 'Eik'];
const SECOND = ['vik', 'berg', 'dal', 'holm', 'stad', 'feld', 'haven', 'mark', 'by', 'land'];
const KIND = ['Logistics', 'Health', 'Energy', 'Bank', 'Insurance', 'Kommune', 'Water', 'Retail', 'Telecom', 'Manufacturing'];
const ROLES = ['CISO', 'Head of IT', 'IR lead', 'IT manager', 'Security officer'];

/** One valid answers document. */
export function answersFor(plan, rand, index) {
  const pick = (xs) => xs[Math.floor(rand() * xs.length)];
  const maturity = rand() * 4; // where this organisation's answers cluster, 0-4
  const choiceValue = (c) => (c.numeric ? Number(c.value) : c.value);
  const pickChoice = (choices) => {
    const target = Math.min(4, Math.max(0, maturity + (rand() - 0.5) * 2));
    const weights = choices.map((c) => (c.score === undefined ? 0.05 : Math.exp(-2 * Math.abs(c.score - target))));
    let r = rand() * weights.reduce((a, b) => a + b, 0);
    for (let i = 0; i < choices.length; i++) if ((r -= weights[i]) <= 0) return choices[i];
    return choices[choices.length - 1];
  };
  const data = {};
  for (const q of plan.questions) {
    if (rand() < 0.04) continue; // left unanswered
    switch (q.kind) {
      case 'choice':
        if (q.choices.length) data[q.name] = choiceValue(pickChoice(q.choices));
        break;
      case 'boolean':
        data[q.name] = rand() < 0.25 + maturity / 6;
        break;
      case 'number': {
        const min = q.min ?? 0;
        const max = q.max ?? min + 100;
        data[q.name] = Math.round(min + rand() * (max - min));
        break;
      }
      case 'checklist': {
        if (q.allowNone && rand() < 0.05) data[q.name] = ['none'];
        else {
          const share = Math.min(1, 0.15 + maturity / 4.5);
          const chosen = q.choices.filter(() => rand() < share).map(choiceValue);
          data[q.name] = chosen.length ? chosen : q.choices.length ? [choiceValue(q.choices[0])] : [];
        }
        break;
      }
      case 'matrix': {
        const value = {};
        for (const row of q.rows) if (rand() < 0.9 && q.choices.length) value[row.value] = choiceValue(pickChoice(q.choices));
        data[q.name] = value;
        break;
      }
      case 'text':
        data[q.name] = `Generated note ${index}`;
        break;
    }
  }
  const name = `${pick(FIRST)}${pick(SECOND)} ${pick(KIND)} ${String(index + 1).padStart(4, '0')}`;
  return {
    questionnaire: { id: plan.id, version: plan.version },
    organization: { name },
    respondent: { name: `Respondent ${index + 1}`, role: pick(ROLES) },
    description: `Generated engagement ${index + 1} (maturity ${maturity.toFixed(2)}).`,
    data,
  };
}

/** Writes `count` answers files into `dir` (made when absent) and returns their paths. */
export async function generate({ count = 100, seed = 1, dir } = {}) {
  const lib = await import(pathToFileURL(join(root, 'dist', 'index.js')).href);
  const plan = lib.createAssessor().plan;
  const out = dir ?? mkdtempSync(join(tmpdir(), 'irready-gen-'));
  mkdirSync(out, { recursive: true });
  const rand = mulberry32(seed);
  const files = [];
  for (let i = 0; i < count; i++) {
    const file = join(out, `engagement-${String(i + 1).padStart(4, '0')}.json`);
    writeFileSync(file, `${JSON.stringify(answersFor(plan, rand, i), null, 2)}\n`);
    files.push(file);
  }
  return { dir: out, files };
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const [count = '100', seed = '1', dir] = process.argv.slice(2);
  const { dir: out } = await generate({ count: Number(count), seed: Number(seed), dir });
  console.log(out);
}
