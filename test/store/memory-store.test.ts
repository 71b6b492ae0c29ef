import { MemorySecretStore, MemoryStore } from '../../src/core/store/memory-store';
import { ManualClock, runSecretStoreContract, runStoreContract } from './contract';

runStoreContract('MemoryStore', async () => {
  const clock = new ManualClock();
  return { store: new MemoryStore({ clock }), clock };
});

runStoreContract('MemoryStore on the system clock', async () => ({ store: new MemoryStore() }));

runSecretStoreContract('MemorySecretStore', async () => ({ secrets: new MemorySecretStore() }));
