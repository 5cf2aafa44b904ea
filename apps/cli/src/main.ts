import { Command, InvalidArgumentError, Option } from 'commander';
import { DocentRequestError } from './client/docent-client';
import { CliError } from './commands/cli-error';
import { ingest } from './commands/ingest';
import { login } from './commands/login';
import { search } from './commands/search';

const terminal = { stdout: process.stdout, stderr: process.stderr, cwd: process.cwd() };

function positive(value: string): number {
  const number = Number(value);
  if (!Number.isInteger(number) || number < 1) throw new InvalidArgumentError('must be a whole number above 0');
  return number;
}

const program = new Command('docent')
  .description('Load folders into Docent and search them, from a terminal.')
  .option('--profile <name>', 'which stored sign-in to use (default: $DOCENT_PROFILE, else "default")')
  .option('--url <url>', "the Docent server (default: the profile's, else $DOCENT_URL, else http://localhost:4000)")
  .showHelpAfterError()
  .addHelpText(
    'after',
    '\nEnvironment: DOCENT_URL and DOCENT_API_KEY override the profile; DOCENT_CONFIG is the profiles file (default ~/.config/docent/profiles.json).',
  );

program
  .command('login')
  .description('sign in and store an API key for this machine under a profile')
  .option('--api-key <key>', 'store this API key (checked first) instead of signing in with a password')
  .option('--email <email>', 'the account to sign in as (asked when absent)')
  .option('--password-stdin', 'read the password from standard input (else $DOCENT_PASSWORD, else asked)', false)
  .action((options, command: Command) => run(login({ ...command.optsWithGlobals(), ...options }, terminal)));

program
  .command('ingest')
  .description('sync files into a collection: send what is new or edited, follow processing to READY, print a summary')
  .argument('<paths...>', 'folders, files or glob patterns (quote globs); a file in a folder gets its path inside it as its sourceId')
  .option('-c, --collection <name or id>', 'the collection to sync into (default: your default collection)')
  .option('-j, --concurrency <n>', 'uploads at a time', positive, 4)
  .option('--prefix <text>', 'put before every sourceId, to keep folders with the same file names apart', '')
  .option('--no-wait', 'exit once everything is sent, without waiting for processing')
  .option('-w, --watch', 'after syncing, keep following the folders: send edits, delete removed files, until Ctrl-C', false)
  .addOption(new Option('--progress <style>', 'bar, lines or none (default: bar on a terminal, else lines)').choices(['bar', 'lines', 'none']))
  .option('--json', 'print the summary as JSON', false)
  .action((paths: string[], options, command: Command) => run(ingest(paths, { ...command.optsWithGlobals(), ...options }, terminal)));

program
  .command('search')
  .description('print the passages that best answer a query, best first')
  .argument('<query...>', 'what to look for')
  .option('-n, --first <n>', 'how many results (1-100)', positive, 10)
  .addOption(new Option('-m, --mode <mode>', 'how to match').choices(['hybrid', 'keyword', 'semantic']).default('hybrid'))
  .option('-c, --collection <name or id>', 'only in this collection (repeatable)', (value: string, previous: string[]) => [...previous, value], [] as string[])
  .option('--json', 'print the results as JSON', false)
  .action((words: string[], options, command: Command) => run(search(words, { ...command.optsWithGlobals(), ...options }, terminal)));

/** Ends the process with the command's exit code; known failures print one line, not a stack. */
async function run(command: Promise<number>): Promise<void> {
  try {
    process.exitCode = await command;
  } catch (error) {
    if (error instanceof CliError) {
      process.stderr.write(`docent: ${error.message}\n`);
      process.exitCode = error.exitCode;
    } else if (error instanceof DocentRequestError) {
      process.stderr.write(`docent: ${error.message}${error.code ? ` (${error.code})` : ''}\n`);
      process.exitCode = 1;
    } else throw error;
  }
}

void program.parseAsync();
