#!/usr/bin/env node
// Launcher for the `pq` command: registers tsx so the TypeScript sources run
// as they are, then hands over to src/cli/main.ts.

import { register } from 'tsx/esm/api';

register();
process.env.PQ_CLI_LAUNCHED = '1';
await import('../src/cli/main.ts');
