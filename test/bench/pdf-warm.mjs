// One example's PDF rendered again and again in one process: prints the median CPU time of a render
// (after three warm-up renders) as JSON. bench.mjs runs it with and without pdfmake's fast paths
// (IRREADY_STOCK_PDFMAKE=1), since those are installed once per process.
//   node test/bench/pdf-warm.mjs [renders=15]
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../..', import.meta.url));
const lib = await import(join(root, 'dist', 'index.js'));
const { renderReport } = await import(join(root, 'dist', 'report', 'render.js'));
const assessor = lib.createAssessor();
const result = assessor.assess(assessor.load(join(root, 'examples', 'midsize-8x5-team.json')), { generatedAt: '2026-01-01T00:00:00.000Z' });
for (let i = 0; i < 3; i++) await renderReport(result, 'pdf');
const renders = Number(process.argv[2] ?? 15);
const ms = [];
for (let i = 0; i < renders; i++) {
  const before = process.cpuUsage();
  await renderReport(result, 'pdf');
  const used = process.cpuUsage(before);
  ms.push((used.user + used.system) / 1000);
}
ms.sort((a, b) => a - b);
console.log(JSON.stringify({ medianMs: ms[Math.floor(ms.length / 2)], minMs: ms[0] }));
