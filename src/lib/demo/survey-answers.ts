import type { Survey } from '$lib/domain/records/survey';
import { surveyAnswerId, type AnswerValue } from '$lib/domain/records/survey-answer';
import type { Change } from '$lib/db/plan-write';
import { write, type Actor } from '$lib/db/write';
import { database, type GuanjiaDexie } from '$lib/db/database';
import { random } from './random';

/**
 * Owners' answers for the demo office and the browser test (issue 16 §5 Must show: a survey
 * with 200 generated answers): drawn from a seed, written through `write()` as if they had
 * come from the owners' links. Each factor and building leans its own way, so the analysis
 * has something to show; some owners skip a factor, a few say why, many say what to improve.
 */
const why = [
  '报修后等了两天才有人来',
  '晚上打电话没人接',
  '维修师傅很专业',
  '前台态度很好',
  '收费说明不清楚',
  '地下车库照明不足',
  '门禁经常坏',
  '管家经常上门问候'
];
const what = [
  '垃圾清运要及时，楼道卫生加强',
  '地库停车位太少，乱停车没人管',
  '电梯经常坏，希望加快维修',
  '小区绿化缺乏修剪',
  '保安巡逻要加强，陌生人随便进出',
  '物业费收费标准请公示',
  '多组织一些社区活动',
  '快递代收点太远',
  '前台服务态度可以再热情些',
  '没有意见'
];

export async function generateSurveyAnswers(
  actor: Actor,
  survey: Pick<Survey, 'id' | 'questions'>,
  households: readonly { unitId: string; buildingId: string }[],
  count: number,
  options: { seed?: string; at: number; db?: GuanjiaDexie }
): Promise<number> {
  const db = options.db ?? database();
  const rnd = random(options.seed ?? 'survey', survey.id);
  const taken = new Set(
    (await db.surveyAnswer.where('surveyId').equals(survey.id).toArray())
      .filter((a) => !a.deleted)
      .map((a) => String(a.unitId))
  );
  const free = rnd.shuffle(households.filter((h) => !taken.has(h.unitId))).slice(0, count);
  const lean = new Map<string, number>();
  const leanOf = (key: string) => {
    let v = lean.get(key);
    if (v === undefined) lean.set(key, (v = rnd.float(-0.8, 0.6)));
    return v;
  };
  const changes: Change[] = free.map((h) => {
    const values: AnswerValue[] = [];
    for (const q of survey.questions) {
      if (q.kind === 'scale') {
        if (rnd.chance(0.06)) continue; // 不了解
        const mean = q.scaleMax * 0.78 + leanOf(q.key) + leanOf(h.buildingId);
        const score = Math.max(1, Math.min(q.scaleMax, Math.round(mean + rnd.float(-1.6, 1.6))));
        const text = q.askWhy && score <= 3 && rnd.chance(0.3) ? rnd.pick(why) : undefined;
        values.push({ q: q.key, v: q.version, score, text });
      } else if (rnd.chance(0.6)) {
        values.push({ q: q.key, v: q.version, text: rnd.pick(what) });
      }
    }
    return {
      op: 'create',
      table: 'surveyAnswer',
      value: {
        id: surveyAnswerId(survey.id, h.unitId),
        surveyId: survey.id,
        unitId: h.unitId,
        buildingId: h.buildingId,
        channel: 'link',
        values,
        answeredAt: options.at - rnd.int(0, 20) * 86_400_000
      }
    };
  });
  // Batches keep each transaction short on a tablet.
  for (let i = 0; i < changes.length; i += 100)
    await write(actor, changes.slice(i, i + 100), { db, now: options.at });
  return changes.length;
}
