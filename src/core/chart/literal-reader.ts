// A reader for JavaScript object literals as data: unquoted keys, single or
// double quotes, trailing commas, nested objects and arrays, numbers,
// booleans and null, plus comments. Nothing is ever evaluated: any other
// token (a function, a variable, an expression) is a parse error.

export class LiteralSyntaxError extends Error {
  readonly offset: number;

  constructor(message: string, offset: number) {
    super(message);
    this.name = 'LiteralSyntaxError';
    this.offset = offset;
  }
}

const MAX_DEPTH = 20;
const IDENTIFIER = /[A-Za-z_$][\w$]*/y;
const NUMBER = /[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?/y;

export class LiteralReader {
  readonly text: string;
  offset: number;

  constructor(text: string, offset = 0) {
    this.text = text;
    this.offset = offset;
  }

  skipSpace(): void {
    const text = this.text;
    for (;;) {
      while (this.offset < text.length && /\s/.test(text[this.offset]!)) this.offset += 1;
      if (text.startsWith('//', this.offset)) {
        const newline = text.indexOf('\n', this.offset);
        this.offset = newline === -1 ? text.length : newline;
      } else if (text.startsWith('/*', this.offset)) {
        const close = text.indexOf('*/', this.offset + 2);
        if (close === -1) throw new LiteralSyntaxError('A /* comment is never closed.', this.offset);
        this.offset = close + 2;
      } else {
        return;
      }
    }
  }

  atEnd(): boolean {
    this.skipSpace();
    return this.offset >= this.text.length;
  }

  peek(): string | undefined {
    this.skipSpace();
    return this.text[this.offset];
  }

  tryConsume(token: string): boolean {
    this.skipSpace();
    if (!this.text.startsWith(token, this.offset)) return false;
    this.offset += token.length;
    return true;
  }

  expect(token: string): void {
    if (!this.tryConsume(token)) throw new LiteralSyntaxError(`Expected "${token}" but found ${this.describeHere()}.`, this.offset);
  }

  readIdentifier(): string | undefined {
    this.skipSpace();
    IDENTIFIER.lastIndex = this.offset;
    const match = IDENTIFIER.exec(this.text);
    if (!match) return undefined;
    this.offset = IDENTIFIER.lastIndex;
    return match[0];
  }

  readValue(depth = 0): unknown {
    if (depth > MAX_DEPTH) throw new LiteralSyntaxError(`Options are nested deeper than ${MAX_DEPTH} levels.`, this.offset);
    const char = this.peek();
    if (char === '{') return this.readObject(depth);
    if (char === '[') return this.readArray(depth);
    if (char === '"' || char === "'") return this.readString();

    NUMBER.lastIndex = this.offset;
    const number = NUMBER.exec(this.text);
    if (number) {
      this.offset = NUMBER.lastIndex;
      return Number(number[0]);
    }

    const start = this.offset;
    const word = this.readIdentifier();
    if (word === 'true') return true;
    if (word === 'false') return false;
    if (word === 'null') return null;
    this.offset = start;
    throw new LiteralSyntaxError(`Only literal values are allowed in chart options; found ${this.describeHere()}.`, start);
  }

  readString(): string {
    this.skipSpace();
    const quote = this.text[this.offset];
    if (quote !== '"' && quote !== "'") throw new LiteralSyntaxError(`Expected a quoted string but found ${this.describeHere()}.`, this.offset);
    const start = this.offset;
    let result = '';
    let index = this.offset + 1;
    while (index < this.text.length) {
      const char = this.text[index]!;
      if (char === quote) {
        this.offset = index + 1;
        return result;
      }
      if (char === '\n') break;
      if (char === '\\') {
        const escaped = this.text[index + 1];
        if (escaped === 'u') {
          const hex = this.text.slice(index + 2, index + 6);
          if (!/^[0-9a-fA-F]{4}$/.test(hex)) throw new LiteralSyntaxError('Invalid \\u escape in a string.', index);
          result += String.fromCharCode(parseInt(hex, 16));
          index += 6;
          continue;
        }
        result += ESCAPES[escaped ?? ''] ?? escaped ?? '';
        index += 2;
        continue;
      }
      result += char;
      index += 1;
    }
    throw new LiteralSyntaxError('A string is never closed.', start);
  }

  private readObject(depth: number): Record<string, unknown> {
    this.expect('{');
    const result: Record<string, unknown> = {};
    while (!this.tryConsume('}')) {
      const key = this.readKey();
      this.expect(':');
      const value = this.readValue(depth + 1);
      if (key !== '__proto__') result[key] = value;
      if (!this.tryConsume(',')) {
        this.expect('}');
        break;
      }
    }
    return result;
  }

  private readArray(depth: number): unknown[] {
    this.expect('[');
    const result: unknown[] = [];
    while (!this.tryConsume(']')) {
      result.push(this.readValue(depth + 1));
      if (!this.tryConsume(',')) {
        this.expect(']');
        break;
      }
    }
    return result;
  }

  private readKey(): string {
    const char = this.peek();
    if (char === '"' || char === "'") return this.readString();
    NUMBER.lastIndex = this.offset;
    const number = NUMBER.exec(this.text);
    if (number && /^\d/.test(number[0])) {
      this.offset = NUMBER.lastIndex;
      return String(Number(number[0]));
    }
    const identifier = this.readIdentifier();
    if (identifier === undefined) throw new LiteralSyntaxError(`Expected a property name but found ${this.describeHere()}.`, this.offset);
    return identifier;
  }

  describeHere(): string {
    if (this.offset >= this.text.length) return 'the end of the input';
    const excerpt = this.text.slice(this.offset, this.offset + 20).replace(/\s+/g, ' ');
    return `"${excerpt}"`;
  }
}

const ESCAPES: Record<string, string> = { n: '\n', t: '\t', r: '\r', b: '\b', f: '\f', v: '\v', '0': '\0' };

/** Parses one object-literal value covering the whole text. */
export function parseObjectLiteral(text: string): unknown {
  const reader = new LiteralReader(text);
  const value = reader.readValue();
  if (!reader.atEnd()) throw new LiteralSyntaxError(`Unexpected ${reader.describeHere()} after the value.`, reader.offset);
  return value;
}
