import { t, formatDate, formatTime } from '$lib/i18n';
import type { Notice, NoticeKind, NoticeTemplate } from '$lib/domain/records/notice';
import { fillTemplate, type TemplateValues } from '$lib/domain/notices';
import type { NoticeTargets } from '$lib/db/queries/notices';

/** "2026年11月23日星期一 10:00" in the office's zone. */
export function momentText(ms: number): string {
  return `${formatDate(ms, 'long')} ${formatTime(ms)}`;
}

/** Who a notice is for, in words, as the poster and the owner page say it. */
export function audienceText(
  notice: Pick<Notice, 'scope' | 'buildingIds' | 'unitIds'>,
  targets: NoticeTargets | undefined
): string {
  if (notice.scope === 'buildings') {
    const codes = new Map(targets?.buildings.map((b) => [b.id, b.code]));
    const list = notice.buildingIds
      .map((id) => t('notices.building', { code: codes.get(id) ?? '?' }))
      .join('、');
    return t('notices.audience.buildings', { list });
  }
  if (notice.scope === 'units') {
    const codes = new Map(targets?.units.map((u) => [u.unit.id, u.code]));
    return t('notices.audience.units', {
      list: notice.unitIds.map((id) => codes.get(id) ?? '?').join('、')
    });
  }
  return t('notices.scope.community');
}

/** The place a template's {target} names: the community, or the buildings/units chosen. */
export function targetText(
  notice: Pick<Notice, 'scope' | 'buildingIds' | 'unitIds'>,
  targets: NoticeTargets | undefined,
  communityName: string
): string {
  if (notice.scope === 'community') return communityName;
  const codes =
    notice.scope === 'buildings'
      ? new Map(targets?.buildings.map((b) => [b.id, t('notices.building', { code: b.code })]))
      : new Map(targets?.units.map((u) => [u.unit.id, u.code]));
  const ids = notice.scope === 'buildings' ? notice.buildingIds : notice.unitIds;
  return ids.map((id) => codes.get(id) ?? '?').join('、');
}

/** The company's wording of a kind, or the built-in one, with what is known filled in. */
export function templateText(
  kind: NoticeKind,
  templates: ReadonlyMap<string, NoticeTemplate> | undefined,
  values: TemplateValues
): { title: string; body: string } {
  const own = templates?.get(kind);
  return {
    title: fillTemplate(own?.title ?? t(`notices.template.${kind}.title`), values),
    body: fillTemplate(own?.body ?? t(`notices.template.${kind}.body`), values)
  };
}

/** When, in words: "… 至 …" (the end's date left out on the same day). */
export function periodText(startsAt: number | undefined, endsAt: number | undefined): string {
  if (startsAt === undefined) return '';
  if (endsAt === undefined) return momentText(startsAt);
  const end = formatDate(startsAt) === formatDate(endsAt) ? formatTime(endsAt) : momentText(endsAt);
  return t('notices.time.range', { start: momentText(startsAt), end });
}
