// Speed figures for irready: `npm run bench` (builds first). Prints one table; no pass/fail.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../..', import.meta.url));
const bin = join(root, 'bin', 'irready.js');
const example = join(root, 'examples', 'midsize-8x5-team.json');
const lib = await import(join(root, 'dist', 'index.js'));
// The copy of survey-core that irready loads, on which it registers its scoring properties.
const { Model } = lib.surveyCore();

const rows = [];
const row = (what, value, target = '') => rows.push([what, value, target]);
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

// 1. Scoring throughput on a warm plan: answers files scored and decided per second, one core.
const assessor = lib.createAssessor();
const answers = assessor.load(example);
const perSecond = (fn, ms = 2000) => {
  for (let i = 0; i < 200; i++) fn(); // warm-up
  let n = 0;
  const start = performance.now();
  while (performance.now() - start < ms) {
    fn();
    n++;
  }
  return (n * 1000) / (performance.now() - start);
};
const scoreOnly = perSecond(() => lib.scoreAnswers(assessor.plan, answers.data));
const assessRate = perSecond(() => assessor.assess(answers, { generatedAt: '2026-01-01T00:00:00.000Z' }));
row('score one answers file (compiled plan), per second', scoreOnly.toFixed(0), '>= 5,000');
row('score + decide (with "what would change this"), per second', assessRate.toFixed(0));

// The alternative the plan replaces: a SurveyJS model per answers file (here only to evaluate visibility).
const questionnaire = JSON.parse(readFileSync(join(root, 'questionnaires', 'ir-outsourcing-readiness.json'), 'utf8'));
lib.registerScoringProperties();
const modelRate = perSecond(() => {
  const model = new Model(questionnaire);
  model.data = answers.data;
  model.getAllQuestions().filter((q) => q.isVisible).length;
}, 3000);
row('SurveyJS model per answers file, per second', modelRate.toFixed(1));
row('compiled plan vs model per file (speed-up)', `${(scoreOnly / modelRate).toFixed(0)}x`);

// 2. Whole commands from a cold process (a new node each time), median of several runs.
const work = mkdtempSync(join(tmpdir(), 'irready-bench-'));
const cacheDir = join(work, 'cache');
const run = (args, env = {}) => {
  const start = performance.now();
  const r = spawnSync(process.execPath, [bin, ...args], { cwd: work, env: { ...process.env, IRREADY_CACHE_DIR: cacheDir, ...env }, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`irready ${args.join(' ')} failed: ${r.stderr}`);
  return performance.now() - start;
};
const times = (n, args, env) => Array.from({ length: n }, () => run(args, env));
const nodeOnly = median(Array.from({ length: 7 }, () => {
  const start = performance.now();
  spawnSync(process.execPath, ['-e', '0']);
  return performance.now() - start;
}));
const report = ['report', example, '--format', 'json,md', '--out-dir', join(work, 'out')];
const first = run(report, { IRREADY_NO_CACHE: '1' });
run(report); // fills the cache
row('node -e 0 (the floor for any command), ms', nodeOnly.toFixed(0));
row('irready --help, cold process, ms', median(times(7, ['--help'])).toFixed(0), '< 150');
row('irready report --format json,md, cold process, ms', median(times(7, report)).toFixed(0), '< 500');
row('  the same without the definitions/template cache, ms', first.toFixed(0));

// 3. The board report: PDF + HTML from a cold process, against headless Chromium printing the same HTML.
const pdfHtml = median(times(5, ['report', example, '--format', 'pdf,html', '--out-dir', join(work, 'board')]));
row('irready report --format pdf,html, cold process, ms', pdfHtml.toFixed(0), '< 800');
const chromium = ['/usr/bin/chromium', '/usr/bin/chromium-browser'].find((c) => existsSync(c));
if (chromium) {
  const html = join(work, 'board', readdirSync(join(work, 'board')).find((f) => f.endsWith('.html')));
  const print = (i) => {
    const start = performance.now();
    const r = spawnSync(chromium, ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run', '--no-pdf-header-footer', `--user-data-dir=${join(work, `chromium-${i}`)}`, `--print-to-pdf=${join(work, `chromium-${i}.pdf`)}`, `file://${html}`], { stdio: 'ignore' });
    if (r.status !== 0) throw new Error('chromium failed to print');
    return performance.now() - start;
  };
  const chromeMs = median([0, 1, 2].map(print));
  row('headless Chromium printing the same HTML to PDF, cold, ms', chromeMs.toFixed(0));
  row('Chromium time / irready pdf+html time', `${(chromeMs / pdfHtml).toFixed(1)}x`, '>= 5x');
} else {
  row('headless Chromium printing the same HTML to PDF', 'n/a (no chromium)');
}
// 4. The PDF renderer in a warm process (CPU time, so that other load on the machine counts less):
//    pdfmake with irready's fast paths (src/report/pdfmake-speed.ts) against stock pdfmake.
const warmPdf = (stock) => {
  const r = spawnSync(process.execPath, [join(root, 'test', 'bench', 'pdf-warm.mjs')], { env: { ...process.env, IRREADY_CACHE_DIR: cacheDir, IRREADY_STOCK_PDFMAKE: stock ? '1' : '' }, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`pdf-warm failed: ${r.stderr}`);
  return JSON.parse(r.stdout).medianMs;
};
const fastMs = warmPdf(false);
const stockMs = warmPdf(true);
row('PDF render of one report in a warm process, CPU ms (median of 15)', fastMs.toFixed(0));
row('  the same with stock pdfmake (no fast paths), CPU ms', stockMs.toFixed(0));

// 5. Batch: N generated engagements (seeded, test/bench/generate.mjs) to PDF + HTML with worker threads.
//    `node test/bench/bench.mjs [count]`: count defaults to 1000; 0 skips this part.
const batchCount = Number(process.argv[2] ?? 1000);
if (batchCount > 0) {
  const { generate } = await import('./generate.mjs');
  const { files } = await generate({ count: batchCount, seed: 1, dir: join(work, 'generated') });
  const cores = (await import('node:os')).availableParallelism();
  const args = [bin, 'batch', ...files, '--format', 'pdf,html', '--out-dir', join(work, 'batch'), '--date', '2026-01-01T00:00:00Z'];
  const timeBin = ['/usr/bin/time'].find((t) => existsSync(t));
  const start = performance.now();
  let rssKb;
  if (timeBin) {
    const r = spawnSync(timeBin, ['-f', 'maxrss_kb=%M', process.execPath, ...args], { cwd: work, env: { ...process.env, IRREADY_CACHE_DIR: cacheDir }, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
    if (r.status !== 0) throw new Error(`irready batch failed: ${r.stderr.slice(-2000)}`);
    rssKb = Number(/maxrss_kb=(\d+)/.exec(r.stderr)?.[1]);
  } else {
    // No GNU time: run the batch in a node that reports its own peak RSS (worker threads share the process).
    const script = `const { runBatch } = await import(${JSON.stringify(join(root, 'dist', 'batch', 'batch.js'))}); const s = await runBatch(${JSON.stringify(files)}, { formats: ['pdf', 'html'], outDir: ${JSON.stringify(join(work, 'batch'))}, generatedAt: '2026-01-01T00:00:00.000Z' }); if (s.outcomes.some((o) => !o.ok)) process.exit(1); console.log('maxrss_kb=' + process.resourceUsage().maxRSS);`;
    const r = spawnSync(process.execPath, ['--input-type=module', '-e', script], { cwd: work, env: { ...process.env, IRREADY_CACHE_DIR: cacheDir }, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
    if (r.status !== 0) throw new Error(`batch failed: ${r.stderr.slice(-2000)}`);
    rssKb = Number(/maxrss_kb=(\d+)/.exec(r.stdout)?.[1]);
  }
  const wall = (performance.now() - start) / 1000;
  row(`irready batch, ${batchCount} generated engagements to PDF+HTML, ${cores} workers, wall s`, wall.toFixed(1), batchCount === 1000 ? '< 60 on 2 cores' : `(target < 60 for 1,000 on 2 cores)`);
  row('  per engagement, ms (wall / count)', ((wall * 1000) / batchCount).toFixed(0));
  row(`  peak memory of the batch process (max RSS${timeBin ? ', /usr/bin/time' : ''}), MB`, (rssKb / 1024).toFixed(0), '< 1,024');
}

rmSync(work, { recursive: true, force: true });

const widths = [0, 1, 2].map((i) => Math.max(...rows.map((r) => String(r[i]).length), ['measure', 'value', 'target'][i].length));
const line = (r) => `| ${r.map((c, i) => (i === 1 ? String(c).padStart(widths[i]) : String(c).padEnd(widths[i]))).join(' | ')} |`;
console.log(line(['measure', 'value', 'target']));
console.log(`|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`);
for (const r of rows) console.log(line(r));
console.log(`\nnode ${process.version}, ${process.platform} ${process.arch}`);
