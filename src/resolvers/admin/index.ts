// Every admin key. The definitions wrapper checks admin rights before any of
// these runs.

import { configActions } from './config';
import { converterActions } from './converters';
import { datasourceActions } from './datasources';
import { queryActions } from './queries';
import { templateActions } from './templates';

export const adminActions = {
  ...datasourceActions,
  ...queryActions,
  ...converterActions,
  ...templateActions,
  ...configActions,
};
