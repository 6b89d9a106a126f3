// A real owner link for the benchmarks: a typical water-cut notice (about 250 characters of
// Chinese, the length of the company template filled in), signed as the desk signs it.
import { signNotice, signedFragment } from '../../src/lib/owner-link/encode.ts';
import { generateSigningKeyPair } from '../../src/lib/sync/crypto/signing.ts';
import type { OwnerNotice } from '../../src/lib/owner-link/payload.ts';

export const typicalNotice: OwnerNotice = {
  v: 1,
  id: '0193a2b4-5c6d-7e8f-9a0b-1c2d3e4f5a6b',
  office: '锦绣物业服务中心',
  department: '客户服务部',
  phone: '0755-86001234',
  community: '锦绣花园',
  kind: 'waterCut',
  title: '停水通知',
  body:
    '因供水设施维修保养（清洗水箱），3栋、5栋将于2026年11月25日星期三 09:00 至 17:00 暂停供水。\n\n' +
    '请提前做好储水准备，停水期间请关闭水龙头，以免恢复供水时跑水。恢复时间如有变化，另行通知。' +
    '二次供水水箱清洗后将进行水质检测，检测报告张贴于各大堂公告栏，欢迎业主查阅。\n\n' +
    '给您带来不便，敬请谅解。咨询电话：0755-86001234。',
  startsAt: Date.UTC(2026, 10, 25, 1, 0),
  endsAt: Date.UTC(2026, 10, 25, 9, 0),
  audience: '3栋、5栋业主',
  publishedAt: Date.UTC(2026, 10, 23, 2, 0),
  zone: 'Asia/Shanghai'
};

/** `<app>/n/#n1.…` for the typical notice, signed with a fresh office key. */
export function typicalOwnerLink(appUrl: string): string {
  const office = generateSigningKeyPair();
  return `${appUrl}/n/#${signedFragment(signNotice(typicalNotice, office.secretKey))}`;
}
