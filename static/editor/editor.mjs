// The code editor of edit mode: CodeMirror 6 from npm (scripts/setup), with Python highlighting,
// line numbers, bracket matching, Tab to indent, and a mark on the line of an error. Bundled by
// esbuild (scripts/build-editor, a hook of every trunk build) into editor/editor.js, which the
// page imports only when a learner presses Edit.
import { EditorView, basicSetup } from 'codemirror';
import { indentWithTab } from '@codemirror/commands';
import { python } from '@codemirror/lang-python';
import { StateEffect, StateField } from '@codemirror/state';
import { Decoration, keymap } from '@codemirror/view';

const markLine = StateEffect.define();

/** The line of the last error, marked until the text changes or another run marks another. */
const errorLine = StateField.define({
  create: () => Decoration.none,
  update(marks, transaction) {
    marks = transaction.docChanged ? Decoration.none : marks;
    for (const effect of transaction.effects) {
      if (!effect.is(markLine)) continue;
      const line = effect.value;
      marks = line === null
        ? Decoration.none
        : Decoration.set([
          Decoration.line({ class: 'cm-error-line', attributes: { 'data-testid': 'editor-error-line' } })
            .range(transaction.state.doc.line(line).from),
        ]);
    }
    return marks;
  },
  provide: (field) => EditorView.decorations.from(field),
});

/** The page's colours, light and dark, from its own CSS variables. */
const look = EditorView.theme({
  '&': { backgroundColor: 'var(--code-bg)', color: 'var(--fg)', fontSize: '0.85rem', maxHeight: '32rem', borderRadius: '6px' },
  '.cm-scroller': { overflow: 'auto' },
  '.cm-content': { caretColor: 'var(--fg)', fontFamily: 'var(--mono, ui-monospace, monospace)' },
  '.cm-gutters': { backgroundColor: 'var(--code-bg)', color: 'var(--muted)', border: 'none' },
  '.cm-activeLine, .cm-activeLineGutter': { backgroundColor: 'color-mix(in srgb, var(--accent) 8%, transparent)' },
  '.cm-error-line': { backgroundColor: 'var(--error-bg)', outline: '1px solid var(--error)' },
  '&.cm-focused': { outline: '2px solid var(--accent)' },
});

/**
 * Mounts an editor in `parent` holding `text`; `onChange(text)` hears every edit. `label` names
 * it for assistive technology. Returns its handle.
 */
export function createEditor(parent, text, onChange, label) {
  // In a shadow root of its own: there CodeMirror's styles are constructed style sheets, which
  // the page's Content-Security-Policy (style-src 'self') allows, where in the document it would
  // add <style> elements, which the policy refuses. The page's CSS variables still reach it.
  const root = parent.attachShadow({ mode: 'open' });
  const view = new EditorView({
    doc: text,
    root,
    parent: root,
    extensions: [
      basicSetup,
      keymap.of([indentWithTab]),
      python(),
      errorLine,
      look,
      EditorView.contentAttributes.of({ 'aria-label': label, 'data-testid': 'editor-text' }),
      EditorView.updateListener.of((update) => {
        if (update.docChanged) onChange(update.state.doc.toString());
      }),
    ],
  });
  return {
    setText(next) {
      if (next !== view.state.doc.toString()) {
        view.dispatch({ changes: { from: 0, to: view.state.doc.length, insert: next } });
      }
    },
    /** Marks line `line` (from 1) as the error's, or clears the mark (0). */
    markError(line) {
      const valid = line >= 1 && line <= view.state.doc.lines;
      view.dispatch({ effects: markLine.of(valid ? line : null) });
    },
    destroy() {
      view.destroy();
    },
  };
}
