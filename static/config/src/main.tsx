/** @jsxImportSource preact */
// Entry point of the dialog Confluence opens when a page author inserts or edits the macro.

import { render } from 'preact';
import '../../shared/src/styles/base.css';
import './config.css';
import { ConfigApp } from './config-app';

render(<ConfigApp />, document.getElementById('root')!);
