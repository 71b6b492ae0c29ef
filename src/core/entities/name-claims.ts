// Unique names per kind without transactions: before an entity is written
// under a name, a `meta` record keyed by a hash of the kind and the normalized
// name is created with the store's create-only put. Of two concurrent saves
// with one name, only one can create that record.

import { createHash } from 'node:crypto';
import type { EntityKind } from '../../contract/entities';
import { isAppError } from '../../errors/app-error';
import type { Clock } from '../ports';
import type { Store } from '../store/types';

interface NameClaim {
  kind: EntityKind;
  id: string;
  name: string;
  claimedAt: number;
}

export type ClaimOutcome = 'claimed' | 'owned' | 'taken';

/** A claim younger than this may belong to a save still in progress, so it is never taken over. */
const IN_PROGRESS_MS = 60_000;

export function normalizeName(name: string): string {
  return name.trim().toLowerCase();
}

function claimId(kind: EntityKind, name: string): string {
  const digest = createHash('sha256').update(`${kind}\u0000${normalizeName(name)}`).digest('hex');
  return `name-${kind}-${digest.slice(0, 40)}`;
}

function isConflict(error: unknown): boolean {
  return isAppError(error) && error.code === 'CONFLICT';
}

export class NameClaims {
  constructor(
    private readonly store: Store,
    private readonly clock: Clock,
  ) {}

  /**
   * Claims a name for an entity. `isHeldBy` reports whether another entity
   * still uses the name; a claim whose owner no longer does (deleted or
   * renamed without releasing it) is taken over once it is old enough.
   */
  async claim(kind: EntityKind, name: string, id: string, isHeldBy: (ownerId: string) => Promise<boolean>): Promise<ClaimOutcome> {
    const key = claimId(kind, name);
    const claim: NameClaim = { kind, id, name, claimedAt: this.clock.now() };

    for (let attempt = 0; attempt < 3; attempt += 1) {
      const existing = await this.store.get<NameClaim>('meta', key);
      if (existing?.value.id === id) return 'owned';

      if (existing) {
        const isRecent = this.clock.now() - existing.value.claimedAt < IN_PROGRESS_MS;
        if (isRecent || (await isHeldBy(existing.value.id))) return 'taken';
      }

      try {
        await this.store.put('meta', key, claim, existing?.version ?? 0);
        return 'claimed';
      } catch (error) {
        if (!isConflict(error)) throw error;
      }
    }
    return 'taken';
  }

  /** Releases a name if this entity holds it. */
  async release(kind: EntityKind, name: string, id: string): Promise<void> {
    const key = claimId(kind, name);
    const existing = await this.store.get<NameClaim>('meta', key);
    if (existing?.value.id !== id) return;
    try {
      await this.store.delete('meta', key, existing.version);
    } catch (error) {
      // Someone took the claim over in between: it is theirs now.
      if (!isConflict(error)) throw error;
    }
  }
}
