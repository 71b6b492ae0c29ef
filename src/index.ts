// Forge entry points. manifest.yml names `index.handler` as the resolver
// function behind the macro, its configuration dialog and the admin page.

import { forgeDeps } from './platform/forge/deps';
import { createForgeHandler } from './resolvers';

export const handler = createForgeHandler(forgeDeps);
