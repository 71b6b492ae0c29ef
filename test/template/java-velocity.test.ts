import { describe, expect, it } from 'vitest';
import { html } from './helpers';

const rows = [
  { name: 'Alpha', count: 3, owner: null, tags: ['x', 'y'] },
  { name: 'Beta', count: 5, owner: { displayName: 'Person A' }, tags: [] },
];

describe('template > Java Velocity behaviour', () => {
  it.each([
    ['null under $! renders empty', '$!result.get(0).owner|', '|'],
    ['null without $! renders the reference text', '$result.get(0).owner', '$result.get(0).owner'],
    ['missing key renders the reference text', '${result.get(0).missing}', '${result.get(0).missing}'],
    ['missing key under $! renders empty', '$!{result.get(0).missing}|', '|'],
    ['list isEmpty()', '$result.get(1).tags.isEmpty() $result.get(0).tags.isEmpty()', 'true false'],
    ['string isEmpty()', '#set($e = "")$e.isEmpty() $result.get(0).name.isEmpty()', 'true false'],
    ['map isEmpty()', '#set($m = {})$m.isEmpty() $result.get(0).isEmpty()', 'true false'],
    ['list contains()', '$result.get(0).tags.contains("y") $result.get(0).tags.contains("z")', 'true false'],
    ['string contains()', '$result.get(0).name.contains("lph") $result.get(0).name.contains("q")', 'true false'],
    ['containsKey()', '$result.get(0).containsKey("count") $result.get(0).containsKey("nope")', 'true false'],
    ['string equals()', '$result.get(0).name.equals("Alpha") $result.get(0).name.equals("alpha")', 'true false'],
    ['number equals()', '$result.get(0).count.equals(3)', 'true'],
    ['equalsIgnoreCase()', '$result.get(0).name.equalsIgnoreCase("ALPHA")', 'true'],
    ['string length()', '$result.get(0).name.length()', '5'],
    ['list size() and length()', '$result.size() $result.get(0).tags.length()', '2 2'],
    ['map size()', '$result.get(0).size()', '4'],
    ['keySet()', '$result.get(0).keySet()', '[name, count, owner, tags]'],
    ['list prints like Java', '$result.get(0).tags', '[x, y]'],
    ['map prints like Java', '$result.get(1).owner', '{displayName=Person A}'],
    ['Java replace() replaces every match', '#set($s = "a-b-c")$s.replace("-", "+")', 'a+b+c'],
    ['Java split() drops trailing empties', '#set($s = "a|b||")$s.split("\\|").size()', '2'],
    ['toString() on a map', '$result.get(1).owner.toString()', '{displayName=Person A}'],
    ['intValue() on a numeric string', '#set($s = "42.9")$s.intValue()', '42'],
    ['get() by key', '$result.get(1).get("owner").get("displayName")', 'Person A'],
  ])('%s', (_name, source, expected) => {
    expect(html(source, rows)).toBe(expected);
  });

  it('foreach exposes first, last, count, index and hasNext', () => {
    const output = html('#foreach($r in $result)[$foreach.first $foreach.last $foreach.count $foreach.index $foreach.hasNext $velocityCount]#end', rows);
    expect(output).toBe('[true false 1 0 true 1][false true 2 1 false 2]');
  });

  it('nested foreach reads the innermost loop', () => {
    const output = html('#foreach($r in $result)#foreach($t in $r.tags)$foreach.count#end/$foreach.count #end', rows);
    expect(output).toBe('12/1 /2 ');
  });

  it('foreach over a map iterates its values', () => {
    expect(html('#foreach($v in $result.get(1).owner)$v#end', rows)).toBe('Person A');
  });

  it('calling a method does not mutate the data', () => {
    const data = [{ name: 'Alpha', list: [1, 2] }];
    html('$result.get(0).hasOwnProperty("name") $result.get(0).list.indexOf(2) $result.get(0).list.join("-") $result.get(0).name.toUpperCase()', data);
    expect(data).toEqual([{ name: 'Alpha', list: [1, 2] }]);
    expect(Object.keys(data[0]!)).toEqual(['name', 'list']);
    expect(Object.keys(data[0]!.list)).toEqual(['0', '1']);
  });

  it('helper calls do not add an eval property to the result', () => {
    const data = [{ a: 1 }];
    html('$PQ.toList($result).size() $PQ.formatNumber(1)', data);
    expect(Object.getOwnPropertyNames(data[0])).toEqual(['a']);
  });

  it('JavaScript string methods work, dangerous ones do not', () => {
    expect(html('$result.get(0).name.toUpperCase() $result.get(0).name.substring(1, 3)', rows)).toBe('ALPHA lp');
    expect(html('$result.get(0).name.constructor', rows)).toBe('$result.get(0).name.constructor');
    expect(html('$result.get(0).name.repeat(999999999)', rows)).toBe('$result.get(0).name.repeat(999999999)');
  });

  it('macros defined in the template run', () => {
    expect(html('#macro(cell $v)<td>$v</td>#end#cell("a<")', rows)).toBe('<td>a&lt;</td>');
  });
});
