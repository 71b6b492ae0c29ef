// Entry point of `npm run bench`: runs bench/main.ts under tsx, because the
// benchmarks import the TypeScript sources directly. Arguments pass through:
// npm run bench -- --iterations 9 --only converters,pipeline
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const main = fileURLToPath(new URL('./main.ts', import.meta.url));
const child = spawn(process.execPath, ['--import', 'tsx', main, ...process.argv.slice(2)], { stdio: 'inherit' });
child.on('exit', (code, signal) => {
  process.exitCode = code ?? (signal ? 1 : 0);
});
