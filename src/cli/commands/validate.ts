import { createAssessor, type Assessor } from '../../assessment.js';
import { checkAnswers } from '../../answers/answers.js';
import { compileQuestionnaire } from '../../questionnaire/compile.js';
import { checkRules } from '../../decision/load-rules.js';
import { checkResult } from '../../result/load-result.js';
import { InputError, formatProblem, type Problem } from '../../util/errors.js';
import { readJson, readText } from '../../util/files.js';
import { isWorkspace, openWorkspace, workspaceAnswers } from '../../workspace/workspace.js';

type Kind = 'questionnaire' | 'rules' | 'answers' | 'result';

function kindOf(json: unknown): Kind | undefined {
  if (typeof json !== 'object' || json === null || Array.isArray(json)) return undefined;
  if ('schemaVersion' in json) return 'result';
  if ('pages' in json) return 'questionnaire';
  if ('rules' in json) return 'rules';
  if ('data' in json || 'respondent' in json) return 'answers';
  return undefined;
}

/** Checks each file and prints one line per file; every problem is printed with its place. */
export async function validate(files: string[], opts: { questionnaire?: string; rules?: string }): Promise<void> {
  let assessor: Assessor | undefined;
  const definitions = () => (assessor ??= createAssessor(opts));
  const problems: Problem[] = [];
  for (const file of files) {
    try {
      if (isWorkspace(file)) {
        const ws = openWorkspace(file);
        const found: Problem[] = [];
        for (const { file: answers } of workspaceAnswers(ws)) found.push(...checkAnswers(readJson(answers), definitions().plan, answers, () => readText(answers)));
        if (found.length) throw new InputError(found);
        console.log(`ok: ${file} (engagement for ${ws.engagement.organization.name}, ${ws.engagement.respondents.length} respondent(s))`);
        continue;
      }
      const json = readJson(file);
      const text = () => readText(file);
      const kind = kindOf(json);
      switch (kind) {
        case 'questionnaire': {
          const plan = compileQuestionnaire(json, file, text);
          console.log(`ok: ${file} (questionnaire ${plan.id} ${plan.version}, ${plan.questions.filter((q) => q.scored).length} scored questions)`);
          break;
        }
        case 'rules': {
          const set = checkRules(json, definitions().plan, file, text);
          console.log(`ok: ${file} (decision rules ${set.version}, ${set.rules.length} rules)`);
          break;
        }
        case 'answers': {
          const found = checkAnswers(json, definitions().plan, file, text);
          if (found.length) throw new InputError(found);
          console.log(`ok: ${file} (answers for ${(json as { organization: { name: string } }).organization.name})`);
          break;
        }
        case 'result':
          checkResult(json, file, text);
          console.log(`ok: ${file} (result)`);
          break;
        default:
          throw new InputError({ file, message: 'is not a questionnaire (no "pages"), decision rules (no "rules"), answers (no "data") or result (no "schemaVersion")' });
      }
    } catch (err) {
      if (!(err instanceof InputError)) throw err;
      problems.push(...err.problems);
      for (const p of err.problems) console.error(`error: ${formatProblem(p)}`);
    }
  }
  if (problems.length) {
    console.error(`${problems.length} problem${problems.length === 1 ? '' : 's'} in ${new Set(problems.map((p) => p.file)).size} of ${files.length} file${files.length === 1 ? '' : 's'}`);
    process.exitCode = 2;
  }
}
