import { t } from '$lib/i18n';
import type { FeeContact } from '$lib/domain/records/fee-contact';

/** "138****5678": the list shows a phone half hidden; the call and text buttons use it whole. */
export function maskPhone(phone: string): string {
  return phone.length === 11 ? `${phone.slice(0, 3)}****${phone.slice(7)}` : phone;
}

/** What a reminder or call was, in a word: 已打印通知, 已发短信, 电话：承诺缴费. */
export function contactLabel(c: FeeContact): string {
  return c.channel === 'call'
    ? t('fees.contact.callWith', { outcome: t(`fees.outcome.${c.outcome ?? 'other'}`) })
    : t(`fees.contact.${c.channel}`);
}

interface BillLike {
  itemId?: string;
  period: string;
  source: string;
  lateFeeFor?: string;
}

/**
 * A bill in words: "物业管理费 2026-03", "期初欠费", "滞纳金（2026-01 账单）". `bills` are the
 * unit's bills, for the period of the bill a late fee is charged on.
 */
export function billLabel(
  b: BillLike,
  itemName: ReadonlyMap<string, string>,
  bills: readonly { id: string; period: string }[] = []
): string {
  if (b.source === 'opening') return t('fees.bill.opening');
  if (b.source === 'lateFee') {
    const of = bills.find((x) => x.id === b.lateFeeFor);
    return t('fees.bill.lateFee', { period: of?.period ?? '' });
  }
  return `${itemName.get(b.itemId ?? '') ?? ''} ${b.period}`;
}
