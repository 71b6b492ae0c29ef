// Recognizing hosts that must not be reached from a multi-tenant backend:
// loopback, private networks, link-local (where cloud metadata services
// live), and names that only resolve inside a network. IP literals are read in
// every form inet_aton accepts (decimal `2130706433`, octal `0177.0.0.1`, hex
// `0x7f.1`) and IPv6 forms that embed an IPv4 address are checked as IPv4.

interface Range {
  base: number;
  bits: number;
  reason: string;
}

function ipv4Range(cidr: string, reason: string): Range {
  const [address, bits] = cidr.split('/') as [string, string];
  return { base: parseIPv4(address) as number, bits: Number(bits), reason };
}

const BLOCKED_IPV4: Range[] = [
  ipv4Range('0.0.0.0/8', 'an unspecified ("this network") address'),
  ipv4Range('10.0.0.0/8', 'a private network address'),
  ipv4Range('100.64.0.0/10', 'a carrier-grade NAT address'),
  ipv4Range('127.0.0.0/8', 'a loopback address'),
  ipv4Range('169.254.0.0/16', 'a link-local address, where cloud metadata services live'),
  ipv4Range('172.16.0.0/12', 'a private network address'),
  ipv4Range('192.0.0.0/24', 'an IETF protocol address'),
  ipv4Range('192.0.2.0/24', 'a documentation address'),
  ipv4Range('192.168.0.0/16', 'a private network address'),
  ipv4Range('198.18.0.0/15', 'a benchmarking address'),
  ipv4Range('198.51.100.0/24', 'a documentation address'),
  ipv4Range('203.0.113.0/24', 'a documentation address'),
  ipv4Range('224.0.0.0/4', 'a multicast address'),
  ipv4Range('240.0.0.0/4', 'a reserved address'),
];

/** Parses an IPv4 address the way inet_aton does (1 to 4 parts, each decimal, octal or hex). */
export function parseIPv4(text: string): number | undefined {
  const parts = text.split('.');
  if (parts.length === 0 || parts.length > 4) return undefined;

  const numbers: number[] = [];
  for (const part of parts) {
    let value: number;
    if (/^0x[0-9a-f]*$/i.test(part)) value = part.length === 2 ? 0 : parseInt(part.slice(2), 16);
    else if (/^0[0-7]+$/.test(part)) value = parseInt(part.slice(1), 8);
    else if (/^(0|[1-9]\d*)$/.test(part)) value = Number(part);
    else return undefined;
    numbers.push(value);
  }

  const last = numbers.pop() as number;
  if (numbers.some((value) => value > 255)) return undefined;
  const lastBits = 8 * (4 - numbers.length);
  if (last >= 2 ** lastBits) return undefined;

  let result = 0;
  for (const [index, value] of numbers.entries()) result += value * 2 ** (24 - 8 * index);
  return result + last;
}

/** Parses an IPv6 address (brackets and zone id allowed) into eight 16-bit groups. */
export function parseIPv6(text: string): number[] | undefined {
  let address = text.startsWith('[') && text.endsWith(']') ? text.slice(1, -1) : text;
  address = address.replace(/%.*$/, '');
  if (!address.includes(':')) return undefined;

  // A trailing dotted IPv4 address stands for the last two groups.
  const tail = /:(\d{1,3}\.\d{1,3}\.\d{1,3}\.\d{1,3})$/.exec(address);
  if (tail) {
    const ipv4 = parseIPv4(tail[1] as string);
    if (ipv4 === undefined || !/^(\d{1,3}\.){3}\d{1,3}$/.test(tail[1] as string)) return undefined;
    const high = Math.floor(ipv4 / 65536).toString(16);
    const low = (ipv4 % 65536).toString(16);
    address = `${address.slice(0, -(tail[1] as string).length)}${high}:${low}`;
  }

  const halves = address.split('::');
  if (halves.length > 2) return undefined;
  const parseGroups = (half: string) => (half === '' ? [] : half.split(':'));
  const head = parseGroups(halves[0] as string);
  const rest = halves.length === 2 ? parseGroups(halves[1] as string) : [];
  if ([...head, ...rest].some((group) => !/^[0-9a-f]{1,4}$/i.test(group))) return undefined;

  const explicit = [...head, ...rest].map((group) => parseInt(group, 16));
  if (halves.length === 1 && explicit.length !== 8) return undefined;
  if (halves.length === 2 && explicit.length > 7) return undefined;

  const zeros = Array<number>(8 - explicit.length).fill(0);
  return [...explicit.slice(0, head.length), ...zeros, ...explicit.slice(head.length)];
}

function classifyIPv4(address: number): string | undefined {
  for (const range of BLOCKED_IPV4) {
    const size = 2 ** (32 - range.bits);
    if (address >= range.base && address < range.base + size) return range.reason;
  }
  if (address === 0xffffffff) return 'the broadcast address';
  return undefined;
}

function classifyIPv6(groups: number[]): string | undefined {
  const [g0, g1, g2, g3, g4, g5, g6, g7] = groups as [number, number, number, number, number, number, number, number];
  const embedded = g6 * 65536 + g7;
  const firstFiveZero = g0 === 0 && g1 === 0 && g2 === 0 && g3 === 0 && g4 === 0;

  if (firstFiveZero && g5 === 0 && g6 === 0 && g7 === 0) return 'the unspecified IPv6 address';
  if (firstFiveZero && g5 === 0 && g6 === 0 && g7 === 1) return 'the IPv6 loopback address';
  if (firstFiveZero && (g5 === 0xffff || g5 === 0)) {
    const reason = classifyIPv4(embedded);
    return reason ? `${reason} (inside an IPv6 address)` : undefined;
  }
  if (g0 === 0x64 && g1 === 0xff9b && g2 === 0 && g3 === 0 && g4 === 0 && g5 === 0) {
    const reason = classifyIPv4(embedded);
    return reason ? `${reason} (inside a NAT64 address)` : undefined;
  }
  if (g0 === 0x2002) {
    const reason = classifyIPv4(g1 * 65536 + g2);
    return reason ? `${reason} (inside a 6to4 address)` : undefined;
  }
  if ((g0 & 0xfe00) === 0xfc00) return 'a unique local IPv6 address (private network, also used by cloud metadata services)';
  if ((g0 & 0xffc0) === 0xfe80) return 'a link-local IPv6 address';
  if ((g0 & 0xffc0) === 0xfec0) return 'a site-local IPv6 address';
  if ((g0 & 0xff00) === 0xff00) return 'a multicast IPv6 address';
  if (g0 === 0x2001 && g1 === 0x0db8) return 'a documentation IPv6 address';
  if (g0 === 0x0100 && g1 === 0 && g2 === 0 && g3 === 0) return 'a discard-only IPv6 address';
  return undefined;
}

/** Returns why an IP address must not be reached, or undefined when it is public. Non-IP text returns undefined. */
export function classifyAddress(ip: string): string | undefined {
  const ipv6 = parseIPv6(ip);
  if (ipv6) return classifyIPv6(ipv6);
  const ipv4 = parseIPv4(ip);
  if (ipv4 !== undefined) return classifyIPv4(ipv4);
  return undefined;
}

export function isIpLiteral(hostname: string): boolean {
  return parseIPv6(hostname) !== undefined || parseIPv4(hostname) !== undefined;
}

const INTERNAL_SUFFIXES = ['.localhost', '.local', '.internal', '.home.arpa', '.lan', '.intranet', '.corp'];

/**
 * Returns why a host (IP literal in any form, or DNS name) must not be
 * reached, or undefined when nothing about the name itself is suspicious.
 * A public-looking name can still resolve to a private address; the Node
 * transport checks resolved addresses when it connects.
 */
export function classifyHostname(hostname: string): string | undefined {
  const host = hostname.toLowerCase().replace(/\.$/, '');
  if (isIpLiteral(host)) return classifyAddress(host);

  if (host === 'localhost') return 'a loopback host name';
  if (INTERNAL_SUFFIXES.some((suffix) => host.endsWith(suffix))) return 'a host name that only resolves inside a private network';
  if (host === 'metadata' || host === 'instance-data') return 'a cloud metadata host name';
  if (!host.includes('.')) return 'a single-label host name, which resolves through the server\'s local DNS search domains';
  return undefined;
}
