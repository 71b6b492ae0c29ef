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

// V8's code cache for the prelude, made by the first run: compiling the
// prelude from it takes a fraction of a full compile.
let preludeCache;

function compilePrelude(isolate, job) {
  if (preludeCache) {
    const script = isolate.compileScriptSync(job.prelude, { filename: job.preludeFilename, cachedData: preludeCache });
    if (!script.cachedDataRejected) return script;
  }
  const script = isolate.compileScriptSync(job.prelude, { filename: job.preludeFilename, produceCachedData: true });
  preludeCache = script.cachedData;
  return script;
}

// The child serves one job at a time, so it uses isolated-vm's synchronous
// calls: they skip a thread hop per call, and the timeouts apply the same way.
function runJob(job) {
  const deadline = Date.now() + job.timeoutMs;
  const remaining = () => Math.max(1, deadline - Date.now());
  const isolate = new ivm.Isolate({ memoryLimit: Math.max(8, Math.round(job.memoryBytes / MEGABYTE)) });

  try {
    const context = isolate.createContextSync();
    compilePrelude(isolate, job).runSync(context, { timeout: remaining() });
    const harness = context.global.getSync(job.harnessGlobal, { reference: true });
    context.global.deleteSync(job.harnessGlobal);

    let script;
    try {
      script = isolate.compileScriptSync(job.source, { filename: job.filename });
    } catch (error) {
      return { type: 'syntax', ...describe(error) };
    }

    try {
      script.runSync(context, { timeout: remaining() });
    } catch (error) {
      return failed('top-level', error, isolate);
    }

    // The response crosses as a string and is parsed inside: copying a parsed object costs more.
    try {
      harness.getSync('start', { reference: true }).applySync(undefined, [job.json, job.metadataJson, job.maxOutputBytes], {
        timeout: remaining(),
      });
    } catch (error) {
      return failed('convert', error, isolate);
    }

    // Promise callbacks ran in the microtask checkpoint of the call above, inside its timeout.
    try {
      const status = String(harness.getSync('finish', { reference: true }).applySync(undefined, [], { timeout: remaining() }));
      let output = '';
      if (status.startsWith('{"kind":"ok"')) {
        // The result is JSON text, a primitive, so it always copies; `copy` would matter for objects only.
        const takeOutput = harness.getSync('takeOutput', { reference: true });
        output = String(takeOutput.applySync(undefined, [], { timeout: remaining(), result: { copy: true } }));
      }
      return { type: 'result', status, output };
    } catch (error) {
      return failed('finish', error, isolate);
    }
  } finally {
    if (!isolate.isDisposed) isolate.dispose();
  }
}

function checkJob(job) {
  const isolate = new ivm.Isolate({ memoryLimit: Math.max(8, Math.round(job.memoryBytes / MEGABYTE)) });
  try {
    const script = isolate.compileScriptSync(job.source, { filename: job.filename });
    script.release();
    return { type: 'compiled' };
  } catch (error) {
    return { type: 'syntax', ...describe(error) };
  } finally {
    if (!isolate.isDisposed) isolate.dispose();
  }
}

// Disposed isolates leave some native memory behind (resident size grew by
// about 25 MB over 240 runs in a local measurement), so a child retires itself
// after a number of jobs or when it grew large; the application starts a new one.
const MAX_JOBS = 1000;
const MAX_RESIDENT_BYTES = 384 * MEGABYTE;
let jobsServed = 0;

process.on('message', (job) => {
  let reply;
  try {
    reply = job.type === 'check' ? checkJob(job) : runJob(job);
  } catch (error) {
    reply = { type: 'crashed', message: describe(error).message };
  }
  jobsServed += 1;
  const retire = jobsServed >= MAX_JOBS || process.memoryUsage.rss() > MAX_RESIDENT_BYTES;
  process.send({ ...reply, recycle: retire || reply.type === 'crashed' });
});

// The parent exits or closes the channel: nothing is left to serve.
process.on('disconnect', () => process.exit(0));

// A probe isolate proves the binary matches this Node ABI before any job is sent.
new ivm.Isolate({ memoryLimit: 8 }).dispose();
process.send({ type: 'ready' });
