// Identity of the emulated Confluence site and its one space.

export const LOCAL_CLOUD_ID = 'local-0000-0000-0000-000000000000';
export const LOCAL_SITE_ID = `ari:cloud:confluence::site/${LOCAL_CLOUD_ID}`;

export const DEMO_SPACE = { id: '98001', key: 'DEMO', name: 'Demo space' } as const;
