import { baseKeymap, chainCommands, toggleMark, exitCode } from 'prosemirror-commands';
import { keymap } from 'prosemirror-keymap';
import { Node as PmNode } from 'prosemirror-model';
import { liftListItem, sinkListItem, splitListItem, wrapInList } from 'prosemirror-schema-list';
import { EditorState, type Command } from 'prosemirror-state';
import { EditorView } from 'prosemirror-view';
import {
  redo,
  undo,
  yCursorPlugin,
  ySyncPlugin,
  yUndoPlugin,
  yXmlFragmentToProsemirrorJSON
} from 'y-prosemirror';
import type { Awareness } from 'y-protocols/awareness';
import type * as Y from 'yjs';
import { logSchema } from './rich-text-schema';

/**
 * The shift log editor: ProseMirror bound to the document's `log` fragment by y-prosemirror,
 * so each keystroke is a Yjs change that merges with the others' typing, and the others'
 * cursors show with their names (awareness). Loaded on the handover route only.
 */
export interface LogEditorOptions {
  fragment: Y.XmlFragment;
  awareness?: Awareness;
  /** Read at every transaction: a shift signed meanwhile stops taking input at once. */
  editable: () => boolean;
  /** A colleague's name from their staff id (the awareness carries ids, not names). */
  nameOf: (staffId: string) => string;
  label: string;
}

const { strong, em } = logSchema.marks;
const { list_item, bullet_list, ordered_list, hard_break } = logSchema.nodes;

export const commands: Record<'bold' | 'italic' | 'bulletList' | 'orderedList', Command> = {
  bold: toggleMark(strong),
  italic: toggleMark(em),
  bulletList: wrapInList(bullet_list),
  orderedList: wrapInList(ordered_list)
};

const insertBreak: Command = (state, dispatch) => {
  dispatch?.(state.tr.replaceSelectionWith(hard_break.create()).scrollIntoView());
  return true;
};

function cursorOf(nameOf: (id: string) => string) {
  return (user: { staffId?: string; color?: string }) => {
    const cursor = document.createElement('span');
    cursor.className = 'ProseMirror-yjs-cursor';
    cursor.style.borderColor = user.color ?? '#0f766e';
    const label = document.createElement('div');
    label.style.backgroundColor = user.color ?? '#0f766e';
    label.textContent = user.staffId ? nameOf(user.staffId) : '';
    cursor.append(label);
    return cursor;
  };
}

export function createLogEditor(place: HTMLElement, options: LogEditorOptions): EditorView {
  const plugins = [
    ySyncPlugin(options.fragment),
    ...(options.awareness
      ? [yCursorPlugin(options.awareness, { cursorBuilder: cursorOf(options.nameOf) })]
      : []),
    yUndoPlugin(),
    keymap({
      'Mod-z': undo,
      'Mod-y': redo,
      'Mod-Shift-z': redo,
      'Mod-b': commands.bold,
      'Mod-i': commands.italic,
      Enter: splitListItem(list_item),
      'Mod-[': liftListItem(list_item),
      'Mod-]': sinkListItem(list_item),
      'Shift-Enter': chainCommands(exitCode, insertBreak)
    }),
    keymap(baseKeymap)
  ];
  return new EditorView(place, {
    state: EditorState.create({ schema: logSchema, plugins }),
    editable: options.editable,
    attributes: {
      role: 'textbox',
      'aria-multiline': 'true',
      'aria-label': options.label,
      class: 'log-editor'
    }
  });
}

/** The log of a signed snapshot, read-only: exactly the text and formatting that was signed. */
export function createLogView(
  place: HTMLElement,
  fragment: Y.XmlFragment,
  label: string
): EditorView {
  const json = yXmlFragmentToProsemirrorJSON(fragment) as { type: string; content?: unknown[] };
  const doc = PmNode.fromJSON(
    logSchema,
    json.content?.length ? json : { type: 'doc', content: [{ type: 'paragraph' }] }
  );
  return new EditorView(place, {
    state: EditorState.create({ doc }),
    editable: () => false,
    attributes: { role: 'document', 'aria-label': label, class: 'log-editor' }
  });
}
