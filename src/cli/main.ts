// Entry point of the `pq` command. Exit codes: 0 success, 1 the run or the
// validation failed, 2 bad usage.

import { isAppError } from '../errors/app-error';
import { parseArguments, USAGE } from './args';
import { runCommand } from './run-command';
import { formatProblem, validateCommand } from './validate-command';

export async function main(argv: string[], env: NodeJS.ProcessEnv = process.env): Promise<number> {
  let args;
  try {
    args = parseArguments(argv);
  } catch (error) {
    process.stderr.write(`${(error as Error).message}\n\n${USAGE}\n`);
    return 2;
  }

  try {
    if (args.command === 'help') {
      process.stdout.write(`${USAGE}\n`);
      return 0;
    }
    if (args.command === 'validate') {
      const problems = await validateCommand(args);
      for (const problem of problems) process.stderr.write(`${formatProblem(problem)}\n`);
      if (problems.length > 0) {
        process.stderr.write(`${problems.length} problem(s) found.\n`);
        return 1;
      }
      process.stdout.write('Config is valid.\n');
      return 0;
    }
    process.stdout.write(`${await runCommand(args, env)}\n`);
    return 0;
  } catch (error) {
    if (!isAppError(error)) throw error;
    const stage = error.details.stage ? ` (stage: ${error.details.stage})` : '';
    process.stderr.write(`Error ${error.code}${stage}: ${error.message}\n`);
    if (error.hint) process.stderr.write(`Hint: ${error.hint}\n`);
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
