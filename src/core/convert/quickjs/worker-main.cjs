'use strict';
// The program of a QuickJS worker thread. build-worker-bundle.mjs wraps it,
// together with quickjs-emscripten-core and the single-file QuickJS variant,
// into one self-contained script that the host starts with `eval: true`.
// `__pqModules.require` resolves those bundled packages.
//
// Protocol: the worker posts { type: 'ready' } once the WebAssembly module is
// instantiated, then posts exactly one reply per job message. The host
// enforces the hard limits (terminate on wall time, resourceLimits on the
// worker heap); the interrupt handler and memory limit here only make the
// common cases end cleanly with a position.

/* global __pqModules */
const { parentPort, workerData } = require('node:worker_threads');
const core = __pqModules.require('quickjs-emscripten-core');
const variantExports = __pqModules.require('@jitl/quickjs-singlefile-cjs-release-sync');

const variant = variantExports.default || variantExports;
const MEGABYTE = 1024 * 1024;
const WASM_PAGE_BYTES = 65536;

// QuickJS's memory limit counts most objects but not string and ArrayBuffer
// contents, so a converter could grow the WebAssembly memory to its 2 GB
// build maximum. A maximum on the memory itself is the hard bound. All runs of
// this worker share it, so it is the ceiling of the per-run limit plus headroom. WebAssembly memory never shrinks, so a worker that grew past
// `recycleAboveMb` asks to be replaced.
const wasmMemory = new WebAssembly.Memory({
  initial: (16 * MEGABYTE) / WASM_PAGE_BYTES,
  maximum: (workerData.wasmMemoryMaxMb * MEGABYTE) / WASM_PAGE_BYTES,
});
let quickjs;
// Set when freeing a runtime failed, so that the host replaces this worker.
let disposeFailed = false;

function disposeAll(handles) {
  for (const handle of handles) {
    try {
      if (handle) handle.dispose();
    } catch {
      disposeFailed = true;
    }
  }
}

function dumpError(context, handle) {
  let dumped;
  try {
    dumped = context.dump(handle);
  } catch (error) {
    dumped = { name: 'InternalError', message: String((error && error.message) || error) };
  } finally {
    handle.dispose();
  }
  if (dumped === null || typeof dumped !== 'object') return { name: '', message: String(dumped), stack: '' };
  return {
    name: typeof dumped.name === 'string' ? dumped.name : '',
    message: typeof dumped.message === 'string' ? dumped.message : String(dumped),
    stack: typeof dumped.stack === 'string' ? dumped.stack : '',
  };
}

// The engine-level failure of a step: interrupted, out of memory, or an exception the harness did not catch.
function failed(step, error) {
  return { type: 'failed', step, name: error.name, message: error.message, stack: error.stack };
}

// context.newString encodes UTF-8 in a JavaScript loop, which took roughly
// half as long as QuickJS's own JSON.parse of a 10 MB response. Buffer.from
// encodes natively, and the copy goes straight into the WebAssembly heap. This uses
// internals of quickjs-emscripten-core 0.32 (memory.module, ffi, ctx) and
// falls back to the public API when they are missing. NOTE: QTS_NewString
// takes a NUL-terminated string, as context.newString does too, so text after
// a raw NUL character is cut off either way.
function newLargeString(context, text) {
  const memory = context.memory;
  const module = memory && memory.module;
  if (!module || !module._malloc || !context.ffi || !context.ctx || text.length < 4096) return context.newString(text);

  const bytes = Buffer.from(text, 'utf8');
  const pointer = module._malloc(bytes.length + 1);
  try {
    module.HEAPU8.set(bytes, pointer);
    module.HEAPU8[pointer + bytes.length] = 0;
    return memory.heapValueHandle(context.ffi.QTS_NewString(context.ctx.value, pointer));
  } finally {
    module._free(pointer);
  }
}

function callHarness(context, harness, name, args) {
  const fn = context.getProp(harness, name);
  try {
    return context.callFunction(fn, context.undefined, ...args);
  } finally {
    fn.dispose();
  }
}

function runJob(job) {
  const deadline = Date.now() + job.timeoutMs;
  const runtime = quickjs.newRuntime();
  runtime.setMemoryLimit(job.memoryBytes);
  runtime.setMaxStackSize(job.stackBytes);
  runtime.setInterruptHandler(() => Date.now() > deadline);
  const context = runtime.newContext();
  let harness;

  try {
    const prelude = context.evalCode(job.prelude, job.preludeFilename);
    if (prelude.error) return failed('prelude', dumpError(context, prelude.error));
    prelude.value.dispose();
    harness = context.getProp(context.global, job.harnessGlobal);
    context.evalCode('delete globalThis.' + job.harnessGlobal).dispose();

    const compiled = context.evalCode(job.source, job.filename, { compileOnly: true });
    if (compiled.error) return { type: 'syntax', ...dumpError(context, compiled.error) };
    compiled.value.dispose();

    const topLevel = context.evalCode(job.source, job.filename);
    if (topLevel.error) return failed('top-level', dumpError(context, topLevel.error));
    topLevel.value.dispose();

    const args = [newLargeString(context, job.json), context.newString(job.metadataJson), context.newNumber(job.maxOutputBytes)];
    const started = callHarness(context, harness, 'start', args);
    args.forEach((handle) => handle.dispose());
    if (started.error) return failed('convert', dumpError(context, started.error));
    started.value.dispose();

    // Run promise callbacks until none are left. The interrupt handler bounds them.
    const jobs = runtime.executePendingJobs(-1);
    if (jobs.error) return failed('convert', dumpError(context, jobs.error));
    // An interrupt inside a promise callback only rejects that promise, so
    // check the clock too: a run past its deadline is a timeout either way.
    if (Date.now() > deadline) return failed('convert', { name: 'InternalError', message: 'interrupted', stack: '' });

    const finished = callHarness(context, harness, 'finish', []);
    if (finished.error) return failed('finish', dumpError(context, finished.error));
    const status = context.getString(finished.value);
    finished.value.dispose();

    let output = '';
    if (status.startsWith('{"kind":"ok"')) {
      const outputHandle = callHarness(context, harness, 'takeOutput', []);
      if (outputHandle.error) return failed('finish', dumpError(context, outputHandle.error));
      output = context.getString(outputHandle.value);
      outputHandle.value.dispose();
    }
    return { type: 'result', status, output };
  } finally {
    disposeAll([harness, context, runtime]);
  }
}

function checkJob(job) {
  const runtime = quickjs.newRuntime();
  runtime.setMemoryLimit(job.memoryBytes);
  const context = runtime.newContext();
  try {
    const compiled = context.evalCode(job.source, job.filename, { compileOnly: true });
    if (compiled.error) return { type: 'syntax', ...dumpError(context, compiled.error) };
    compiled.value.dispose();
    return { type: 'compiled' };
  } finally {
    disposeAll([context, runtime]);
  }
}

parentPort.on('message', (job) => {
  disposeFailed = false;
  let reply;
  try {
    reply = job.type === 'check' ? checkJob(job) : runJob(job);
  } catch (error) {
    // The WebAssembly instance aborted (usually out of memory) or a handle
    // leaked; the host discards this worker after a crash reply.
    reply = { type: 'crashed', message: String((error && error.message) || error) };
  }
  const grown = wasmMemory.buffer.byteLength > workerData.recycleAboveMb * MEGABYTE;
  parentPort.postMessage({ ...reply, recycle: disposeFailed || grown || reply.type === 'crashed' });
});

core.newQuickJSWASMModuleFromVariant(core.newVariant(variant, { wasmMemory })).then(
  (module) => {
    quickjs = module;
    parentPort.postMessage({ type: 'ready' });
  },
  (error) => {
    parentPort.postMessage({ type: 'crashed', message: String((error && error.message) || error) });
  },
);
