// Confluence pages of the local site, with the macros placed on them. A macro's
// config lives in the page, as Confluence stores it: plain text, never secret.

import { randomUUID } from 'node:crypto';
import type { MacroConfig } from '../../contract/entities';
import type { SqliteDatabase } from '../store/database';

export interface PageMacro {
  /** Confluence's id of the macro instance on the page (`localId` in the Forge context). */
  localId: string;
  /** Heading the shell shows above the macro, like a section of the page. */
  heading?: string;
  /** Text the shell shows between the heading and the macro. */
  intro?: string;
  config: MacroConfig | Record<string, never>;
}

export interface PageDocument {
  intro: string;
  macros: PageMacro[];
  /** Account ids that may view the page, like a Confluence view restriction; absent means everyone. */
  restrictedTo?: string[];
}

export interface LocalPage {
  id: string;
  spaceKey: string;
  title: string;
  document: PageDocument;
  version: number;
}

interface PageRow {
  id: string;
  space_key: string;
  title: string;
  document: string;
  version: number;
}

export class PageNotFoundError extends Error {}

/** Checks whether the account may view the page; Confluence hides restricted pages from everyone else. */
export function canView(page: LocalPage, accountId: string | undefined): boolean {
  const allowed = page.document.restrictedTo;
  if (allowed === undefined) return true;
  return accountId !== undefined && allowed.includes(accountId);
}

export class PageStore {
  constructor(private readonly db: SqliteDatabase) {}

  get(id: string): LocalPage | undefined {
    const row = this.db.prepare('SELECT id, space_key, title, document, version FROM pages WHERE id = ?').get(id) as PageRow | undefined;
    return row ? toPage(row) : undefined;
  }

  list(): LocalPage[] {
    const rows = this.db.prepare('SELECT id, space_key, title, document, version FROM pages ORDER BY id').all() as PageRow[];
    return rows.map(toPage);
  }

  /** Creates or replaces a page; used by the demo seed. */
  put(page: Omit<LocalPage, 'version'>): void {
    this.db
      .prepare(
        `INSERT INTO pages (id, space_key, title, document, version) VALUES (?, ?, ?, ?, 1)
         ON CONFLICT (id) DO UPDATE SET space_key = excluded.space_key, title = excluded.title, document = excluded.document, version = pages.version + 1`,
      )
      .run(page.id, page.spaceKey, page.title, JSON.stringify(page.document));
  }

  /** Saves a macro's config, as view.submit() in the config dialog does. */
  setMacroConfig(pageId: string, localId: string, config: PageMacro['config']): LocalPage {
    return this.update(pageId, (document) => {
      const macro = document.macros.find((candidate) => candidate.localId === localId);
      if (!macro) throw new PageNotFoundError(`Page ${pageId} has no macro with localId ${localId}.`);
      macro.config = config;
    });
  }

  /** Appends a macro to the page and returns its localId. */
  insertMacro(pageId: string, config: PageMacro['config']): string {
    const localId = randomUUID();
    this.update(pageId, (document) => {
      document.macros.push({ localId, config });
    });
    return localId;
  }

  removeMacro(pageId: string, localId: string): void {
    this.update(pageId, (document) => {
      const index = document.macros.findIndex((candidate) => candidate.localId === localId);
      if (index < 0) throw new PageNotFoundError(`Page ${pageId} has no macro with localId ${localId}.`);
      document.macros.splice(index, 1);
    });
  }

  deleteAll(): void {
    this.db.prepare('DELETE FROM pages').run();
  }

  // Read, change and write in one IMMEDIATE transaction, so two saves of
  // different macros on one page both land.
  private update(pageId: string, change: (document: PageDocument) => void): LocalPage {
    const run = this.db.transaction((): LocalPage => {
      const page = this.get(pageId);
      if (!page) throw new PageNotFoundError(`Page ${pageId} does not exist.`);
      change(page.document);
      this.db.prepare('UPDATE pages SET document = ?, version = version + 1 WHERE id = ?').run(JSON.stringify(page.document), pageId);
      return { ...page, version: page.version + 1 };
    });
    return run.immediate();
  }
}

function toPage(row: PageRow): LocalPage {
  return { id: row.id, spaceKey: row.space_key, title: row.title, document: JSON.parse(row.document) as PageDocument, version: row.version };
}
