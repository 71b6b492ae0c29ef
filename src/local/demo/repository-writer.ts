// The demo seed's writer on the shared EntityRepository, so seeded entities are
// validated, versioned and stored (secrets split off and encrypted) exactly as
// the admin page's saves are. Saves are recorded as made by the local admin.

import { EntityRepository } from '../../core/entities';
import type { MakeDeps } from '../../resolvers/deps';
import { ADMIN_USER } from '../confluence/users';
import type { DemoWriter } from './seed';

export interface RepositoryWriter extends DemoWriter {
  repository: EntityRepository;
}

export async function createRepositoryWriter(makeDeps: MakeDeps): Promise<RepositoryWriter> {
  const deps = await makeDeps({ accountId: ADMIN_USER.accountId, accountType: 'licensed' });
  const repository = new EntityRepository({ store: deps.store, secrets: deps.secrets, clock: deps.clock, network: deps.network });

  return {
    repository,
    async save(kind, draft, secrets) {
      const outcome = await repository.save(kind, draft, { secrets, accountId: ADMIN_USER.accountId });
      return outcome.id;
    },
  };
}

/**
 * Points datasources whose base URL is on `fromOrigin` at `toOrigin`, keeping
 * the path; returns how many moved. Used when the demo API could not get its
 * previous port back.
 */
export async function moveDemoDatasources(writer: RepositoryWriter, fromOrigin: string, toOrigin: string): Promise<number> {
  let moved = 0;
  for (const datasource of await writer.repository.listEntities('datasource')) {
    if (!datasource.baseUrl.startsWith(fromOrigin)) continue;

    const { id, version, updatedAt: _updatedAt, updatedBy: _updatedBy, schemaVersion: _schemaVersion, ...draft } = datasource;
    await writer.repository.save('datasource', { ...draft, id, baseUrl: toOrigin + datasource.baseUrl.slice(fromOrigin.length) }, {
      baseVersion: version,
      accountId: ADMIN_USER.accountId,
    });
    moved += 1;
  }
  return moved;
}
