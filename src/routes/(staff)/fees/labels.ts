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
