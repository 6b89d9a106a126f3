// Bench page: one tablet with a shift's handover document open (the app's openCollabDoc), on a
// tablet of bench/pages/lib/bench-tablet.ts synced to the other through the relay or a data
// channel. A types one character at a time into the log; B notes when its document has it.
// The whole path: A's outbox (burst wait) → op log → sync session → relay or channel → B's
// engine verifies and applies → doc inbox → B's document.
import * as Y from 'yjs';
import type { Actor } from '$lib/db/write';
import { openCollabDoc, type CollabDoc } from '$lib/collab/collab-doc';
import { logOf } from '$lib/collab/shift-doc';
import { db, now } from './lib/bench-tablet';

const actor: Actor = { staffId: 'bench', role: 'manager' };
const arrivals = new Map<string, number>();
const waiting = new Map<string, (at: number) => void>();
let handle: CollabDoc;
let text: Y.XmlText | undefined;

window.handoverLiveBench = {
  /** Opens the shift's document on this tablet and notes each character when it appears. */
  async open(shift: string): Promise<void> {
    handle = await openCollabDoc({ table: 'shift', id: shift }, { db, actor: () => actor });
    handle.doc.on('afterTransaction', () => {
      const log = logOf(handle.doc).toString();
      const t = now();
      for (const ch of log)
        if (!arrivals.has(ch)) {
          arrivals.set(ch, t);
          waiting.get(ch)?.(t);
          waiting.delete(ch);
        }
    });
  },
  /** Types `ch` at the end of the log's paragraph; returns the time just before. */
  type(ch: string): number {
    if (!text) {
      const p = new Y.XmlElement('paragraph');
      text = new Y.XmlText();
      p.insert(0, [text]);
      logOf(handle.doc).push([p]);
    }
    const start = now();
    text.insert(text.length, ch);
    return start;
  },
  /**
   * When this tablet's document first holds `ch`: asked before A types it, so B's page is not
   * polled (polling would compete with the sync it measures for B's main thread).
   */
  arrival: (ch: string) =>
    new Promise<number>((resolve) => {
      const at = arrivals.get(ch);
      if (at !== undefined) resolve(at);
      else waiting.set(ch, resolve);
    })
};

declare global {
  interface Window {
    handoverLiveBench: {
      open(shift: string): Promise<void>;
      type(ch: string): number;
      arrival(ch: string): Promise<number>;
    };
  }
}
