// The CLI's file-backed cache Store must pass the same contract as every other
// Store, with its cache entries in a temporary folder.

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { FileCacheStore } from '../../src/cli/file-cache-store';
import { ManualClock, runStoreContract } from '../store/contract';

runStoreContract('FileCacheStore', async () => {
  const directory = mkdtempSync(path.join(tmpdir(), 'pq-cache-'));
  const clock = new ManualClock();
  return {
    store: new FileCacheStore(path.join(directory, 'cache'), clock),
    clock,
    cleanup: async () => rmSync(directory, { recursive: true, force: true }),
  };
});
