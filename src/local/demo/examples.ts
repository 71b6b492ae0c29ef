// Reads the example converters and templates in examples/ (listed in
// examples/index.json), so the demo seeds the same code the examples document.

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PROJECT_ROOT } from '../options';

export const EXAMPLES_DIR = join(PROJECT_ROOT, 'examples');

export interface Example {
  name: string;
  description: string;
  /** Path of the converter relative to examples/, the key the seed looks examples up by. */
  converterPath: string;
  converterSource: string;
  templatePath?: string;
  templateSource?: string;
  /** File name in test/fixtures the example was written against. */
  fixture: string;
}

interface IndexEntry {
  name: string;
  description: string;
  converter: string;
  template?: string;
  fixture: string;
}

export function loadExamples(): Map<string, Example> {
  const index = JSON.parse(readFileSync(join(EXAMPLES_DIR, 'index.json'), 'utf8')) as { examples: IndexEntry[] };
  const examples = new Map<string, Example>();
  for (const entry of index.examples) {
    const example: Example = {
      name: entry.name,
      description: entry.description,
      converterPath: entry.converter,
      converterSource: readFileSync(join(EXAMPLES_DIR, entry.converter), 'utf8'),
      fixture: entry.fixture,
    };
    if (entry.template) {
      example.templatePath = entry.template;
      example.templateSource = readFileSync(join(EXAMPLES_DIR, entry.template), 'utf8');
    }
    examples.set(entry.converter, example);
  }
  return examples;
}

/** Returns the example with that converter path, or throws naming the file to check. */
export function requireExample(examples: Map<string, Example>, converterPath: string): Example {
  const example = examples.get(converterPath);
  if (!example) {
    throw new Error(`examples/index.json lists no example with converter "${converterPath}", which the local demo seeds. Restore the entry or update src/local/demo/seed.ts.`);
  }
  return example;
}
