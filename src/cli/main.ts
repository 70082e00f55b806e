import { createRequire } from 'node:module';

// commander is CommonJS: require() loads it faster than an ES import, which first scans it for exports.
const { Command, CommanderError, Option } = createRequire(import.meta.url)('commander') as typeof import('commander');
type Command = import('commander').Command;
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { runAction } from './run.js';

// Only commander is loaded up front; each command imports the library when it runs, so --help stays quick.
const pkg = JSON.parse(readFileSync(fileURLToPath(new URL('../../package.json', import.meta.url)), 'utf8')) as { version: string };

const program = new Command()
  .name('irready')
  .description('Assess whether an organisation is ready to outsource incident response, and how much of it.')
  .version(pkg.version, '-V, --version')
  .showHelpAfterError('(run with --help for usage)')
  .exitOverride();

const definitionOptions = (cmd: Command) =>
  cmd
    .option('--questionnaire <file>', 'a questionnaire other than the built-in one (SurveyJS JSON)')
    .option('--rules <file>', 'decision rules (default: <questionnaire>.rules.json beside the questionnaire)')
    .option('--catalogue <file>', 'a service catalogue other than the built-in one (JSON)')
    .option('--costs <file>', 'cost figures that replace the defaults of the outsourcing plan (JSON or YAML)');

definitionOptions(
  program
    .command('validate')
    .description('check questionnaires, decision rules, answers or result files; prints every problem with its place')
    .argument('<file...>', 'files or workspaces to check; the kind of each is recognised from its content'),
).action(runAction(async (files: string[], opts) => (await import('./commands/validate.js')).validate(files, opts)));

definitionOptions(
  program
    .command('score')
    .description('score an answers file and print the result as JSON')
    .argument('<answers>', 'answers file (JSON) or engagement workspace')
    .option('-o, --output <file>', 'write the result to a file instead of standard output')
    .option('--target <file>', 'desired level per domain (or per domain and stage), JSON or YAML')
    .option('--date <iso>', 'the time to stamp the result with (default: SOURCE_DATE_EPOCH or now)'),
).action(runAction(async (file: string, opts) => (await import('./commands/score.js')).score(file, opts)));

definitionOptions(
  program
    .command('report')
    .description('write reports for an answers file or a result file')
    .argument('<input>', 'answers file, result file (JSON) or engagement workspace')
    .addOption(new Option('-f, --format <list>', 'comma-separated formats: json, md, html, pdf, docx, csv (actions), requirements (CSV)').default('json,md,html,pdf'))
    .option('-d, --out-dir <dir>', 'folder for the reports', 'reports')
    .option('--brand <file>', 'consultancy name, logo, accent colour, marking and footer (JSON or YAML)')
    .option('--target <file>', 'desired level per domain (or per domain and stage), JSON or YAML')
    .option('--templates <dir>', 'a folder of Handlebars templates that override the built-in ones')
    .option('--date <iso>', 'the time to stamp the result with (default: SOURCE_DATE_EPOCH or now)'),
).action(runAction(async (file: string, opts) => (await import('./commands/report.js')).report(file, opts)));

definitionOptions(
  program
    .command('compare')
    .description('compare two assessments of one organisation (older, newer) and write a progress report')
    .argument('<older>', 'the earlier assessment: answers file or result file (JSON)')
    .argument('<newer>', 'the later assessment: answers file or result file (JSON)')
    .addOption(new Option('-f, --format <list>', 'comma-separated formats: md, html, pdf').default('md,html'))
    .option('-d, --out-dir <dir>', 'folder for the reports', 'reports'),
).action(runAction(async (older: string, newer: string, opts) => (await import('./commands/compare.js')).compare(older, newer, opts)));

definitionOptions(
  program
    .command('providers')
    .description('score provider offers against the outsourcing plan and requirements of an assessment, side by side')
    .argument('<input>', 'answers file, result file (JSON) or engagement workspace')
    .argument('<offer...>', 'provider offers (YAML or JSON, see examples/offers/)')
    .addOption(new Option('-f, --format <list>', 'comma-separated formats: md, html, pdf').default('md,html,pdf'))
    .option('-d, --out-dir <dir>', 'folder for the reports', 'reports')
    .option('--country <codes>', "the organisation's countries (ISO 3166-1 alpha-2, comma-separated), for the offshore risk")
    .option('--date <iso>', 'the time to stamp the assessment with (default: SOURCE_DATE_EPOCH or now)'),
).action(runAction(async (input: string, offers: string[], opts) => (await import('./commands/providers.js')).providers(input, offers, opts)));

definitionOptions(
  program
    .command('init')
    .description('create an engagement workspace for an organisation: respondents, answers, results and reports in one folder')
    .argument('<dir>', 'folder to create')
    .requiredOption('--org <name>', 'the organisation assessed')
    .option('--sector <sector>', 'its sector, for the record'),
).action(runAction(async (dir: string, opts) => (await import('./commands/init.js')).init(dir, opts)));

definitionOptions(
  program
    .command('template')
    .description('write a blank answer sheet (CSV or YAML) for respondents who prefer a spreadsheet')
    .argument('<dir>', 'engagement workspace (made with init)')
    .addOption(new Option('--format <format>', 'sheet format').choices(['csv', 'yaml']).default('csv'))
    .option('-o, --output <file>', 'where to write it (default: <dir>/answer-sheet.csv or .yaml)')
    .option('--force', 'replace the file if it exists'),
).action(runAction(async (dir: string, opts) => (await import('./commands/template.js')).template(dir, opts)));

definitionOptions(
  program
    .command('import')
    .description('read a filled answer sheet (CSV or YAML) into the workspace as one respondent\'s answers')
    .argument('<dir>', 'engagement workspace (made with init)')
    .argument('<file>', 'the filled sheet: .csv or .yaml')
    .requiredOption('--respondent <name>', 'who answered')
    .requiredOption('--role <role>', 'their role, such as CISO')
    .option('--complete', 'mark the respondent as done'),
).action(runAction(async (dir: string, file: string, opts) => (await import('./commands/import.js')).importSheet(dir, file, opts)));

definitionOptions(
  program
    .command('ask')
    .description('interview one respondent in the terminal, section by section; saves after every answer and resumes where it stopped')
    .argument('<dir>', 'engagement workspace (made with init)')
    .requiredOption('--respondent <name>', 'who answers')
    .option('--role <role>', 'their role, such as CISO (needed for a new respondent)')
    .option('--section <id>', 'only the questions of one section (page name or title)')
    .option('--plain', 'numbered choices and typed answers, line by line (used anyway when input is not a terminal)'),
).action(runAction(async (dir: string, opts) => (await import('./commands/ask.js')).ask(dir, opts)));

program
  .command('invite')
  .description('make a private web form link for a respondent (or, with --overview, the consultant\'s overview link); the link is shown once')
  .argument('<dir>', 'engagement workspace')
  .option('--respondent <name>', 'the respondent\'s name (added to the engagement if new)')
  .option('--role <role>', 'the respondent\'s role, such as CISO')
  .option('--overview', 'make the consultant\'s overview link instead')
  .option('--base-url <url>', 'the address the web form is served at', 'http://127.0.0.1:8080')
  .action(runAction(async (dir: string, opts) => (await import('./commands/invite.js')).invite(dir, opts)));

definitionOptions(
  program
    .command('serve')
    .description('serve the web form for an engagement\'s respondents and the consultant\'s overview, until stopped')
    .argument('<dir>', 'engagement workspace')
    .option('-p, --port <port>', 'port to listen on (0 picks a free one)', '8080')
    .option('--host <host>', 'address to listen on; the default serves this machine only', '127.0.0.1'),
).action(runAction(async (dir: string, opts) => (await import('./commands/serve.js')).serve(dir, opts)));

program
  .command('demo')
  .description('assess the bundled example organisation and write its reports')
  .option('-d, --out-dir <dir>', 'folder for the reports', 'reports/demo')
  .addOption(new Option('-f, --format <list>', 'comma-separated formats: json, md, html, pdf, docx, csv').default('json,md,html,pdf'))
  .action(runAction(async (opts) => (await import('./commands/demo.js')).demo(opts)));

definitionOptions(
  program
    .command('batch')
    .description('score and report many engagements in parallel (worker threads); each one\'s reports go to <out-dir>/<slug>/')
    .argument('<inputs...>', 'answers files, result files or engagement workspaces')
    .addOption(new Option('-f, --format <list>', 'comma-separated formats: json, md, html, pdf, docx, csv (actions), requirements (CSV)').default('pdf,html'))
    .option('-d, --out-dir <dir>', 'folder for the reports', 'reports')
    .option('-w, --workers <n>', 'worker threads (default: one per core)')
    .option('--date <iso>', 'the time to stamp the results with (default: SOURCE_DATE_EPOCH or now)'),
).action(runAction(async (inputs: string[], opts) => (await import('./commands/batch.js')).batch(inputs, opts)));

{
  // The open handover format: the customer-services knowledge passed from one provider to the next.
  const handover = program.command('handover').description('the open handover file passed from one incident response provider to the next: create, check and print it');
  definitionOptions(
    handover
      .command('init')
      .description('write a first handover file from an assessment: what it knows filled in, the rest marked "todo"')
      .argument('<input>', 'engagement workspace, answers file or result file')
      .option('-o, --output <file>', 'where to write it (default: <workspace>/handover.json, or ./handover.json for a file)')
      .option('--force', 'replace the file if it exists')
      .option('--date <iso>', 'the time to stamp the file with (default: SOURCE_DATE_EPOCH or now)'),
  ).action(runAction(async (input: string, opts) => (await import('./commands/handover.js')).handoverInit(input, opts)));
  handover
    .command('validate')
    .description('check a handover file (schema, references, secrets); prints every problem with its JSON path and line')
    .argument('<file>', 'handover file (JSON)')
    .action(runAction(async (file: string) => (await import('./commands/handover.js')).handoverValidate(file)));
  handover
    .command('render')
    .description('print a handover for the customer and both providers, with its completeness and the missing items first')
    .argument('<file>', 'handover file (JSON)')
    .addOption(new Option('-f, --format <list>', 'comma-separated formats: md, html, pdf').default('md,html,pdf'))
    .option('-d, --out-dir <dir>', 'folder for the documents', 'reports')
    .option('--templates <dir>', 'a folder whose handover-markdown/ and handover-html/ templates override the built-in ones')
    .action(runAction(async (file: string, opts) => (await import('./commands/handover.js')).handoverRender(file, opts)));
}

definitionOptions(
  program
    .command('portfolio')
    .description('an anonymised benchmark across engagements: an overview of score spreads and one positioning page per organisation')
    .argument('<inputs...>', 'answers files, result files or engagement workspaces')
    .addOption(new Option('-f, --format <list>', 'comma-separated formats: md, html').default('md,html'))
    .option('-d, --out-dir <dir>', 'folder for the portfolio', 'reports/portfolio')
    .option('--templates <dir>', 'a folder whose portfolio-markdown/ and portfolio-html/ templates override the built-in ones')
    .option('--date <iso>', 'the time to stamp the results with (default: SOURCE_DATE_EPOCH or now)'),
).action(runAction(async (inputs: string[], opts) => (await import('./commands/portfolio.js')).portfolio(inputs, opts)));

try {
  await program.parseAsync(process.argv);
} catch (err) {
  if (err instanceof CommanderError) {
    // Help and version end with code 0; usage mistakes with 2 (commander has printed the message).
    process.exitCode = err.exitCode === 0 ? 0 : 2;
  } else throw err;
}
