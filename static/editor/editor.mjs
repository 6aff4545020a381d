// The code editor of edit mode: CodeMirror 6 from npm (scripts/setup), with Python highlighting,
// line numbers, bracket matching, Tab to indent, a mark on the line of an error, and the line each
// task of the learner's run is at (the replay slider's instant). Bundled by
// esbuild (scripts/build-editor, a hook of every trunk build) into editor/editor.js, which the
// page imports only when a learner presses Edit.
import { EditorView, basicSetup } from 'codemirror';
import { indentWithTab } from '@codemirror/commands';
import { python } from '@codemirror/lang-python';
import { HighlightStyle, syntaxHighlighting, syntaxTree } from '@codemirror/language';
import { tags } from '@lezer/highlight';
import { EditorSelection, StateEffect, StateField } from '@codemirror/state';
import { Decoration, ViewPlugin, WidgetType, keymap } from '@codemirror/view';

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

const markTasks = StateEffect.define();

/** The names of the tasks at a line, after its text. */
class TasksWidget extends WidgetType {
  constructor(line, names, label) {
    super();
    Object.assign(this, { line, names, label });
  }

  eq(other) {
    return other.line === this.line && other.names === this.names && other.label === this.label;
  }

  toDOM() {
    const span = document.createElement('span');
    span.className = 'cm-task-mark';
    span.textContent = this.names;
    span.setAttribute('data-testid', 'editor-mark');
    span.setAttribute('data-line', String(this.line));
    span.setAttribute('aria-label', this.label);
    return span;
  }
}

/** Where the learner's run's tasks are: a band over each line and the tasks' names after it. */
const taskLines = StateField.define({
  create: () => Decoration.none,
  update(marks, transaction) {
    marks = transaction.docChanged ? Decoration.none : marks;
    for (const effect of transaction.effects) {
      if (!effect.is(markTasks)) continue;
      const { doc } = transaction.state;
      const ranges = [];
      for (const { line, names, label } of effect.value) {
        if (line < 1 || line > doc.lines) continue;
        const at = doc.line(line);
        ranges.push(Decoration.line({ class: 'cm-task-line' }).range(at.from));
        ranges.push(Decoration.widget({ widget: new TasksWidget(line, names, label), side: 1 }).range(at.to));
      }
      marks = Decoration.set(ranges, true);
    }
    return marks;
  },
  provide: (field) => EditorView.decorations.from(field),
});

/** A plain decimal literal (`2`, `1.5`, `1_000`, `.5`): the kind a field can show and write back. */
const DECIMAL = /^(?:\d[\d_]*)?(?:\.\d[\d_]*)?(?:[eE][+-]?\d+)?$/;

/**
 * The numbers of a program a learner may want to vary, in order: each top-level `NAME = number`
 * (`{ kind: 'constant', name }`) and each delay written in `asyncio.sleep(number)` or
 * `asyncio.sleep(delay=number)` (`{ kind: 'sleep' }`), with where it stands (`from`, `to`, `line`)
 * and its `text`.
 */
function tunableNumbers(state) {
  const found = [];
  const text = (node) => state.doc.sliceString(node.from, node.to);
  const add = (kind, name, number) => {
    const written = text(number);
    if (DECIMAL.test(written) && /\d/.test(written)) {
      found.push({ kind, name, from: number.from, to: number.to, line: state.doc.lineAt(number.from).number, text: written });
    }
  };
  syntaxTree(state).iterate({
    enter(ref) {
      const { node } = ref;
      if (node.name === 'AssignStatement' && node.parent?.name === 'Script') {
        const parts = [];
        for (let child = node.firstChild; child; child = child.nextSibling) {
          if (child.name !== 'TypeDef' && child.name !== 'Comment') parts.push(child);
        }
        if (parts.map((p) => p.name).join(' ') === 'VariableName AssignOp Number') add('constant', text(parts[0]), parts[2]);
        return false;
      }
      if (node.name === 'CallExpression' && node.firstChild && text(node.firstChild) === 'asyncio.sleep') {
        const args = node.getChild('ArgList');
        const first = args?.firstChild?.nextSibling;
        if (first?.name === 'Number') {
          add('sleep', 'asyncio.sleep', first);
        } else if (first?.name === 'VariableName' && text(first) === 'delay' && first.nextSibling?.name === 'AssignOp') {
          const value = first.nextSibling.nextSibling;
          if (value?.name === 'Number') add('sleep', 'asyncio.sleep', value);
        }
      }
      return undefined;
    },
  });
  return found;
}

/** `value` written with as many decimals as `step` has. */
function formatLike(value, step) {
  const decimals = (String(step).split('.')[1] ?? '').length;
  return String(Number(value.toFixed(decimals)));
}

/**
 * Drag a tunable number sideways to change it: one step per 8 px, its step the unit of its last
 * written digit (`2` by 1, `1.5` by 0.1), never below 0. A press without a drag places the caret.
 */
function draggableNumbers(onNumbers) {
  const marks = (state) => Decoration.set(
    tunableNumbers(state).map((n) => Decoration.mark({ class: 'cm-tunable', attributes: { 'data-testid': 'editor-number' } }).range(n.from, n.to)),
  );
  return ViewPlugin.fromClass(class {
    constructor(view) {
      this.numbers = tunableNumbers(view.state);
      this.decorations = marks(view.state);
      onNumbers(this.numbers);
    }

    update(update) {
      if (!update.docChanged && syntaxTree(update.state) === syntaxTree(update.startState)) return;
      const numbers = tunableNumbers(update.state);
      this.decorations = marks(update.state);
      if (JSON.stringify(numbers) !== JSON.stringify(this.numbers)) {
        this.numbers = numbers;
        onNumbers(numbers);
      }
    }
  }, {
    decorations: (plugin) => plugin.decorations,
    eventHandlers: {
      pointerdown(event, view) {
        if (event.button !== 0 || !event.target.closest?.('.cm-tunable')) return false;
        const pos = view.posAtCoords({ x: event.clientX, y: event.clientY });
        const number = pos === null ? undefined : this.numbers.find((n) => n.from <= pos && pos <= n.to);
        if (!number) return false;
        event.preventDefault();
        const target = event.target;
        target.setPointerCapture?.(event.pointerId);
        const start = Number(number.text.replaceAll('_', ''));
        const decimals = (number.text.split('.')[1] ?? '').replace(/[eE].*/, '').length;
        const step = 10 ** -decimals;
        let at = { from: number.from, to: number.to };
        let dragged = false;
        const move = (e) => {
          const steps = Math.round((e.clientX - event.clientX) / 8);
          if (!dragged && Math.abs(e.clientX - event.clientX) < 3) return;
          dragged = true;
          const insert = formatLike(Math.max(0, start + steps * step), step);
          view.dispatch({ changes: { from: at.from, to: at.to, insert }, userEvent: 'input.drag' });
          at = { from: at.from, to: at.from + insert.length };
        };
        const up = () => {
          target.removeEventListener('pointermove', move);
          target.removeEventListener('pointerup', up);
          target.removeEventListener('pointercancel', up);
          if (!dragged) {
            view.dispatch({ selection: EditorSelection.cursor(pos) });
            view.focus();
          }
        };
        target.addEventListener('pointermove', move);
        target.addEventListener('pointerup', up);
        target.addEventListener('pointercancel', up);
        return true;
      },
    },
  });
}

/**
 * The code view's syntax colours (style.css, --tok-*), which meet WCAG AA contrast in both themes;
 * CodeMirror's default style is for a light background only.
 */
const highlighting = syntaxHighlighting(HighlightStyle.define([
  { tag: tags.comment, color: 'var(--tok-comment)', fontStyle: 'italic' },
  { tag: [tags.keyword, tags.bool, tags.null, tags.self], color: 'var(--tok-keyword)' },
  { tag: [tags.string, tags.special(tags.string)], color: 'var(--tok-string)' },
  { tag: tags.number, color: 'var(--tok-number)' },
  { tag: [tags.function(tags.variableName), tags.function(tags.definition(tags.variableName))], color: 'var(--tok-function)' },
  { tag: [tags.className, tags.definition(tags.className), tags.standard(tags.variableName)], color: 'var(--tok-builtin)' },
  { tag: tags.meta, color: 'var(--tok-decorator)' },
  { tag: tags.invalid, color: 'var(--error)' },
]));

/** The page's colours, light and dark, from its own CSS variables. */
const look = EditorView.theme({
  '&': { backgroundColor: 'var(--code-bg)', color: 'var(--fg)', fontSize: '0.85rem', maxHeight: '32rem', borderRadius: '6px' },
  '.cm-scroller': { overflow: 'auto' },
  '.cm-content': { caretColor: 'var(--fg)', fontFamily: 'var(--mono, ui-monospace, monospace)' },
  '.cm-gutters': { backgroundColor: 'var(--code-bg)', color: 'var(--muted)', border: 'none' },
  '.cm-activeLine, .cm-activeLineGutter': { backgroundColor: 'color-mix(in srgb, var(--accent) 8%, transparent)' },
  '.cm-error-line': { backgroundColor: 'var(--error-bg)', outline: '1px solid var(--error)' },
  // As the code view's marks (style.css, .code-mark).
  '.cm-task-line': { backgroundColor: 'var(--mark-band)', boxShadow: 'inset 4px 0 var(--accent)' },
  '.cm-task-mark': {
    marginLeft: '1.5em', padding: '0.05rem 0.35rem', borderRadius: '3px', font: '600 0.7rem/1.2 system-ui, sans-serif',
    background: 'var(--accent)', color: 'var(--accent-fg)',
  },
  '.cm-tunable': { cursor: 'ew-resize', borderBottom: '1px dashed var(--accent)' },
  '&.cm-focused': { outline: '2px solid var(--accent)' },
});

/**
 * Mounts an editor in `parent` holding `text`; `onChange(text)` hears every edit, and
 * `onNumbers(list)` the tunable numbers (see `tunableNumbers`) whenever they change. `label` names
 * it for assistive technology. Returns its handle.
 */
export function createEditor(parent, text, onChange, label, onNumbers) {
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
      taskLines,
      draggableNumbers(onNumbers),
      highlighting,
      look,
      // tabindex: the text is the scrolling region's focusable content (it is focusable anyway,
      // being editable; said so, the checkers know the region is reachable by keyboard).
      EditorView.contentAttributes.of({ 'aria-label': label, 'data-testid': 'editor-text', tabindex: '0' }),
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
    /** Writes `text` over the number at `from`..`to` (a field of the page changed it). */
    setNumber(from, to, text) {
      view.dispatch({ changes: { from, to, insert: text }, userEvent: 'input.field' });
    },
    /**
     * Marks where tasks are: `marks` is a list of `{ line, names, label }` (line from 1, the
     * tasks' names to show, and the words a screen reader says); an empty list clears them.
     */
    markTasks(marks) {
      view.dispatch({ effects: markTasks.of(marks) });
    },
    destroy() {
      view.destroy();
    },
  };
}
