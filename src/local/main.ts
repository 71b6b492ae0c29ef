// Entry point of `npm start`: the local stand-in for Confluence.

import { startHost } from './host';
import { PortInUseError } from './http/server';
import { parseHostOptions, USAGE, UsageError } from './options';

async function main(): Promise<void> {
  let options;
  try {
    options = parseHostOptions(process.argv.slice(2));
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    console.error(`${error.message}\n\n${USAGE}`);
    process.exit(2);
  }
  if (options === 'help') {
    console.log(USAGE);
    return;
  }

  const host = await startHost(options);

  // Tests and scripts parse this exact line; keep its shape.
  console.log(`Local host ready at ${host.url}/`);
  console.log(`  Demo page:  ${host.url}/wiki/spaces/DEMO/pages/1001`);
  console.log(`  Admin page: ${host.url}/wiki/admin/rest-data`);
  console.log(`  Data:       ${options.dataDir}`);

  let stopping = false;
  const stop = (signal: NodeJS.Signals): void => {
    if (stopping) return;
    stopping = true;
    console.log(`Received ${signal}; stopping.`);
    host.close().then(
      () => process.exit(0),
      (error: unknown) => {
        console.error('Shutdown failed:', error);
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((error: unknown) => {
  // A known cause gets its message alone; anything else gets the stack for a bug report.
  let detail = String(error);
  if (error instanceof PortInUseError) detail = error.message;
  else if (error instanceof Error) detail = error.stack ?? error.message;
  console.error(`The local host failed to start: ${detail}`);
  process.exit(1);
});
