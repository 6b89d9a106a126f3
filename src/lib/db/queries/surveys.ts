import type { Survey } from '$lib/domain/records/survey';
import type { SurveyAnswer } from '$lib/domain/records/survey-answer';
import type { SurveyAction } from '$lib/domain/records/survey-action';
import type { Notice } from '$lib/domain/records/notice';
import type { Building } from '$lib/domain/records/building';
import type { Unit } from '$lib/domain/records/unit';
import { unitCode } from '$lib/domain/unit-code';
import { withoutClocks } from '$lib/domain/ops';
import { database, type GuanjiaDexie } from '../database';

const plain = <T>(r: unknown) => withoutClocks(r as never) as T;
const alive = <T extends { deleted: boolean }>(rows: T[]) => rows.filter((r) => !r.deleted);

/** Surveys, newest first. */
export async function listSurveys(db: GuanjiaDexie = database()): Promise<Survey[]> {
  const rows = alive((await db.survey.toArray()).map((r) => plain<Survey>(r)));
  return rows.sort((a, b) => b.opensOn.localeCompare(a.opensOn) || b.createdAt - a.createdAt);
}

export async function getSurvey(
  id: string,
  db: GuanjiaDexie = database()
): Promise<Survey | undefined> {
  const row = await db.survey.get(id);
  return row && !row.deleted ? plain<Survey>(row) : undefined;
}

export async function listAnswers(
  surveyId: string,
  db: GuanjiaDexie = database()
): Promise<SurveyAnswer[]> {
  return alive(
    (await db.surveyAnswer.where('surveyId').equals(surveyId).toArray()).map((r) =>
      plain<SurveyAnswer>(r)
    )
  );
}

export async function listActions(
  surveyId: string,
  db: GuanjiaDexie = database()
): Promise<SurveyAction[]> {
  return alive(
    (await db.surveyAction.where('surveyId').equals(surveyId).toArray()).map((r) =>
      plain<SurveyAction>(r)
    )
  ).sort((a, b) => a.dueOn.localeCompare(b.dueOn));
}

/**
 * Last year's survey of the same community and kind to compare with: the one the office
 * chose, else the latest one of an earlier year.
 */
export async function previousSurvey(
  survey: Survey,
  db: GuanjiaDexie = database()
): Promise<Survey | undefined> {
  if (survey.previousId) return getSurvey(survey.previousId, db);
  return (await listSurveys(db)).find(
    (s) => s.communityId === survey.communityId && s.kind === survey.kind && s.year < survey.year
  );
}

export interface SurveyHousehold {
  unitId: string;
  buildingId: string;
  /** "3-1201", as the desk writes a unit. */
  code: string;
}

/** The households a survey asks: every residential unit of its community, by building. */
export async function surveyHouseholds(
  communityId: string,
  db: GuanjiaDexie = database()
): Promise<{ households: SurveyHousehold[]; buildings: Map<string, string> }> {
  const buildingRows = (await db.building.where('communityId').equals(communityId).toArray()).map(
    (r) => plain<Building>(r)
  );
  const buildings = new Map(alive(buildingRows).map((b) => [b.id, b.code]));
  const collator = new Intl.Collator('zh-Hans-CN', { numeric: true });
  const unitRows = (await db.unit.where('communityId').equals(communityId).toArray()).map((r) =>
    plain<Unit>(r)
  );
  const households = alive(unitRows)
    .filter((u) => u.type === 'residential')
    .map((u) => ({
      unitId: u.id,
      buildingId: u.buildingId,
      code: unitCode(buildings.get(u.buildingId) ?? '?', u)
    }))
    .sort((a, b) => collator.compare(a.code, b.code));
  return { households, buildings };
}

export async function resultsNotice(
  noticeId: string | undefined,
  db: GuanjiaDexie = database()
): Promise<Notice | undefined> {
  if (!noticeId) return undefined;
  const row = await db.notice.get(noticeId);
  return row && !row.deleted ? plain<Notice>(row) : undefined;
}

/** Communities with their number of units, largest first: a survey starts on the largest. */
export async function communitiesBySize(
  db: GuanjiaDexie = database()
): Promise<{ id: string; name: string; units: number }[]> {
  const communities = alive(
    (await db.community.toArray()).map((r) =>
      plain<{ id: string; name: string; deleted: boolean }>(r)
    )
  );
  const sized = await Promise.all(
    communities.map(async (c) => ({
      id: c.id,
      name: c.name,
      units: await db.unit.where('communityId').equals(c.id).count()
    }))
  );
  return sized.sort((a, b) => b.units - a.units);
}
