import { describe, expect, it } from 'vitest';
import { renderError } from './helpers';

describe('template > limits', () => {
  it('stops a runaway loop at the deadline', () => {
    const error = renderError('#foreach($a in [1..50000])#foreach($b in [1..50000])x#end#end', [1], { limits: { timeoutMs: 50, maxOutputChars: 1e9 } });
    expect(error.code).toBe('TEMPLATE_TIMEOUT');
    expect(error.message).toMatch(/^Template "Main" at line 1, column \d+: Rendering took longer than 50 ms\.$/);
  });

  it('stops output beyond the size limit', () => {
    const error = renderError('#foreach($a in [1..5000])0123456789#end', [1], { limits: { maxOutputChars: 10_000 } });
    expect(error.code).toBe('TEMPLATE_OUTPUT_TOO_LARGE');
    expect(error.details.limit).toEqual({ name: 'maxOutputChars', value: 10_000 });
  });

  it('stops a string doubling in #set', () => {
    const error = renderError('#set($s = "ab")#foreach($i in [1..60])#set($s = "$s$s")#end', [1], { limits: { maxOutputChars: 100_000 } });
    expect(error.code).toBe('TEMPLATE_OUTPUT_TOO_LARGE');
  });

  it('refuses a huge range before allocating it', () => {
    const error = renderError('#foreach($i in [1..1000000000])#end');
    expect(error.code).toBe('TEMPLATE_ERROR');
    expect(error.message).toBe('Template "Main" at line 1, column 1: The range [1..1000000000] has 1000000000 items; at most 100000 are allowed.');
  });

  it('names the line of a runtime failure', () => {
    const error = renderError('ok\nok\n#set($x = "#if(")$x');
    expect(error.code).toBe('TEMPLATE_ERROR');
    expect(error.details.line).toBe(3);
  });
});
