import * as Y from 'yjs';

/**
 * A signed snapshot (003 §3.9: the record is signed): the document's whole state as one
 * Yjs update. Stored as a blob by its SHA-256 with the signature, it renders exactly what was
 * signed, whatever is typed into the live document later (or arrives late from a tablet
 * that was offline).
 */
export function snapshotOf(doc: Y.Doc): Uint8Array {
  return Y.encodeStateAsUpdate(doc);
}

/** A read-only document made from a snapshot, for showing or printing the signed record. */
export function docFromSnapshot(bytes: Uint8Array): Y.Doc {
  const doc = new Y.Doc({ gc: true });
  Y.applyUpdate(doc, bytes);
  return doc;
}
