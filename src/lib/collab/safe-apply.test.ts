import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { frameUpdate } from './frame';
import { applyRemoteUpdates } from './safe-apply';
import { logOf, logText } from './shift-doc';

function paragraph(doc: Y.Doc, text: string) {
  const p = new Y.XmlElement('paragraph');
  p.insert(0, [new Y.XmlText(text)]);
  logOf(doc).push([p]);
}

/** A change made on another device, as it travels: framed. */
function remoteChange(base: Y.Doc, text: string): Uint8Array {
  const other = new Y.Doc();
  Y.applyUpdate(other, Y.encodeStateAsUpdate(base));
  const before = Y.encodeStateVector(other);
  paragraph(other, text);
  return frameUpdate(Y.encodeStateAsUpdate(other, before));
}

describe('a damaged update from another device', () => {
  it('is rejected without breaking the document', () => {
    const doc = new Y.Doc();
    paragraph(doc, '早班：3 号楼电梯报修已派单');
    const good = remoteChange(doc, '备用金 500 元已清点');

    const damaged = [
      good.map((b, i) => (i === 20 ? b ^ 0xff : b)), // one byte flipped in transit
      good.slice(0, good.length - 7), // cut short
      new Uint8Array([1, 0, 0, 0, 0, 9, 9, 9]), // garbage with a header
      new Uint8Array(0)
    ];
    for (const frame of damaged) expect(applyRemoteUpdates(doc, [frame])).toBe(1);
    expect(logText(logOf(doc))).toBe('早班：3 号楼电梯报修已派单');

    // The document still takes good updates and local typing.
    expect(applyRemoteUpdates(doc, [damaged[0], good])).toBe(1);
    paragraph(doc, '交接完毕');
    expect(logText(logOf(doc))).toBe('早班：3 号楼电梯报修已派单\n备用金 500 元已清点\n交接完毕');
  });

  it('is rejected when it passes the checksum but is not a Yjs update', () => {
    const doc = new Y.Doc();
    paragraph(doc, '正常内容');
    const notYjs = frameUpdate(new Uint8Array([0xff, 0xff, 0xff, 0xff, 0x0f, 1, 2, 3]));
    expect(applyRemoteUpdates(doc, [notYjs])).toBe(1);
    expect(logText(logOf(doc))).toBe('正常内容');
  });
});
