// Pulling a human message out of an upstream error body. REST APIs wrap their
// errors differently: Jira `{errorMessages: [], errors: {field: message}}`,
// GitHub `{message, errors: [{resource, field, code}]}`, Prometheus
// `{status: "error", errorType, error}`, RFC 7807 `{title, detail}`, JSON:API
// and GraphQL `{errors: [{detail | message}]}`, and plain text or HTML pages.

const MAX_MESSAGE_LENGTH = 500;

/**
 * How much of a body the patterns below read. Titles and messages sit near
 * the start, and a failed lazy match is quadratic in the text it reads: a 5 MB
 * page of unclosed `<title>` tags held the resolver for minutes.
 */
const MAX_SCANNED_CHARS = 16 * 1024;

function truncate(text: string): string {
  const collapsed = text.replace(/\s+/g, ' ').trim();
  return collapsed.length > MAX_MESSAGE_LENGTH ? `${collapsed.slice(0, MAX_MESSAGE_LENGTH)}…` : collapsed;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

function strings(value: unknown): string[] {
  if (typeof value === 'string') return value.trim() ? [value] : [];
  if (Array.isArray(value)) return value.flatMap(strings);
  return [];
}

function fromJson(value: unknown): string | undefined {
  if (typeof value === 'string') return value || undefined;
  if (!isRecord(value)) return undefined;
  const parts: string[] = [];

  // Jira
  parts.push(...strings(value.errorMessages));
  if (isRecord(value.errors)) {
    for (const [field, message] of Object.entries(value.errors)) {
      if (typeof message === 'string') parts.push(`${field}: ${message}`);
    }
  }

  // Prometheus
  if (value.status === 'error' && typeof value.error === 'string') {
    parts.push(typeof value.errorType === 'string' ? `${value.errorType}: ${value.error}` : value.error);
  }

  // GitHub and many others
  if (typeof value.message === 'string' && value.message.trim()) {
    let message = value.message;
    if (Array.isArray(value.errors)) {
      const details = value.errors.filter(isRecord).map((entry) => {
        if (typeof entry.message === 'string') return entry.message;
        return [entry.resource, entry.field, entry.code].filter((part) => typeof part === 'string').join(' ');
      });
      if (details.length > 0) message += ` (${details.join('; ')})`;
    }
    parts.push(message);
  }

  // OAuth, RFC 7807, JSON:API, GraphQL
  if (parts.length === 0) {
    if (typeof value.error === 'string') parts.push(typeof value.error_description === 'string' ? `${value.error}: ${value.error_description}` : value.error);
    else if (isRecord(value.error) && typeof value.error.message === 'string') parts.push(value.error.message);
    if (typeof value.detail === 'string') parts.push(typeof value.title === 'string' ? `${value.title}: ${value.detail}` : value.detail);
    else if (typeof value.title === 'string') parts.push(value.title);
    if (Array.isArray(value.errors)) {
      for (const entry of value.errors.filter(isRecord)) {
        const text = entry.detail ?? entry.message ?? entry.title;
        if (typeof text === 'string') parts.push(text);
      }
    }
  }

  return parts.length > 0 ? parts.join('; ') : undefined;
}

/** Returns the title of an HTML page, which for login and error pages names the problem. */
export function htmlTitle(text: string): string | undefined {
  const match = /<title[^>]*>([\s\S]*?)<\/title>/i.exec(text.slice(0, MAX_SCANNED_CHARS));
  if (!match) return undefined;
  const title = (match[1] as string)
    .replace(/<[^>]*>/g, '')
    .replace(/&amp;/g, '&')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .trim();
  return title || undefined;
}

export function looksLikeHtml(contentType: string, text: string): boolean {
  return contentType.includes('html') || /^\s*<(!doctype html|html|head|body)\b/i.test(text);
}

/** Extracts the upstream's own explanation of an error from whatever body shape it sent; undefined when it sent none. */
export function extractUpstreamMessage(contentType: string, text: string): string | undefined {
  const trimmed = text.trim();
  if (trimmed === '') return undefined;
  const head = trimmed.slice(0, MAX_SCANNED_CHARS);

  if (looksLikeHtml(contentType, trimmed)) {
    const title = htmlTitle(trimmed);
    return title ? truncate(`HTML page "${title}"`) : 'an HTML page';
  }

  if (/^[[{"]/.test(trimmed)) {
    try {
      const message = fromJson(JSON.parse(trimmed));
      if (message) return truncate(message);
    } catch {
      // Not JSON after all: fall through to plain text.
    }
  }

  if (contentType.includes('xml') || trimmed.startsWith('<')) {
    const message = /<(message|error|faultstring)[^>]*>([\s\S]*?)<\//i.exec(head);
    return truncate(message ? (message[2] as string) : 'an XML document');
  }
  return truncate(head);
}

/** Jira's `warningMessages` array, sent with a 200 when part of a JQL query was ignored. */
export function extractWarningMessages(json: unknown): string[] {
  if (!isRecord(json)) return [];
  return strings(json.warningMessages).map(truncate);
}
