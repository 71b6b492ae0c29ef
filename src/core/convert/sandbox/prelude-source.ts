// The script each sandbox evaluates before the converter. It removes globals a
// converter has no use for, installs `pq` and a silent `console`, and leaves a
// harness object in `globalThis.__pqHarness`. The host takes a handle to the
// harness and deletes the global before the converter's own script runs, so a
// converter can neither see nor replace it.
//
// The harness reports one status object as JSON (see HarnessStatus) and hands
// out the result as JSON text. Both engines use the same text, so the
// classification of results (undefined, function, cycle, too large) is shared.

import { HELPER_SOURCE } from './helper-source';

/** Name the converter's script is compiled under; stack traces are searched for it to find line:column. */
export const CONVERTER_FILENAME = 'converter.js';

export const PRELUDE_FILENAME = 'pq-prelude.js';

export const HARNESS_GLOBAL = '__pqHarness';

const HARNESS_SOURCE = String.raw`
(function (global) {
  'use strict';

  var stringify = JSON.stringify;
  var parse = JSON.parse;
  var promiseResolve = Promise.resolve.bind(Promise);
  var POSITION = /converter\.js:(\d+):(\d+)/;
  var state = { kind: 'pending' };
  var output = '';

  function position(error, info) {
    try {
      var stack = error !== null && typeof error === 'object' ? error.stack : undefined;
      var match = typeof stack === 'string' ? POSITION.exec(stack) : null;
      if (match) {
        info.line = Number(match[1]);
        info.column = Number(match[2]);
      }
    } catch (ignored) {
      // A getter on the thrown value failed; the position is optional.
    }
  }

  function describe(error) {
    var info = { kind: 'threw', name: '', message: '' };
    try {
      if (error !== null && typeof error === 'object' && typeof error.message === 'string') {
        info.name = String(error.name || 'Error');
        info.message = String(error.message);
        position(error, info);
      } else {
        info.message = String(error);
      }
    } catch (ignored) {
      info.message = 'a value that cannot be shown';
    }
    return info;
  }

  function settle(value, maxOutputBytes) {
    var type = typeof value;
    if (value === undefined) return { kind: 'invalid', reason: 'undefined' };
    if (type === 'function' || type === 'symbol' || type === 'bigint') return { kind: 'invalid', reason: type };

    var text;
    try {
      text = stringify(value);
    } catch (error) {
      var message = error !== null && typeof error === 'object' ? String(error.message) : String(error);
      if (error instanceof TypeError && /circular|cyclic/i.test(message)) return { kind: 'invalid', reason: 'cyclic' };
      if (error instanceof TypeError && /bigint/i.test(message)) return { kind: 'invalid', reason: 'bigint' };
      return describe(error);
    }

    if (typeof text !== 'string') return { kind: 'invalid', reason: 'undefined' };
    // UTF-16 length is a lower bound of the UTF-8 size; the host checks the exact size.
    if (text.length > maxOutputBytes) return { kind: 'too-large', size: text.length };
    output = text;
    return { kind: 'ok' };
  }

  function start(jsonText, metadataJson, maxOutputBytes) {
    var convertFunction;
    try {
      convertFunction = convert;
    } catch (missing) {
      state = { kind: 'no-convert' };
      return;
    }
    if (typeof convertFunction !== 'function') {
      state = { kind: 'no-convert', found: typeof convertFunction };
      return;
    }

    var result;
    try {
      result = convertFunction(jsonText, parse(metadataJson));
    } catch (error) {
      state = describe(error);
      return;
    }

    var then;
    try {
      then = result !== null && (typeof result === 'object' || typeof result === 'function') ? result.then : undefined;
    } catch (error) {
      state = describe(error);
      return;
    }
    if (typeof then !== 'function') {
      state = settle(result, maxOutputBytes);
      return;
    }

    state = { kind: 'invalid', reason: 'pending' };
    promiseResolve(result).then(
      function (value) { state = settle(value, maxOutputBytes); },
      function (error) { state = describe(error); }
    );
  }

  function finish() {
    return stringify(state);
  }

  function takeOutput() {
    var text = output;
    output = '';
    return text;
  }

  Object.defineProperty(global, '__pqHarness', {
    value: Object.freeze({ start: start, finish: finish, takeOutput: takeOutput }),
    configurable: true,
  });
})(globalThis);
`;

const SANDBOX_SETUP_SOURCE = String.raw`
(function (global, helper) {
  'use strict';

  // Pure computation needs none of these, and QuickJS lacks them anyway, so
  // removing them keeps both engines alike.
  ['WebAssembly', 'SharedArrayBuffer', 'Atomics'].forEach(function (name) {
    delete global[name];
  });

  function ignore() {}
  var silentConsole = Object.freeze({ log: ignore, info: ignore, warn: ignore, error: ignore, debug: ignore });
  Object.defineProperty(global, 'console', { value: silentConsole, configurable: true, writable: true });
  Object.defineProperty(global, 'pq', { value: helper, configurable: true, writable: false });
})(globalThis, ` + HELPER_SOURCE.trim() + `);
`;

/** Evaluated as `pq-prelude.js` before the converter's script. */
export const PRELUDE_SOURCE = `${SANDBOX_SETUP_SOURCE}\n${HARNESS_SOURCE}`;
