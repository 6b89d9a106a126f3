import { t } from '$lib/i18n';

/** Where a procedure stands, in words: a renovation's stage, or the next milestone waited for. */
export function stageLabel(stage: string): string {
  if (stage.startsWith('waiting.'))
    return t('lifecycle.stage.waiting', {
      step: t(`lifecycle.milestone.${stage.slice('waiting.'.length)}`)
    });
  return t(`lifecycle.stage.${stage}`);
}
