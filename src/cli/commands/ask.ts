import { checkAnswers } from '../../answers/answers.js';
import { createAssessor } from '../../assessment.js';
import { runInterview } from '../../collect/terminal/interview.js';
import { openPrompter } from '../../collect/terminal/session.js';
import { InputError } from '../../util/errors.js';
import { stampTime } from '../../util/version.js';
import { addRespondent, findRespondent, openWorkspace, readAnswers, respondentFile, saveAnswers } from '../../workspace/workspace.js';

export interface AskOptions {
  respondent: string;
  role?: string;
  section?: string;
  plain?: boolean;
  questionnaire?: string;
  rules?: string;
}

/** `irready ask`: the terminal interview of one respondent, saved into the workspace after every answer. */
export async function ask(dir: string, opts: AskOptions): Promise<void> {
  const ws = openWorkspace(dir);
  const { plan } = createAssessor(opts);
  const used = ws.engagement.questionnaire;
  if (used.id !== plan.id) {
    throw new InputError({ file: dir, message: `the engagement uses questionnaire "${used.id}", not "${plan.id}"; name its file with --questionnaire` });
  }

  let section: string | undefined;
  if (opts.section !== undefined) {
    const wanted = opts.section.trim().toLowerCase();
    const sections = [...new Map(plan.questions.map((q) => [q.section, q.sectionTitle])).entries()];
    section = sections.find(([id, title]) => id.toLowerCase() === wanted || title.toLowerCase() === wanted)?.[0];
    if (!section) {
      throw new InputError({ file: '--section', message: `unknown section "${opts.section}" (sections: ${sections.map(([id, title]) => `${id} (${title})`).join(', ')})` });
    }
  }

  const known = opts.respondent ? findRespondent(ws, opts.respondent) : undefined;
  const role = opts.role ?? known?.role;
  if (!role?.trim()) throw new InputError({ file: '--role', message: `needs the role of the new respondent "${opts.respondent}", such as CISO` });
  const { entry } = addRespondent(ws, { name: known?.name ?? opts.respondent, role }, { now: stampTime() });

  const file = respondentFile(ws, entry.id);
  const stored = readAnswers(ws, entry);
  const problems = checkAnswers(stored, plan, file);
  if (problems.length) throw new InputError(problems);
  const data: Record<string, unknown> = { ...stored.data };

  const { prompter, style } = await openPrompter({ plain: opts.plain });
  const resume = resumeCommand(dir, entry.name, opts, section);
  const onInterrupt = () => {
    // Between prompts (line mode): every answer is saved already.
    prompter.say('');
    prompter.say(`Stopped. Your answers are saved. To go on later: ${resume}`);
    process.exit(130);
  };
  process.once('SIGINT', onInterrupt);

  prompter.say(style.bold(`${plan.title}: interview of ${entry.name} (${entry.role}) for ${ws.engagement.organization.name}`));
  prompter.say(
    style.dim(
      prompter.interactive
        ? 'Arrow keys and Enter to answer; the last items of each list give help, back, skip and quit. Every answer is saved at once; Ctrl-C stops.'
        : 'Type the number of your choice. ? help · < back · s skip · q save and quit. Every answer is saved at once.',
    ),
  );

  try {
    const outcome = await runInterview({
      plan,
      data,
      prompter,
      style,
      section,
      save: (values, complete) => saveAnswers(ws, plan, entry, { ...values }, { now: stampTime(), source: 'terminal', ...(complete ? { complete: true } : {}) }),
    });
    prompter.say('');
    const tally = `${outcome.answered} of ${outcome.visible} questions answered`;
    if (outcome.status === 'complete') {
      prompter.say(style.bold(`Done: ${tally}${section ? ` in section ${section}` : ''}.`));
      if (outcome.answered < outcome.visible) prompter.say(`${outcome.visible - outcome.answered} left open; run the same command again to answer them: ${resume}`);
      if (section && !outcome.markedComplete) prompter.say(`Other sections still have open questions: ${resumeCommand(dir, entry.name, opts, undefined)}`);
      prompter.say(`Saved to ${file}${outcome.markedComplete ? ' and marked complete' : ''}.`);
    } else {
      prompter.say(`${outcome.status === 'quit' ? 'Saved' : 'Stopped; saved'}: ${tally}. To go on later: ${resume}`);
      if (outcome.reason === 'interrupt') process.exitCode = 130;
    }
  } finally {
    process.removeListener('SIGINT', onInterrupt);
    prompter.close();
  }
}

function resumeCommand(dir: string, name: string, opts: AskOptions, section: string | undefined): string {
  const parts = ['irready', 'ask', dir, '--respondent', name];
  if (section) parts.push('--section', section);
  if (opts.questionnaire) parts.push('--questionnaire', opts.questionnaire);
  if (opts.rules) parts.push('--rules', opts.rules);
  return parts.map(shellQuote).join(' ');
}

function shellQuote(word: string): string {
  return /^[\w./:@%+=,-]+$/.test(word) ? word : `'${word.replace(/'/g, `'\\''`)}'`;
}
