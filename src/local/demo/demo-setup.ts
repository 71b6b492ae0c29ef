// Starts the demo API and keeps the demo seeded: seeds on first start and on
// reset, with fresh tokens each time, and points the demo datasources at the
// demo API again when it had to move to another port.

import type { Logger } from '../../core/ports';
import type { PageStore } from '../confluence/page-store';
import { loadOrCreateCertificate } from '../demo-api/certificate';
import { loadDemoFixtures } from '../demo-api/fixtures';
import { startDemoApi, type DemoApi } from '../demo-api/server';
import { createDemoToken, loadDemoTokens, saveDemoTokens, type DemoToken } from '../demo-api/tokens';
import { readSetting, writeSetting, type SqliteDatabase } from '../store/database';
import { wipeAppData } from '../store/wipe';
import { seedDemo, type DemoWriter } from './seed';

export interface DemoSetup {
  api: DemoApi;
  certificate: string;
  /** Deletes all app data and seeds the demo again. */
  reset(): Promise<void>;
  close(): Promise<void>;
}

export interface DemoSetupOptions {
  db: SqliteDatabase;
  dataDir: string;
  pages: PageStore;
  logger: Logger;
  /** Built on first use: the repository loads the shared entity modules. */
  writer: () => Promise<DemoWriter>;
  /** Moves stored datasources from one demo origin to another. */
  moveDatasources(fromOrigin: string, toOrigin: string): Promise<number>;
  /** Called once the demo API listens, before any seeding, with its PEM certificate. */
  onListening(api: DemoApi, certificate: string): void;
}

export async function setUpDemo(options: DemoSetupOptions): Promise<DemoSetup> {
  const { db, dataDir, logger } = options;
  const certificate = await loadOrCreateCertificate(dataDir);
  let tokens: DemoToken[] = loadDemoTokens(dataDir);

  const previousPort = Number(readSetting(db, 'demoApiPort') ?? '0');
  const api = await startDemoApi({ certificate, fixtures: loadDemoFixtures(), tokens: () => tokens, logger, preferredPort: previousPort });
  writeSetting(db, 'demoApiPort', String(api.port));
  options.onListening(api, certificate.cert);

  const seed = async (): Promise<void> => {
    const main = createDemoToken('Demo Jira');
    const expiring = createDemoToken('Demo Jira Agile');
    const metrics = createDemoToken('Demo Prometheus');
    tokens = [main, expiring, metrics].map(({ label, sha256 }) => ({ label, sha256 }));
    saveDemoTokens(dataDir, tokens);

    await seedDemo({
      writer: await options.writer(),
      pages: options.pages,
      demoApiOrigin: api.origin,
      tokens: { main: main.token, expiring: expiring.token, metrics: metrics.token },
      now: new Date(),
    });
    writeSetting(db, 'demoSeededAt', new Date().toISOString());
    logger.info('demo.seeded', { origin: api.origin });
  };

  if (readSetting(db, 'demoSeededAt') === undefined) {
    await seed();
  } else if (previousPort !== 0 && previousPort !== api.port) {
    const moved = await options.moveDatasources(`https://127.0.0.1:${previousPort}`, api.origin);
    logger.warn('demo_api.port_changed', { from: previousPort, to: api.port, datasourcesMoved: moved });
  }

  return {
    api,
    certificate: certificate.cert,
    async reset() {
      wipeAppData(db);
      await seed();
    },
    close: () => api.close(),
  };
}
