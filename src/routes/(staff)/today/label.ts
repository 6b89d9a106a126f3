import { t } from '$lib/i18n';
import type { DueItem } from '$lib/domain/today/items';

/** What a Today line says is due, in the person's language. */
export const dueLabel = (i: DueItem) =>
  t(i.labelKey, {
    ...i.params,
    ...(i.params?.slot ? { slot: t(`handover.slot.${i.params.slot}`) } : {})
  });
