// CodeMirror 6 in React: JavaScript for converters, HTML with Velocity marks
// for templates, JSON for sample input. Errors from the backend arrive as
// line:column and are shown as lint diagnostics in the gutter and the text.
// Tab is left to the browser, so keyboard users can move past the editor.

import { useEffect, useRef } from 'react';
import { basicSetup } from 'codemirror';
import { javascript } from '@codemirror/lang-javascript';
import { html } from '@codemirror/lang-html';
import { HighlightStyle, syntaxHighlighting } from '@codemirror/language';
import { lintGutter, setDiagnostics, type Diagnostic } from '@codemirror/lint';
import { Compartment, EditorState, type Extension } from '@codemirror/state';
import { Decoration, EditorView, keymap, MatchDecorator, ViewPlugin, type DecorationSet, type ViewUpdate } from '@codemirror/view';
import { tags } from '@lezer/highlight';

export type CodeLanguage = 'javascript' | 'velocity-html' | 'json' | 'text';

export interface CodeMark {
  line: number;
  column?: number;
  message: string;
  severity?: 'error' | 'warning';
}

interface Props {
  value: string;
  onChange?: (value: string) => void;
  language: CodeLanguage;
  label: string;
  marks?: CodeMark[];
  readOnly?: boolean;
  minHeight?: string;
  maxHeight?: string;
  /** Ctrl+Enter (Cmd+Enter) runs this, e.g. "run converter". */
  onRun?: () => void;
  testId?: string;
}

// Colours come from design tokens, so the same style reads well in light and dark mode.
const tokenHighlight = HighlightStyle.define([
  { tag: [tags.keyword, tags.controlKeyword, tags.moduleKeyword], color: 'var(--ds-text-accent-purple, #5e4db2)' },
  { tag: [tags.string, tags.special(tags.string)], color: 'var(--ds-text-accent-green, #216e4e)' },
  { tag: [tags.number, tags.bool, tags.null], color: 'var(--ds-text-accent-orange, #a54800)' },
  { tag: [tags.comment, tags.lineComment, tags.blockComment], color: 'var(--ds-text-subtlest, #626f86)', fontStyle: 'italic' },
  { tag: [tags.function(tags.variableName), tags.function(tags.propertyName)], color: 'var(--ds-text-accent-blue, #0055cc)' },
  { tag: [tags.tagName], color: 'var(--ds-text-accent-teal, #206a83)' },
  { tag: [tags.attributeName, tags.propertyName], color: 'var(--ds-text-accent-magenta, #943d73)' },
  { tag: [tags.operator, tags.punctuation], color: 'var(--ds-text-subtle, #44546f)' },
]);

const tokenTheme = EditorView.theme({
  '&': {
    backgroundColor: 'var(--ds-background-input, #fff)',
    color: 'var(--ds-text, #172b4d)',
    border: '2px solid var(--ds-border-input, #8590a2)',
    borderRadius: '3px',
    fontSize: '13px',
  },
  '&.cm-focused': { outline: 'none', borderColor: 'var(--ds-border-focused, #388bff)' },
  '.cm-content': { fontFamily: 'var(--ds-font-family-code, ui-monospace, monospace)', caretColor: 'var(--ds-text, #172b4d)' },
  '.cm-gutters': {
    backgroundColor: 'var(--ds-surface-sunken, #f7f8f9)',
    color: 'var(--ds-text-subtlest, #626f86)',
    borderRight: '1px solid var(--ds-border, #091e4224)',
  },
  '.cm-activeLine': { backgroundColor: 'var(--ds-background-neutral-subtle-hovered, #091e420f)' },
  '.cm-activeLineGutter': { backgroundColor: 'var(--ds-background-neutral-subtle-hovered, #091e420f)' },
  '.cm-selectionBackground, &.cm-focused .cm-selectionBackground, ::selection': {
    backgroundColor: 'var(--ds-background-selected, #e9f2ff) !important',
  },
  '.cm-cursor': { borderLeftColor: 'var(--ds-text, #172b4d)' },
  '.cm-tooltip': {
    backgroundColor: 'var(--ds-surface-overlay, #fff)',
    color: 'var(--ds-text, #172b4d)',
    border: '1px solid var(--ds-border, #091e4224)',
  },
  '.cm-velocity': { color: 'var(--ds-text-accent-blue, #0055cc)', fontWeight: '600' },
  '.cm-diagnostic-error': { borderLeftColor: 'var(--ds-border-danger, #e2483d)' },
  '.cm-lintRange-error': { backgroundColor: 'var(--ds-background-danger, #ffeceb)' },
});

// Velocity directives and references inside HTML, highlighted on top of the HTML grammar.
const velocityMarks = new MatchDecorator({
  regexp: /#\{?(?:foreach|if|elseif|else|end|set|macro|parse|include|break|stop|define)\}?|\$!?\{?[A-Za-z][\w]*(?:\.[A-Za-z][\w]*)*\}?/g,
  decoration: Decoration.mark({ class: 'cm-velocity' }),
});

const velocityPlugin = ViewPlugin.fromClass(
  class {
    decorations: DecorationSet;
    constructor(view: EditorView) {
      this.decorations = velocityMarks.createDeco(view);
    }
    update(update: ViewUpdate) {
      this.decorations = velocityMarks.updateDeco(update, this.decorations);
    }
  },
  { decorations: (plugin) => plugin.decorations },
);

function languageExtension(language: CodeLanguage): Extension {
  if (language === 'javascript') return javascript();
  if (language === 'json') return javascript({ jsx: false, typescript: false });
  if (language === 'velocity-html') return [html(), velocityPlugin];
  return [];
}

/** Converts 1-based line:column marks to document offsets, clamped to the document. */
function toDiagnostics(state: EditorState, marks: CodeMark[]): Diagnostic[] {
  return marks.map((mark) => {
    const lineNumber = Math.min(Math.max(mark.line, 1), state.doc.lines);
    const line = state.doc.line(lineNumber);
    const from = Math.min(line.from + Math.max((mark.column ?? 1) - 1, 0), line.to);
    const to = mark.column !== undefined && from < line.to ? from + 1 : line.to;
    return { from, to: Math.max(to, from), severity: mark.severity ?? 'error', message: mark.message };
  });
}

export function CodeEditor({ value, onChange, language, label, marks, readOnly, minHeight = '160px', maxHeight = '480px', onRun, testId }: Props) {
  const host = useRef<HTMLDivElement>(null);
  const viewRef = useRef<EditorView | null>(null);
  const onChangeRef = useRef(onChange);
  const onRunRef = useRef(onRun);
  onChangeRef.current = onChange;
  onRunRef.current = onRun;
  const readOnlyCompartment = useRef(new Compartment());

  useEffect(() => {
    if (!host.current) return;
    const view = new EditorView({
      parent: host.current,
      state: EditorState.create({
        doc: value,
        extensions: [
          keymap.of([
            {
              key: 'Mod-Enter',
              run: () => {
                onRunRef.current?.();
                return Boolean(onRunRef.current);
              },
            },
          ]),
          basicSetup,
          languageExtension(language),
          syntaxHighlighting(tokenHighlight),
          lintGutter(),
          tokenTheme,
          EditorView.lineWrapping,
          EditorView.theme({ '.cm-scroller': { minHeight, maxHeight } }),
          EditorView.contentAttributes.of({ 'aria-label': label }),
          readOnlyCompartment.current.of([EditorState.readOnly.of(Boolean(readOnly)), EditorView.editable.of(!readOnly)]),
          EditorView.updateListener.of((update) => {
            if (update.docChanged) onChangeRef.current?.(update.state.doc.toString());
          }),
        ],
      }),
    });
    viewRef.current = view;
    return () => {
      view.destroy();
      viewRef.current = null;
    };
    // The editor is created once; value and marks are synced by the effects below.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [language]);

  // Outside changes (reload, capture sample) replace the document.
  useEffect(() => {
    const view = viewRef.current;
    if (!view) return;
    const current = view.state.doc.toString();
    if (current !== value) view.dispatch({ changes: { from: 0, to: current.length, insert: value } });
  }, [value]);

  useEffect(() => {
    const view = viewRef.current;
    if (!view) return;
    view.dispatch(setDiagnostics(view.state, toDiagnostics(view.state, marks ?? [])));
  }, [marks, value]);

  useEffect(() => {
    viewRef.current?.dispatch({
      effects: readOnlyCompartment.current.reconfigure([EditorState.readOnly.of(Boolean(readOnly)), EditorView.editable.of(!readOnly)]),
    });
  }, [readOnly]);

  return <div ref={host} className="pq-code" data-testid={testId} />;
}
