import { describe, expect, it } from 'vitest';
import { classifyHostname, isEgressDeclared, isUrlAllowed, parseHostPattern } from '../../../src/core/http';

describe('parseHostPattern', () => {
  it.each([
    ['api.example.com', { hostname: 'api.example.com', isWildcard: false }],
    ['API.Example.com', { hostname: 'api.example.com', isWildcard: false }],
    ['*.example.com', { hostname: 'example.com', isWildcard: true }],
    ['jira.example.com:8443', { hostname: 'jira.example.com', isWildcard: false, port: 8443 }],
    ['[::1]:8443', { hostname: '[::1]', isWildcard: false, port: 8443 }],
    ['bücher.example', { hostname: 'xn--bcher-kva.example', isWildcard: false }],
    ['127.0.0.1:3000', { hostname: '127.0.0.1', isWildcard: false, port: 3000 }],
  ])('parses %s', (text, expected) => {
    expect(parseHostPattern(text)).toEqual(expected);
  });

  it.each(['', 'https://api.example.com', 'api.example.com/path', '*', '*.com', 'a b.com', 'host:0', 'host:70000', '*.*.example.com', 'exa_mple.com', '-bad.example.com'])(
    'rejects %s',
    (text) => {
      expect(parseHostPattern(text)).toBeUndefined();
    },
  );
});

describe('isUrlAllowed', () => {
  const base = new URL('https://jira.example.com/jira');

  it.each([
    [[], 'https://jira.example.com/rest', true],
    [[], 'https://jira.example.com:8443/rest', false],
    [[], 'https://other.example.com/rest', false],
    [[{ host: '*.example.com' }], 'https://cdn.example.com/x', true],
    [[{ host: '*.example.com' }], 'https://example.com/x', false],
    [[{ host: '*.example.com' }], 'https://evil-example.com/x', false],
    [[{ host: '*.example.com' }], 'https://example.com.evil.net/x', false],
    [[{ host: 'jira.example.com', pathPrefix: '/rest' }], 'https://jira.example.com/rest/api', true],
    [[{ host: 'jira.example.com', pathPrefix: '/rest' }], 'https://jira.example.com/restricted', false],
    [[{ host: 'jira.example.com:8443' }], 'https://jira.example.com:8443/', true],
    [[{ host: 'jira.example.com' }], 'http://jira.example.com/', true],
  ])('with %j allows %s: %s', (allowedHosts, url, expected) => {
    expect(isUrlAllowed(allowedHosts, base, new URL(url))).toBe(expected);
  });
});

describe('isEgressDeclared', () => {
  it.each([
    [['*'], 'https://anything.example.com:8443/x', true],
    [['api.example.com'], 'https://api.example.com/x', true],
    [['api.example.com'], 'http://api.example.com/x', false],
    [['http://api.example.com'], 'http://api.example.com/x', true],
    [['api.example.com'], 'https://api.example.com:8443/x', false],
    [['api.example.com:8443'], 'https://api.example.com:8443/x', true],
    [['*.atlassian.net'], 'https://acme.atlassian.net/wiki', true],
    [['*.atlassian.net'], 'https://atlassian.net/', false],
    [['https://api.example.com/only/this/path'], 'https://api.example.com/other', true],
  ])('%j covers %s: %s', (entries, url, expected) => {
    expect(isEgressDeclared(entries, new URL(url))).toBe(expected);
  });
});

describe('classifyHostname', () => {
  it.each(['api.example.com', '8.8.8.8', '[2606:4700::1111]', '172.32.0.1', '11.0.0.1'])('accepts public %s', (host) => {
    expect(classifyHostname(host)).toBeUndefined();
  });

  it.each([
    ['127.0.0.1', 'a loopback address'],
    ['0177.0.0.1', 'a loopback address'],
    ['0x7f.1', 'a loopback address'],
    ['2130706433', 'a loopback address'],
    ['[::ffff:127.0.0.1]', 'a loopback address (inside an IPv6 address)'],
    ['[2002:a00:1::]', 'a private network address (inside a 6to4 address)'],
    ['255.255.255.255', 'a reserved address'],
    ['224.0.0.1', 'a multicast address'],
    ['metadata', 'a cloud metadata host name'],
  ])('classifies %s', (host, reason) => {
    expect(classifyHostname(host)).toBe(reason);
  });
});
