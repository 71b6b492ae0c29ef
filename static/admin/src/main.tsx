// Entry point of the admin page: loads the theme, then renders the app.

import '@atlaskit/css-reset';
import { createRoot } from 'react-dom/client';
import { App } from './app/App';
import { enableTheme } from './app/theme';
import './admin.css';

const container = document.getElementById('root');
if (!container) throw new Error('The admin page needs an element with id "root".');

void enableTheme().finally(() => {
  createRoot(container).render(<App />);
});
