import { describe, expect, it } from 'vitest';
import { parseBodyTemplate, parseUrlTemplate, usedParameterNames } from '../../../src/core/params';

function names(url: string): string[] {
  return parseUrlTemplate(url).flatMap((part) => ('parameter' in part ? [`${part.parameter.position}:${part.parameter.name}`] : []));
}

function literalText(url: string): string {
  return parseUrlTemplate(url)
    .map((part) => ('literal' in part ? part.literal : `{${part.parameter.name}}`))
    .join('');
}

describe('parseUrlTemplate', () => {
  it.each([
    ['/search?jql=project%3D:project', ['query:project']],
    ['/rest/api/2/project/:key/versions', ['path:key']],
    ['/issue/:issueKey?expand=:expand&fields=:fields', ['path:issueKey', 'query:expand', 'query:fields']],
    ['/space/:@space.key/pages?author=:@user.accountId', ['path:@space.key', 'query:@user.accountId']],
    ['/search?jql=created>="2020-01-01 10:00"', []],
    ['/meeting?at=10:30', []],
    ['/redirect?to=https://example.com', []],
    ['/literal::colon', []],
    ['/a/:b1_c/d', ['path:b1_c']],
    ['/page#section=:anchor', ['fragment:anchor']],
    ['/x?y=:_bad&z=:9bad', []],
    ['/x/:a:b', ['path:a', 'path:b']],
  ])('finds parameters in %s', (url, expected) => {
    expect(names(url)).toEqual(expected);
  });

  it('turns a double colon into a literal colon', () => {
    expect(literalText('/time::now?at=12::30')).toBe('/time:now?at=12:30');
  });

  it('keeps text around parameters intact', () => {
    expect(literalText('/search?jql=project%3D:project%20AND%20status=:status')).toBe(
      '/search?jql=project%3D{project}%20AND%20status={status}',
    );
  });

  it('lists used names without wildcards', () => {
    expect(usedParameterNames('/p/:a?b=:b&c=:a&d=:@page.id', '{"x": :c, "y": ":b"}')).toEqual(['a', 'b', 'c']);
  });
});

describe('parseBodyTemplate', () => {
  function bodyNames(body: string): string[] {
    return parseBodyTemplate(body).flatMap((part) => ('parameter' in part ? [`${part.parameter.position}:${part.parameter.name}`] : []));
  }

  it.each([
    ['{"max": :limit}', ['body:limit']],
    ['{"max"::limit}', ['body:limit']],
    ['{"jql": "project = :project"}', ['body-string:project']],
    ['{"flag":true,"list":[:a, :b]}', ['body:a', 'body:b']],
    ['{"time": "10:30", "url": "https://x"}', []],
    ['{"escaped": "a \\":q\\" b"}', ['body-string:q']],
    ['{"colon": "a::b"}', []],
    ['{"space": :@space.key}', ['body:@space.key']],
  ])('finds parameters in %s', (body, expected) => {
    expect(bodyNames(body)).toEqual(expected);
  });
});
