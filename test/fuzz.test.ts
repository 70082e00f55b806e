import fc from 'fast-check';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkAnswers } from '../src/answers/answers.js';
import { createAssessor } from '../src/assessment.js';
import { checkResult } from '../src/result/load-result.js';
import { expectCleanRefusal, irready, leftovers, ROOT, snapshot } from './fuzz/cli.js';

/**
 * Bad input, fuzzed: the built CLI must refuse it with exit code 2 and one "error: <file>...: ..." line per
 * problem, never a stack trace, and never leave a partly written output behind. Spawned processes are
 * batched (validate takes many files; independent runs go in parallel) to keep the file quick.
 */
const SEED = 4242;
const EXAMPLE = join(ROOT, 'examples', 'midsize-8x5-team.json');
const QUESTIONNAIRE = join(ROOT, 'questionnaires', 'ir-outsourcing-readiness.json');
const exampleText = readFileSync(EXAMPLE, 'utf8');
const example = () => JSON.parse(exampleText) as Record<string, any>;
const assessor = createAssessor();
const { plan } = assessor;
const MB5 = 5 * 1024 * 1024;

let work: string;
let n = 0;
/** Writes a file in the work folder; returns its path. */
function put(name: string, content: string | Buffer): string {
  const file = join(work, `${String(++n).padStart(3, '0')}-${name}`);
  writeFileSync(file, content);
  return file;
}
const deepArrays = (depth: number) => '['.repeat(depth) + ']'.repeat(depth);
const outDir = (name: string) => join(work, 'out', name);

beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), 'irready-fuzz-'));
  expect(existsSync(join(ROOT, 'dist', 'cli', 'main.js')), 'run npm run build first').toBe(true);
});

afterAll(() => {
  // Checked once at the end: the tests below run concurrently, and a successful write may be under way.
  expect(leftovers(work), 'temporary files of an interrupted write').toEqual([]);
});

/** Mutations of the example answers that put a wrongly typed value somewhere. */
const wrongValue = fc.oneof(fc.integer(), fc.double({ noNaN: true, noDefaultInfinity: true }), fc.boolean(), fc.string({ maxLength: 12 }), fc.array(fc.integer(), { maxLength: 3 }), fc.dictionary(fc.string({ maxLength: 5 }), fc.integer(), { maxKeys: 2 }), fc.constant(null));
const places: (string | number)[][] = [
  ['questionnaire'], ['questionnaire', 'id'], ['questionnaire', 'version'], ['organization'], ['organization', 'name'], ['respondent'], ['respondent', 'name'], ['respondent', 'role'], ['description'], ['data'],
  ...plan.questions.map((q) => ['data', q.name]),
  ...plan.questions.filter((q) => q.commentKey).map((q) => ['data', q.commentKey!]),
  ...plan.questions.filter((q) => q.kind === 'matrix').flatMap((q) => q.rows.map((r) => ['data', q.name, r.value])),
  ...plan.questions.filter((q) => q.kind === 'checklist').map((q) => ['data', q.name, 0]),
];
const mutated = fc
  .tuple(fc.constantFrom(...places), wrongValue, fc.boolean())
  .map(([path, value, alsoSecond]) => {
    const json = example();
    let at: any = json;
    for (const key of path.slice(0, -1)) {
      if (typeof at[key] !== 'object' || at[key] === null) at[key] = typeof path[path.indexOf(key) + 1] === 'number' ? [] : {};
      at = at[key];
    }
    at[path.at(-1)!] = value;
    if (alsoSecond && typeof json.data === 'object' && json.data) json.data.st_ir_fte = 'three';
    return { path: path.join('.'), json };
  })
  .filter(({ json }) => checkAnswers(json, plan, 'mutated.json').length > 0);

describe('fuzzed answers, in process', () => {
  it('checkAnswers never throws, and names each problem on one line', () => {
    const anyPlace = fc.tuple(fc.constantFrom(...places), fc.jsonValue({ maxDepth: 3 }), fc.constantFrom('', '__proto__', 'constructor', 'toString', 'a\nb', 'x'.repeat(300)));
    fc.assert(
      fc.property(anyPlace, ([path, value, extraKey]) => {
        const json = example();
        let at: any = json;
        for (const key of path.slice(0, -1)) at = typeof at[key] === 'object' && at[key] !== null ? at[key] : (at[key] = {});
        at[path.at(-1)!] = value;
        // Keys as JSON.parse makes them: "__proto__" is an own key there, not the prototype.
        if (extraKey && typeof json.data === 'object' && json.data !== null && !Array.isArray(json.data)) json.data = { ...json.data, ...JSON.parse(`{${JSON.stringify(extraKey)}: 1}`) };
        const problems = checkAnswers(json, plan, 'fuzzed.json', () => JSON.stringify(json, null, 2));
        for (const p of problems) {
          expect(p.message).not.toMatch(/[\n\r]/);
          expect((p.place ?? '').length + p.message.length).toBeLessThan(1000);
        }
        if (!problems.length) {
          // Accepted answers are scored into a result that validates.
          const result = assessor.assess(json as never, { generatedAt: '2026-01-01T00:00:00Z' });
          const text = JSON.stringify(result);
          checkResult(JSON.parse(text), 'result.json', () => text);
        }
      }),
      { seed: SEED, numRuns: 300 },
    );
  });
});

describe.concurrent('fuzzed bad input to the CLI', () => {
  it('refuses truncated and empty JSON', async () => {
    const end = exampleText.lastIndexOf('}');
    const cuts = fc.sample(fc.integer({ min: 1, max: end }), { seed: SEED, numRuns: 6 });
    const files = [...cuts.map((cut, i) => put(`truncated-${i}.json`, exampleText.slice(0, cut))), put('empty.json', ''), put('blank.json', ' \n\t\n')];
    const [validate, score] = await Promise.all([
      irready(work, ['validate', ...files]),
      irready(work, ['score', files[0], '-o', join(outDir('trunc-score'), 'result.json')]),
    ]);
    const errors = expectCleanRefusal(validate, files, 'validate truncated');
    for (const file of files) expect(errors.some((l) => l.startsWith(`error: ${file}:`)), file).toBe(true);
    expect(errors.join('\n')).toMatch(/is not valid JSON|is empty, expected JSON/);
    expectCleanRefusal(score, files[0], 'score truncated');
    expect(score.stdout).toBe('');
    expect(existsSync(outDir('trunc-score'))).toBe(false);
  });

  it('refuses wrong types at random places (fast-check mutations of an example)', async () => {
    const cases = fc.sample(mutated, { seed: SEED, numRuns: 24 });
    const files = cases.map(({ path, json }, i) => put(`mutated-${i}-${path.replace(/[^\w.-]/g, '_').slice(0, 40)}.json`, JSON.stringify(json, null, 2)));
    const existing = outDir('mutated-existing');
    mkdirSync(existing, { recursive: true });
    writeFileSync(join(existing, 'lodz-logistyka-sp-z-o-o.md'), 'an earlier report\n');
    const before = snapshot(existing);
    const [validate, ...runs] = await Promise.all([
      irready(work, ['validate', ...files]),
      irready(work, ['score', files[0], '-o', join(outDir('mutated-score'), 'result.json')]),
      irready(work, ['report', files[1], '-d', existing, '-f', 'md,html,json']),
    ]);
    const errors = expectCleanRefusal(validate, files, 'validate mutated');
    for (const [i, file] of files.entries()) expect(errors.some((l) => l.startsWith(`error: ${file}`)), `${cases[i].path} in ${file}`).toBe(true);
    runs.forEach((run, i) => expectCleanRefusal(run, files[i], `run ${i}`));
    expect(runs[0].stdout).toBe('');
    expect(existsSync(outDir('mutated-score'))).toBe(false);
    expect(snapshot(existing)).toEqual(before);
  });

  it('refuses huge strings in the wrong places with short messages, and takes a 5 MB comment in its stride', async () => {
    const big = 'x'.repeat(MB5);
    const value = example();
    value.data.fr_legal_review = big;
    const key = example();
    key.data[`q${big}`] = '1';
    const top = example();
    top[`z${big}`] = 1;
    const comment = example();
    comment.data['fr_forensic_readiness_plan-Comment'] = `${'word '.repeat(MB5 / 5)}<script>alert(1)</script>`;
    const [fValue, fKey, fTop, fComment] = [put('huge-value.json', JSON.stringify(value)), put('huge-key.json', JSON.stringify(key)), put('huge-top.json', JSON.stringify(top)), put('huge-comment.json', JSON.stringify(comment))];
    const [rValidate, rKey, rScore, rReport] = await Promise.all([
      irready(work, ['validate', fValue, fKey, fTop]),
      irready(work, ['report', fKey, '-d', outDir('huge-key')]),
      irready(work, ['score', fComment, '--date', '2026-01-01']),
      irready(work, ['report', fComment, '-d', outDir('huge-comment'), '-f', 'md,html,csv']),
    ]);
    const errors = expectCleanRefusal(rValidate, [fValue, fKey, fTop]);
    expect(errors.find((l) => l.startsWith(`error: ${fValue}:`))).toContain('is not one of the allowed answers');
    expect(errors.find((l) => l.startsWith(`error: ${fKey}:`))).toContain('unknown question');
    expect(errors.find((l) => l.startsWith(`error: ${fTop}:`))).toContain('unknown field');
    expect(expectCleanRefusal(rKey, fKey).join('\n')).toContain('unknown question');
    expect(existsSync(outDir('huge-key'))).toBe(false);
    // A long comment is a valid answer: it is scored and reported (PDF: see the next test).
    expect(rScore.code, rScore.stderr.slice(0, 500)).toBe(0);
    expect(JSON.parse(rScore.stdout).answers.find((a: { name: string }) => a.name === 'fr_forensic_readiness_plan').comment).toHaveLength(MB5 + 25);
    expect(rReport.code, rReport.stderr.slice(0, 500)).toBe(0);
    const html = readFileSync(join(outDir('huge-comment'), 'lodz-logistyka-sp-z-o-o.html'), 'utf8');
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).not.toContain('<script>alert(1)');
  });

  // pdfmake's line breaking slows down sharply with one very long text (minutes for 1 MB, which the web
  // form accepts); the PDF prints the first 2,000 characters of a comment and says where the rest is.
  it('writes the PDF of answers with a 1 MB comment (the web form limit) in reasonable time', async () => {
    const comment = example();
    comment.data['fr_forensic_readiness_plan-Comment'] = 'word '.repeat(200_000);
    const file = put('long-comment.json', JSON.stringify(comment));
    const run = await irready(work, ['report', file, '-d', outDir('long-comment-pdf'), '-f', 'pdf'], { timeout: 20_000 });
    expect(run.timedOut).toBe(false);
    expect(run.code).toBe(0);
  });

  it('refuses 10,000 levels of nesting, wherever they are', async () => {
    const deep = deepArrays(10_000);
    const whole = put('deep-whole.json', deep);
    const inData = put('deep-data.json', JSON.stringify({ ...example(), data: { ...example().data, fr_evidence_types: '@' } }).replace('"@"', deep));
    const inOrg = put('deep-org.json', JSON.stringify({ ...example(), organization: { name: 'Deep', notes: '@' } }).replace('"@"', deep));
    const objects = put('deep-objects.json', JSON.stringify({ ...example(), description: '@' }).replace('"@"', '{"a":'.repeat(10_000) + '1' + '}'.repeat(10_000)));
    const [validate, score2, report] = await Promise.all([
      irready(work, ['validate', whole, inData, inOrg, objects]),
      irready(work, ['score', inOrg, '-o', join(outDir('deep-score'), 'r.json')]),
      irready(work, ['report', inData, '-d', outDir('deep-report'), '-f', 'json,md']),
    ]);
    const errors = expectCleanRefusal(validate, [whole, inData, inOrg, objects], 'validate deep');
    for (const file of [whole, inData, inOrg, objects]) expect(errors.some((l) => l.startsWith(`error: ${file}:`)), file).toBe(true);
    expectCleanRefusal(score2, inOrg);
    expectCleanRefusal(report, inData);
    expect(existsSync(outDir('deep-score'))).toBe(false);
    expect(existsSync(outDir('deep-report'))).toBe(false);
  });

  it('refuses unknown fields in answers and in results', async () => {
    const top = put('unknown-top.json', JSON.stringify({ ...example(), extra: true }));
    const question = put('unknown-question.json', JSON.stringify({ ...example(), data: { ...example().data, fr_forensic_readines_plan: '3' } }));
    const result = JSON.parse(JSON.stringify(assessor.assess(assessor.load(EXAMPLE), { generatedAt: '2026-01-01T00:00:00Z' })));
    const resultExtra = put('unknown-result.json', JSON.stringify({ ...result, overall: { ...result.overall, bonus: 1 } }, null, 2));
    const resultType = put('wrong-result.json', JSON.stringify({ ...result, domains: 'all good' }, null, 2));
    const [validate, report] = await Promise.all([
      irready(work, ['validate', top, question, resultExtra, resultType]),
      irready(work, ['report', resultExtra, '-d', outDir('unknown-report'), '-f', 'md']),
    ]);
    const errors = expectCleanRefusal(validate, [top, question, resultExtra, resultType]);
    expect(errors.join('\n')).toMatch(/unknown field "extra"/);
    expect(errors.join('\n')).toMatch(/unknown question "fr_forensic_readines_plan"; did you mean "fr_forensic_readiness_plan"\?/);
    expect(errors.join('\n')).toMatch(/overall: unknown field "bonus"/);
    expect(errors.some((l) => l.startsWith(`error: ${resultType}:`) && l.includes('domains'))).toBe(true);
    expectCleanRefusal(report, resultExtra);
    expect(existsSync(outDir('unknown-report'))).toBe(false);
  });

  it('refuses text that is not UTF-8, even beside a real U+FFFD', async () => {
    const bytes = (before: string, bad: number[], after: string) => Buffer.concat([Buffer.from(before, 'utf8'), Buffer.from(bad), Buffer.from(after, 'utf8')]);
    const at = exampleText.indexOf('"description": "') + '"description": "'.length;
    const [head, tail] = [exampleText.slice(0, at), exampleText.slice(at)];
    const files = [
      put('utf8-ff.json', bytes(head, [0xff], tail)),
      put('utf8-overlong.json', bytes(head, [0xc0, 0xaf], tail)),
      put('utf8-surrogate.json', bytes(head, [0xed, 0xa0, 0x80], tail)),
      put('utf8-cut.json', bytes(head, [0xe2, 0x82], tail)),
      put('utf8-mixed.json', bytes(`${head}\uFFFD real replacement character, then `, [0xfe], tail)),
      put('latin1.json', Buffer.from(exampleText.replace('Łódź', 'Ærøskøbing'), 'latin1')),
    ];
    const [validate, report] = await Promise.all([
      irready(work, ['validate', ...files]),
      irready(work, ['report', files[4], '-d', outDir('utf8-report')]),
    ]);
    const errors = expectCleanRefusal(validate, files);
    for (const file of files) expect(errors).toContainEqual(expect.stringMatching(new RegExp(`^error: ${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:\\d+:\\d+: is not valid UTF-8 text$`)));
    expect(errors[0]).toMatch(/:5:\d+: /); // the line of the description
    expectCleanRefusal(report, files[4]);
    expect(existsSync(outDir('utf8-report'))).toBe(false);
  });

  it('refuses a questionnaire whose visibleIf conditions form a cycle', async () => {
    const make = (name: string, change: (elements: Record<string, any>[]) => void) => {
      const q = JSON.parse(readFileSync(QUESTIONNAIRE, 'utf8'));
      change(q.pages[0].elements);
      const file = put(name, JSON.stringify(q, null, 2));
      copyFileSync(QUESTIONNAIRE.replace(/\.json$/, '.rules.json'), file.replace(/\.json$/, '.rules.json'));
      return file;
    };
    const byName = (els: Record<string, any>[], name: string) => els.find((e) => e.name === name)!;
    const two = make('cycle-two.json', (els) => (byName(els, 'org_provider_status').visibleIf = '{org_provider_count} > 0'));
    const three = make('cycle-three.json', (els) => {
      byName(els, 'org_sector').visibleIf = '{org_countries} > 1';
      byName(els, 'org_countries').visibleIf = "{org_data_sharing} = 'allowed'";
      byName(els, 'org_data_sharing').visibleIf = "{org_sector} = 'finance'";
    });
    const self = make('cycle-self.json', (els) => (byName(els, 'org_sites').visibleIf = '{org_sites} > 1'));
    const [validate, score, report] = await Promise.all([
      irready(work, ['validate', two, three, self]),
      irready(work, ['score', EXAMPLE, '--questionnaire', two, '-o', join(outDir('cycle-score'), 'r.json')]),
      irready(work, ['report', EXAMPLE, '--questionnaire', three, '-d', outDir('cycle-report')]),
    ]);
    const errors = expectCleanRefusal(validate, [two, three, self]);
    for (const file of [two, three, self]) expect(errors.some((l) => l.startsWith(`error: ${file}:`) && l.includes('visibleIf conditions form a cycle')), file).toBe(true);
    expect(expectCleanRefusal(score, two).join('\n')).toContain('org_provider_status -> org_provider_count -> org_provider_status');
    expectCleanRefusal(report, three);
    expect(existsSync(outDir('cycle-score'))).toBe(false);
    expect(existsSync(outDir('cycle-report'))).toBe(false);
  });

  it('refuses templates that fail, writing none of the reports', async () => {
    const templates = (name: string, format: string, partial: string, text: string) => {
      const dir = join(work, `templates-${name}`);
      mkdirSync(join(dir, format, 'partials'), { recursive: true });
      writeFileSync(join(dir, format, 'partials', partial), text);
      return dir;
    };
    const helper = templates('helper', 'markdown', 'decision.hbs', '{{frobnicate organization.name}}\n');
    const missing = templates('missing', 'html', 'cover.hbs', '<p>{{organization.nosuchfield}}</p>\n');
    const syntax = templates('syntax', 'markdown', 'summary.hbs', '{{#if organization}}never closed\n');
    const existing = outDir('templates-existing');
    mkdirSync(existing, { recursive: true });
    writeFileSync(join(existing, 'lodz-logistyka-sp-z-o-o.json'), '{"earlier": true}\n');
    const before = snapshot(existing);
    const [r1, r2, r3] = await Promise.all([
      irready(work, ['report', EXAMPLE, '--templates', helper, '-f', 'json,md,html', '-d', existing]),
      irready(work, ['report', EXAMPLE, '--templates', missing, '-f', 'json,md,html', '-d', outDir('templates-missing')]),
      irready(work, ['report', EXAMPLE, '--templates', syntax, '-f', 'json,md', '-d', outDir('templates-syntax')]),
    ]);
    expect(expectCleanRefusal(r1, helper).join('\n')).toMatch(/template failed: .*frobnicate/);
    expect(expectCleanRefusal(r2, missing).join('\n')).toMatch(/template failed: .*nosuchfield/);
    expect(expectCleanRefusal(r3, join(syntax, 'markdown', 'partials', 'summary.hbs')).join('\n')).toMatch(/template error/);
    expect(snapshot(existing)).toEqual(before);
    expect(existsSync(outDir('templates-missing'))).toBe(false);
    expect(existsSync(outDir('templates-syntax'))).toBe(false);
  });
});
