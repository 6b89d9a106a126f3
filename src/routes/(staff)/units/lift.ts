// 是否有电梯 as a three-way choice: not said (HC leaves it empty), yes, no (issue 14).
import { t } from '$lib/i18n';
import type { SelectOption } from '$lib/ui/select-field.svelte';

export type LiftChoice = '' | 'yes' | 'no';

export const liftChoice = (lift: boolean | undefined): LiftChoice =>
  lift === undefined ? '' : lift ? 'yes' : 'no';

export const liftValue = (choice: string): boolean | undefined =>
  choice === 'yes' ? true : choice === 'no' ? false : undefined;

export function liftOptions(): SelectOption[] {
  return [
    { value: '', label: t('units.lift.unknown') },
    { value: 'yes', label: t('units.lift.yes') },
    { value: 'no', label: t('units.lift.no') }
  ];
}
