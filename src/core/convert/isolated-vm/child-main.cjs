'use strict';
// The program of an isolated-vm child process. build-sandbox-programs.mjs
// embeds it as text; the application starts it with
// `node --no-node-snapshot -e <text>` and talks to it over the IPC channel.
//
// Why a separate process: some single allocations inside an isolate (for
// example `new Array(5e7).fill(1)`) exceed V8's heap limit before
// isolated-vm's memory limit can react, and V8 then aborts the whole process.
// Here that kills only this child. isolated-vm's README also requires
// --no-node-snapshot on Node 20 and later, which a child can be given.
//
// Protocol: { type: 'ready' } once isolated-vm loaded, then one reply per job.
// Every run gets a new isolate, so nothing survives from one run to the next.

const ivm = require(process.env.PQ_ISOLATED_VM_PATH);

const MEGABYTE = 1024 * 1024;

function describe(error) {
  if (error instanceof Error) return { name: error.name, message: error.message, stack: String(error.stack || '') };
  return { name: '', message: String(error), stack: '' };
}

function failed(step, error, isolate) {
  return { type: 'failed', step, memoryLimitHit: isolate.isDisposed, ...describe(error) };
}

async function runJob(job) {
  const deadline = Date.now() + job.timeoutMs;
  const remaining = () => Math.max(1, deadline - Date.now());
  const isolate = new ivm.Isolate({ memoryLimit: Math.max(8, Math.round(job.memoryBytes / MEGABYTE)) });

  try {
    const context = await isolate.createContext();
    const prelude = await isolate.compileScript(job.prelude, { filename: job.preludeFilename });
    await prelude.run(context, { timeout: remaining() });
    const harness = await context.global.get(job.harnessGlobal, { reference: true });
    await context.global.delete(job.harnessGlobal);

    let script;
    try {
      script = await isolate.compileScript(job.source, { filename: job.filename });
    } catch (error) {
      return { type: 'syntax', ...describe(error) };
    }

    try {
      await script.run(context, { timeout: remaining() });
    } catch (error) {
      return failed('top-level', error, isolate);
    }

    // The response crosses as a string and is parsed inside: copying a parsed object costs more.
    const start = await harness.get('start', { reference: true });
    try {
      await start.apply(undefined, [job.json, job.metadataJson, job.maxOutputBytes], { timeout: remaining() });
    } catch (error) {
      return failed('convert', error, isolate);
    }

    // Promise callbacks ran in the microtask checkpoint of the call above, inside its timeout.
    try {
      const finish = await harness.get('finish', { reference: true });
      const status = String(await finish.apply(undefined, [], { timeout: remaining() }));
      let output = '';
      if (status.startsWith('{"kind":"ok"')) {
        // The result is JSON text, a primitive, so it always copies; `copy` would matter for objects only.
        const takeOutput = await harness.get('takeOutput', { reference: true });
        output = String(await takeOutput.apply(undefined, [], { timeout: remaining(), result: { copy: true } }));
      }
      return { type: 'result', status, output };
    } catch (error) {
      return failed('finish', error, isolate);
    }
  } finally {
    if (!isolate.isDisposed) isolate.dispose();
  }
}

async function checkJob(job) {
  const isolate = new ivm.Isolate({ memoryLimit: Math.max(8, Math.round(job.memoryBytes / MEGABYTE)) });
  try {
    const script = await isolate.compileScript(job.source, { filename: job.filename });
    script.release();
    return { type: 'compiled' };
  } catch (error) {
    return { type: 'syntax', ...describe(error) };
  } finally {
    if (!isolate.isDisposed) isolate.dispose();
  }
}

process.on('message', (job) => {
  const work = job.type === 'check' ? checkJob(job) : runJob(job);
  work
    .catch((error) => ({ type: 'crashed', message: describe(error).message }))
    .then((reply) => process.send(reply));
});

// The parent exits or closes the channel: nothing is left to serve.
process.on('disconnect', () => process.exit(0));

// A probe isolate proves the binary matches this Node ABI before any job is sent.
new ivm.Isolate({ memoryLimit: 8 }).dispose();
process.send({ type: 'ready' });
