import * as Y from 'yjs';

/**
 * What a shift's collaborative document holds (one Y.Doc per shift, `shift/<id>`):
 *
 * - `log`: the rich-text log of what happened (ProseMirror content, y-prosemirror);
 * - `pending`: items left for the next shift, keyed by item id, each possibly linked to a request;
 * - `equipment`: the checks of the office's equipment list (钥匙, 对讲机 …), keyed by item name;
 * - `comments`: the incoming shift's questions and the answers, in order.
 *
 * Maps of plain values, keyed by id or name, so two tablets that add or tick items at the
 * same time both keep their change (a nested type created twice would drop one of them),
 * and nothing has to be seeded into the document when it is created.
 */
export interface PendingItem {
  text: string;
  /** A service request (ticket) this item follows up, by id; shown with its number and content. */
  ticketId?: string;
  done: boolean;
  by: string;
  at: number;
}

export interface EquipmentCheck {
  ok: boolean;
  note: string;
  by: string;
  at: number;
}

export interface HandoverComment {
  id: string;
  by: string;
  at: number;
  text: string;
  /** The pending item or equipment name it asks about, if any. */
  about?: string;
}

export const logOf = (doc: Y.Doc): Y.XmlFragment => doc.getXmlFragment('log');
export const pendingOf = (doc: Y.Doc): Y.Map<PendingItem> => doc.getMap<PendingItem>('pending');
export const equipmentOf = (doc: Y.Doc): Y.Map<EquipmentCheck> =>
  doc.getMap<EquipmentCheck>('equipment');
export const commentsOf = (doc: Y.Doc): Y.Array<HandoverComment> =>
  doc.getArray<HandoverComment>('comments');

/** The log as plain text, one line per paragraph or list item (for print, search and tests). */
export function logText(fragment: Y.XmlFragment): string {
  const lines: string[] = [];
  const walk = (node: Y.XmlElement | Y.XmlText | Y.XmlHook) => {
    if (node instanceof Y.XmlText) return;
    if (!(node instanceof Y.XmlElement)) return;
    const texts = node.toArray().filter((n) => n instanceof Y.XmlText);
    if (texts.length || node.length === 0)
      lines.push(
        texts
          .map((t) =>
            (t as Y.XmlText)
              .toDelta()
              .map((d: { insert: unknown }) => (typeof d.insert === 'string' ? d.insert : ''))
              .join('')
          )
          .join('')
      );
    for (const child of node.toArray()) if (child instanceof Y.XmlElement) walk(child);
  };
  for (const node of fragment.toArray()) walk(node);
  return lines.join('\n');
}

export interface ShiftDocContent {
  log: string;
  pending: (PendingItem & { id: string })[];
  equipment: Record<string, EquipmentCheck>;
  comments: HandoverComment[];
}

/** Everything in the document as plain values, in a stable order. */
export function readShiftDoc(doc: Y.Doc): ShiftDocContent {
  return {
    log: logText(logOf(doc)),
    pending: [...pendingOf(doc).entries()]
      .map(([id, item]) => ({ ...item, id }))
      .sort((a, b) => a.at - b.at || (a.id < b.id ? -1 : 1)),
    equipment: Object.fromEntries(
      [...equipmentOf(doc).entries()].sort(([a], [b]) => (a < b ? -1 : 1))
    ),
    comments: commentsOf(doc).toArray()
  };
}

/** The equipment list to show: the office's list first, then items added on this shift. */
export function equipmentNames(officeList: readonly string[], doc: Y.Doc): string[] {
  const extra = [...equipmentOf(doc).keys()].filter((n) => !officeList.includes(n)).sort();
  return [...officeList, ...extra];
}
