// Date and number formatting for templates, on Intl with the site's locale and
// time zone. Date patterns follow Java's SimpleDateFormat letters, which
// PocketQuery template authors already know; named styles map to Intl's.

export interface FormatSettings {
  /** BCP 47 tag such as `en-US` or `ko-KR`. */
  locale: string;
  /** IANA zone such as `Europe/Berlin`. */
  timeZone: string;
}

const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;
const STYLES = new Set(['short', 'medium', 'long', 'full']);

// Constructing an Intl formatter costs about 0.2 ms on Node 20, formatting
// with one a few microseconds, and templates format one value per row, so
// formatters are reused per locale and options. Without this cache a
// 10,000-row template with one date column ran into the 5 s render limit.
const MAX_FORMATTERS = 256;
const formatters = new Map<string, Intl.DateTimeFormat | Intl.NumberFormat>();

function cachedFormatter<T extends Intl.DateTimeFormat | Intl.NumberFormat>(kind: string, locale: string, options: object, create: () => T): T {
  const key = `${kind}\u0000${locale}\u0000${JSON.stringify(options)}`;
  const cached = formatters.get(key);
  if (cached) return cached as T;

  const formatter = create();
  if (formatters.size >= MAX_FORMATTERS) formatters.delete(formatters.keys().next().value as string);
  formatters.set(key, formatter);
  return formatter;
}

function dateFormatter(locale: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  return cachedFormatter('date', locale, options, () => new Intl.DateTimeFormat(locale, options));
}

function numberFormatter(locale: string, options: Intl.NumberFormatOptions): Intl.NumberFormat {
  return cachedFormatter('number', locale, options, () => new Intl.NumberFormat(locale, options));
}

/**
 * Reads a date from an ISO string (Jira's `+0000` offsets included), epoch
 * milliseconds, or epoch seconds (numbers below 1e11, as Prometheus sends).
 */
export function toDate(value: unknown): Date | undefined {
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? undefined : value;
  if (typeof value === 'number' && Number.isFinite(value)) return new Date(Math.abs(value) < 1e11 ? value * 1000 : value);
  if (typeof value === 'string' && value.trim() !== '') {
    const text = value.trim();
    const numeric = Number(text);
    if (Number.isFinite(numeric)) return toDate(numeric);
    const date = new Date(text);
    return Number.isNaN(date.getTime()) ? undefined : date;
  }
  return undefined;
}

/** Formats a date with a style (`short`, `medium`, `long`, `full`) or a SimpleDateFormat pattern such as `yyyy-MM-dd HH:mm`. Unreadable input comes back unchanged. */
export function formatDate(value: unknown, pattern: unknown, settings: FormatSettings, withTime = false): string {
  const date = toDate(value);
  if (!date) return value === null || value === undefined ? '' : String(value);

  // A bare date means a calendar day, not midnight UTC: keep it on that day in every zone.
  const timeZone = typeof value === 'string' && DATE_ONLY.test(value.trim()) ? 'UTC' : settings.timeZone;
  const style = typeof pattern === 'string' && pattern !== '' ? pattern : 'medium';

  if (STYLES.has(style)) {
    const options: Intl.DateTimeFormatOptions = { dateStyle: style as 'short', timeZone };
    if (withTime) options.timeStyle = style as 'short';
    return dateFormatter(settings.locale, options).format(date);
  }
  return formatPattern(date, style, settings.locale, timeZone);
}

const TOKEN = /'([^']*)'|y+|M+|d+|H+|h+|m+|s+|S+|E+|a|Z+|X+|./g;

function formatPattern(date: Date, pattern: string, locale: string, timeZone: string): string {
  const part = partsReader(date, locale, timeZone);
  return pattern.replace(TOKEN, (token: string, quoted: string | undefined) => {
    if (quoted !== undefined) return quoted === '' ? "'" : quoted;
    const letter = token[0];
    const width = token.length;
    switch (letter) {
      case 'y':
        return width === 2 ? part('year').slice(-2) : part('year');
      case 'M':
        if (width >= 4) return part('month', { month: 'long' });
        if (width === 3) return part('month', { month: 'short' });
        return pad(part('month'), width);
      case 'd':
        return pad(part('day'), width);
      case 'H':
        return pad(String(Number(part('hour', { hourCycle: 'h23' })) % 24), width);
      case 'h':
        return pad(part('hour', { hourCycle: 'h12' }), width);
      case 'm':
        return pad(part('minute'), width);
      case 's':
        return pad(part('second'), width);
      case 'S':
        return pad(String(date.getUTCMilliseconds()), 3).slice(0, width);
      case 'E':
        return part('weekday', { weekday: width >= 4 ? 'long' : 'short' });
      case 'a':
        return part('dayPeriod', { hour: 'numeric', hourCycle: 'h12' });
      case 'Z':
      case 'X':
        return offset(date, timeZone, letter === 'X');
      default:
        return token;
    }
  });
}

type PartName = 'year' | 'month' | 'day' | 'hour' | 'minute' | 'second' | 'weekday' | 'dayPeriod';

function partsReader(date: Date, locale: string, timeZone: string) {
  return (name: PartName, extra: Intl.DateTimeFormatOptions = {}): string => {
    const options: Intl.DateTimeFormatOptions = { timeZone, ...extra };
    if (name === 'year') options.year = 'numeric';
    if (name === 'month' && !extra.month) options.month = 'numeric';
    if (name === 'day') options.day = 'numeric';
    if (name === 'hour') options.hour = 'numeric';
    if (name === 'minute') options.minute = 'numeric';
    if (name === 'second') options.second = 'numeric';
    // Numeric fields use Latin digits so patterns stay machine-readable in every locale.
    const formatLocale = extra.month || extra.weekday || name === 'dayPeriod' ? locale : 'en-US';
    const parts = dateFormatter(formatLocale, options).formatToParts(date);
    return parts.find((candidate) => candidate.type === name)?.value ?? '';
  };
}

function offset(date: Date, timeZone: string, iso: boolean): string {
  const zoned = dateFormatter('en-US', { timeZone, timeZoneName: 'longOffset' }).formatToParts(date);
  const name = zoned.find((candidate) => candidate.type === 'timeZoneName')?.value ?? 'GMT';
  const match = /GMT([+-]\d{2}):(\d{2})/.exec(name);
  if (!match) return iso ? 'Z' : '+0000';
  return iso ? `${match[1]}:${match[2]}` : `${match[1]}${match[2]}`;
}

function pad(text: string, width: number): string {
  return text.padStart(width, '0');
}

/** Reads a number from a number or numeric string; anything else is undefined. */
export function toNumber(value: unknown): number | undefined {
  if (typeof value === 'number') return Number.isFinite(value) ? value : undefined;
  if (typeof value === 'string' && value.trim() !== '') {
    const parsed = Number(value.trim());
    return Number.isFinite(parsed) ? parsed : undefined;
  }
  return undefined;
}

/** Formats a number in the site's locale with at most `maxFractionDigits` decimals (default 2). Non-numbers come back unchanged. */
export function formatNumber(value: unknown, maxFractionDigits: unknown, settings: FormatSettings): string {
  const number = toNumber(value);
  if (number === undefined) return value === null || value === undefined ? '' : String(value);
  const digits = clampDigits(maxFractionDigits, 2);
  return numberFormatter(settings.locale, { maximumFractionDigits: digits }).format(number);
}

export function formatPercent(value: unknown, maxFractionDigits: unknown, settings: FormatSettings): string {
  const number = toNumber(value);
  if (number === undefined) return value === null || value === undefined ? '' : String(value);
  const digits = clampDigits(maxFractionDigits, 0);
  return numberFormatter(settings.locale, { style: 'percent', maximumFractionDigits: digits }).format(number);
}

export function formatCurrency(value: unknown, currency: unknown, settings: FormatSettings): string {
  const number = toNumber(value);
  if (number === undefined) return value === null || value === undefined ? '' : String(value);
  const code = typeof currency === 'string' && /^[A-Za-z]{3}$/.test(currency) ? currency.toUpperCase() : 'USD';
  return numberFormatter(settings.locale, { style: 'currency', currency: code }).format(number);
}

function clampDigits(value: unknown, fallback: number): number {
  const digits = toNumber(value);
  if (digits === undefined) return fallback;
  return Math.min(20, Math.max(0, Math.trunc(digits)));
}
