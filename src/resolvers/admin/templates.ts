// Template actions. `templates/preview` renders unsaved source against data
// the admin supplies, through the same renderer as a query run.

import type { ActionsFor } from '../scope';
import { deleteAction, listAction } from './crud';
import { entityGateway } from './gateway';
import { previewTemplate } from './run-adapter';
import { assertTemplateSyntax } from './source-check';

type TemplateKeys = 'templates/list' | 'templates/get' | 'templates/save' | 'templates/delete' | 'templates/preview';

export const templateActions: ActionsFor<TemplateKeys> = {
  'templates/list': listAction('template'),

  'templates/get': async ({ id }, { deps }) => entityGateway(deps).get('template', id),

  'templates/save': async ({ draft, baseVersion }, { deps, trusted }) => {
    if (typeof draft.source === 'string') assertTemplateSyntax(draft);
    const saved = await entityGateway(deps).save('template', { draft, baseVersion, updatedBy: trusted.accountId });
    return { id: saved.id, version: saved.version };
  },

  'templates/delete': deleteAction('template'),

  'templates/preview': async (payload, scope) => previewTemplate(payload, scope),
};
