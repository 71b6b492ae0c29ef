// Decides whether a build output can be reused: it must exist and be newer
// than every input file, so an edit after the last build forces a new one.

import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';

export interface BuildInputs {
  /** Folders whose files, at any depth, the output is built from. */
  folders: string[];
  /** Single input files; a missing one is skipped. */
  files: string[];
}

/** Returns the latest modification time of the inputs in milliseconds, or 0 when there are none. */
export function newestInputMs({ folders, files }: BuildInputs): number {
  const inFolders = folders.flatMap((folder) =>
    readdirSync(folder, { recursive: true, withFileTypes: true })
      .filter((entry) => entry.isFile())
      .map((entry) => path.join(entry.parentPath, entry.name)),
  );
  const times = [...inFolders, ...files.filter((file) => existsSync(file))].map((file) => statSync(file).mtimeMs);
  return Math.max(0, ...times);
}

/** Checks that `output` exists and was written after every input changed. */
export function isBuildFresh(output: string, inputs: BuildInputs): boolean {
  return existsSync(output) && statSync(output).mtimeMs > newestInputMs(inputs);
}
