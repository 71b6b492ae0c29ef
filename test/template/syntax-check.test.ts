import { describe, expect, it } from 'vitest';
import { checkTemplateSyntax } from '../../src/core/template';
import { renderError } from './helpers';

describe('template > checkTemplateSyntax', () => {
  it.each([
    ['unclosed #if', 'a\n  #if($x)\nb', [{ line: 2, column: 3, message: '#if is never closed with #end.' }]],
    ['unclosed #foreach', '#foreach($r in $result)\n$r', [{ line: 1, column: 1, message: '#foreach is never closed with #end.' }]],
    ['stray #end', 'a\nb #end', [{ line: 2, column: 3, message: '#end without an open #if, #foreach, #macro or #define.' }]],
    ['unknown directive', '#table($x)', [{ line: 1, column: 1, message: 'Unknown directive #table: no #macro(table) is defined in this template.' }]],
    ['#else without #if', '#else', [{ line: 1, column: 1, message: '#else without an open #if.' }]],
    ['#elseif after #else', '#if($a)#else#elseif($b)#end', [{ line: 1, column: 13, message: '#elseif after #else in the same #if.' }]],
    ['#if without parentheses', '#if $a #end', [{ line: 1, column: 1, message: '#if needs its arguments in parentheses, e.g. #if($condition).' }]],
    ['unclosed parenthesis', '#if($a', [{ line: 1, column: 1, message: 'The parenthesis after #if is never closed.' }]],
    ['#include', '#include("x")', [{ line: 1, column: 1, message: '#include is not supported: use $PQ.templateByName("name") to include another template.' }]],
    ['#evaluate', '#evaluate($x)', [{ line: 1, column: 1, message: '#evaluate is not supported: templates cannot run text from data as a template.' }]],
    ['unclosed comment', 'a #* b', [{ line: 1, column: 3, message: 'This #* comment is never closed with *#.' }]],
  ])('%s', (_name, source, expected) => {
    expect(checkTemplateSyntax(source)).toEqual(expected);
  });

  it.each([
    ['links and colours', '<a href="#top" style="color:#fff">x</a>'],
    ['escaped directives', '\\#if($a) \\#end'],
    ['comments and raw blocks', '## #if(\n#* #end *# #[[ #foreach ]]#'],
    ['directives in strings', '#set($x = "#end)")'],
    ['defined macros', '#macro(cell $v)<td>$v</td>#end#cell(1)'],
    ['braced directives', '#{if}($a)x#{else}y#{end}'],
    ['a full template', '#foreach($r in $result)\n#if($r.a)\n$r.a\n#elseif($r.b)\nb\n#else\nc\n#end\n#end'],
  ])('accepts %s', (_name, source) => {
    expect(checkTemplateSyntax(source)).toEqual([]);
  });

  it('lists every problem in order', () => {
    expect(checkTemplateSyntax('#end\n#if($a)\n#nope()').map((problem) => problem.line)).toEqual([1, 2, 3]);
  });

  it('reports parser errors with their line', () => {
    const problems = checkTemplateSyntax('ok\n#set($x = )');
    expect(problems[0]?.line).toBe(2);
  });

  it('rejects a malformed template at render time too', () => {
    const error = renderError('x\n#foreach($r in $result)');
    expect(error.code).toBe('TEMPLATE_SYNTAX');
    expect(error.details).toMatchObject({ stage: 'render', line: 2, column: 1, entity: { kind: 'template', id: 'tpl-main', name: 'Main' } });
  });
});
