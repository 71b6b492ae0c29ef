// Branded HTML that the renderer may emit without escaping. Only our own
// helpers (included templates, table and chart placeholders, `$PQ.html`)
// create it, so REST data can never reach the page unescaped by accident.

const SAFE_HTML = Symbol('SafeHtml');

export interface SafeHtml {
  readonly [SAFE_HTML]: true;
  readonly html: string;
  toString(): string;
}

export function safeHtml(html: string): SafeHtml {
  return {
    [SAFE_HTML]: true,
    html,
    // velocityjs concatenates output with `+=`, which calls toString.
    toString: () => html,
  };
}

export function isSafeHtml(value: unknown): value is SafeHtml {
  return typeof value === 'object' && value !== null && (value as Record<symbol, unknown>)[SAFE_HTML] === true;
}

const ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
  '`': '&#96;',
};

const NEEDS_ESCAPE = /[&<>"'`]/;
const ESCAPE_PATTERN = /[&<>"'`]/g;

/** Escapes text for use in HTML element content and quoted attribute values. */
export function escapeHtml(text: string): string {
  return NEEDS_ESCAPE.test(text) ? text.replace(ESCAPE_PATTERN, (char) => ESCAPES[char] ?? char) : text;
}

const ENTITY_PATTERN = /&(amp|lt|gt|quot|#39|#96|apos);/g;
const ENTITY_VALUES: Record<string, string> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  '#39': "'",
  '#96': '`',
  apos: "'",
};

/** Reverses `escapeHtml`, for text that was escaped on output and is read back as data (chart options). */
export function unescapeHtml(text: string): string {
  return text.replace(ENTITY_PATTERN, (_match, name: string) => ENTITY_VALUES[name] ?? '');
}
