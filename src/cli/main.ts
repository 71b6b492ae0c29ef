// Entry point of the `pq` command. Exit codes: 0 success, 1 the run or the
// validation failed, 2 bad usage.

import { isAppError } from '../errors/app-error';
import { parseArguments, USAGE } from './args';
import { runCommand } from './run-command';
import { formatProblem, validateCommand } from './validate-command';

/** Output streams of the command; tests pass their own to run pq in-process. */
export interface CliOutput {
  stdout: { write(text: string): unknown };
  stderr: { write(text: string): unknown };
}

export async function main(argv: string[], env: NodeJS.ProcessEnv = process.env, output: CliOutput = process): Promise<number> {
  const { stdout, stderr } = output;
  let args;
  try {
    args = parseArguments(argv);
  } catch (error) {
    stderr.write(`${(error as Error).message}\n\n${USAGE}\n`);
    return 2;
  }

  try {
    if (args.command === 'help') {
      stdout.write(`${USAGE}\n`);
      return 0;
    }
    if (args.command === 'validate') {
      const problems = await validateCommand(args);
      for (const problem of problems) stderr.write(`${formatProblem(problem)}\n`);
      if (problems.length > 0) {
        stderr.write(`${problems.length} problem(s) found.\n`);
        return 1;
      }
      stdout.write('Config is valid.\n');
      return 0;
    }
    const { output, warnings } = await runCommand(args, env);
    // JSON output carries the warnings itself; the other formats would lose them.
    if (args.format !== 'json') for (const warning of warnings) stderr.write(`Warning ${warning.code}: ${warning.message}\n`);
    stdout.write(`${output}\n`);
    return 0;
  } catch (error) {
    if (!isAppError(error)) throw error;
    const stage = error.details.stage ? ` (stage: ${error.details.stage})` : '';
    stderr.write(`Error ${error.code}${stage}: ${error.message}\n`);
    if (error.hint) stderr.write(`Hint: ${error.hint}\n`);
    return 1;
  }
}

const isEntry = process.argv[1] !== undefined && import.meta.url.endsWith('/src/cli/main.ts') && process.env.PQ_CLI_LAUNCHED === '1';
if (isEntry) {
  main(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      process.stderr.write(`Unexpected failure: ${error instanceof Error ? error.message : String(error)}\n`);
      process.exitCode = 1;
    },
  );
}
