/** @jsxImportSource preact */
// Entry point of the macro view that Confluence shows on the page.

import { render } from 'preact';
import '../../shared/src/styles/base.css';
import './macro.css';
import { MacroApp } from './macro-app';

render(<MacroApp />, document.getElementById('root')!);
