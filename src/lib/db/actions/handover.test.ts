import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { hashPin } from '$lib/auth/pin';
import { docFromSnapshot, snapshotOf } from '$lib/collab/snapshot';
import { equipmentOf, logOf, readShiftDoc } from '$lib/collab/shift-doc';
import { getBlob, sha256Hex } from '../blobs';
import { getHandover, listShifts } from '../queries/handover';
import { testDatabase } from '../test-db';
import { write, type Actor } from '../write';
import {
  acceptHandover,
  markReady,
  openShift,
  refuseHandover,
  resolveRefusal,
  reviewDay,
  signerFor
} from './handover';
import { signIn } from './sign-in';

const manager: Actor = { staffId: 'M1', role: 'manager' };

async function office() {
  const db = testDatabase();
  const pin = await hashPin('1111', 10_000);
  const ids = await write(
    manager,
    [
      {
        op: 'create',
        table: 'staff',
        value: { id: 'OUT', name: '李娜', role: 'frontDesk', ...pin }
      },
      {
        op: 'create',
        table: 'staff',
        value: { id: 'IN', name: '陈静', role: 'frontDesk', ...pin }
      },
      {
        op: 'create',
        table: 'staff',
        value: { id: 'SUP', name: '赵主管', role: 'supervisor', ...pin }
      }
    ],
    { db }
  );
  return { db, ids };
}

function writeLog(doc: Y.Doc, text: string) {
  const p = new Y.XmlElement('paragraph');
  p.insert(0, [new Y.XmlText(text)]);
  logOf(doc).push([p]);
}

describe('PIN lockout', () => {
  it('one counter per person across every PIN prompt: locked at sign-in is locked at the signature', async () => {
    const { db } = await office();
    const now = Date.UTC(2026, 10, 23, 8);
    let locked = false;
    for (let i = 0; i < 10 && !locked; i++) {
      const result = await signIn('IN', '9999', db, now + i);
      locked = !result.ok && result.reason === 'locked';
    }
    expect(locked).toBe(true);
    // Even the right PIN is not checked at the signature while the person is locked.
    await expect(signerFor('IN', '1111', db, now + 20)).rejects.toMatchObject({
      issues: [{ path: ['pin'], message: 'handover.error.pinLocked' }]
    });
    // Someone else is not affected.
    expect(await signerFor('OUT', '1111', db, now + 20)).toMatchObject({ staffId: 'OUT' });
  });

  it('wrong PINs at the signature count toward the sign-in lock', async () => {
    const { db } = await office();
    const now = Date.UTC(2026, 10, 23, 8);
    let refused = '';
    for (let i = 0; i < 10 && refused !== 'handover.error.pinLocked'; i++) {
      refused = await signerFor('OUT', '9999', db, now + i).then(
        () => 'signed',
        (error: { issues: { message: string }[] }) => error.issues[0].message
      );
    }
    expect(refused).toBe('handover.error.pinLocked');
    expect(await signIn('OUT', '1111', db, now + 20)).toMatchObject({
      ok: false,
      reason: 'locked'
    });
  });
});

describe('handing a shift over', () => {
  it('refuse → supervisor → fix → both sign → closed; each signature keeps exactly what was signed', async () => {
    const { db } = await office();
    const out = await signerFor('OUT', '1111', db);
    const inc = await signerFor('IN', '1111', db);
    const sup = await signerFor('SUP', '1111', db);
    await expect(signerFor('IN', '9999', db)).rejects.toMatchObject({ kind: 'invalid' });
    // No one chosen yet: the sign dialog shows this at the signer field.
    await expect(signerFor('', '1111', db)).rejects.toMatchObject({
      issues: [{ path: ['signer'], message: 'handover.error.signerRequired' }]
    });

    const id = await openShift(out, { date: '2026-11-23', slot: 'early' }, { db, now: 1 });
    expect(await openShift(inc, { date: '2026-11-23', slot: 'early' }, { db })).toBe(id);

    const doc = new Y.Doc();
    writeLog(doc, '3 号楼电梯困人已处理');
    await markReady(out, id, snapshotOf(doc), ['钥匙', '备用金'], { db, now: 10 });
    await expect(
      acceptHandover(out, id, snapshotOf(doc), [], { db, now: 11 })
    ).rejects.toMatchObject({
      issues: [{ message: 'handover.error.sameSigner' }]
    });

    equipmentOf(doc).set('备用金', { ok: false, note: '少 200 元', by: 'IN', at: 12 });
    await expect(refuseHandover(inc, id, '  ', { db, now: 12 })).rejects.toMatchObject({
      issues: [{ path: ['reason'] }]
    });
    await refuseHandover(inc, id, '备用金少 200 元', { db, now: 13 });
    let handover = await getHandover(id, db);
    expect(handover?.shift.status).toBe('refused');
    expect(handover?.state.escalated).toBe(true);

    await resolveRefusal(sup, id, '已与出纳核对，补齐', { db, now: 14 });
    writeLog(doc, '备用金已补齐 500 元');
    equipmentOf(doc).set('备用金', { ok: true, note: '', by: 'IN', at: 15 });
    const signedByOut = snapshotOf(doc);
    const onScreenAtOut = readShiftDoc(doc);
    await markReady(out, id, signedByOut, ['钥匙', '备用金'], { db, now: 16 });
    const signedByIn = snapshotOf(doc);
    await acceptHandover(inc, id, signedByIn, ['钥匙', '备用金'], { db, now: 17 });

    // Typing that arrives after signing (a tablet that was offline) changes the live doc only.
    writeLog(doc, '签字后才到的内容');

    handover = await getHandover(id, db);
    expect(handover?.shift.status).toBe('closed');
    expect(handover?.state.escalated).toBe(false);
    const outSig = handover?.state.outgoing?.event.signature;
    const blob = await getBlob(outSig?.snapshot ?? '', db);
    expect(blob && (await sha256Hex(blob.bytes))).toBe(outSig?.snapshot);
    expect(readShiftDoc(docFromSnapshot(blob!.bytes))).toEqual(onScreenAtOut);
    const inBlob = await getBlob(handover?.state.incoming?.event.signature?.snapshot ?? '', db);
    expect(readShiftDoc(docFromSnapshot(inBlob!.bytes)).log).toBe(
      '3 号楼电梯困人已处理\n备用金已补齐 500 元'
    );

    // Closed: no more steps, and the day is reviewed by the supervisor.
    await expect(refuseHandover(inc, id, '再看看', { db })).rejects.toMatchObject({
      issues: [{ message: 'handover.error.closed' }]
    });
    await expect(reviewDay(inc, '2026-11-23', { db })).rejects.toMatchObject({
      issues: [{ message: 'handover.error.notSupervisor' }]
    });
    expect(await reviewDay(sup, '2026-11-23', { db, now: 20 })).toBe(1);
    expect((await listShifts('2026-11-23', '2026-11-23', db))[0].reviewedAt).toBe(20);
  });
});
