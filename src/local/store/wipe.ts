// Empties the app's data in the local database: entity records, cache entries,
// secrets and pages. Used by --reset and the shell's "Reset demo" button before
// the demo is seeded again.

import type { SqliteDatabase } from './database';

export function wipeAppData(db: SqliteDatabase): void {
  const wipe = db.transaction(() => {
    db.prepare('DELETE FROM records').run();
    db.prepare('DELETE FROM cache').run();
    db.prepare('DELETE FROM secrets').run();
    db.prepare('DELETE FROM pages').run();
    db.prepare("DELETE FROM host_settings WHERE key = 'demoSeededAt'").run();
  });
  wipe.immediate();
}
