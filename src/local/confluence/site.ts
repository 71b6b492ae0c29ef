// Identity of the emulated Confluence site and its spaces.

export const LOCAL_CLOUD_ID = 'local-0000-0000-0000-000000000000';
export const LOCAL_SITE_ID = `ari:cloud:confluence::site/${LOCAL_CLOUD_ID}`;

export interface LocalSpace {
  id: string;
  key: string;
  name: string;
}

export const DEMO_SPACE: LocalSpace = { id: '98001', key: 'DEMO', name: 'Demo space' };
/** A second space, so queries limited to some spaces can be seen refusing to run elsewhere. */
export const OPS_SPACE: LocalSpace = { id: '98002', key: 'OPS', name: 'Operations' };

export const LOCAL_SPACES: readonly LocalSpace[] = [DEMO_SPACE, OPS_SPACE];

export function spaceByKey(key: string): LocalSpace | undefined {
  return LOCAL_SPACES.find((space) => space.key === key);
}

export function spaceById(id: string): LocalSpace | undefined {
  return LOCAL_SPACES.find((space) => space.id === id);
}
