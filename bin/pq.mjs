#!/usr/bin/env node
// Launcher for the `pq` command: registers tsx so the TypeScript sources run
// as they are, then hands over to src/cli/main.ts. tsx is a development
// dependency, so pq runs from a checkout after `npm install`.

let register;
try {
  ({ register } = await import('tsx/esm/api'));
} catch {
  process.stderr.write('pq needs the development dependencies of this repository (tsx). Run "npm install" in the repository, then try again.\n');
  process.exit(1);
}

register();
process.env.PQ_CLI_LAUNCHED = '1';
await import('../src/cli/main.ts');
