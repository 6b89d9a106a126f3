import type { SurveyFactor, SurveyQuestion } from '../records/survey';
import type { AnswerValue } from '../records/survey-answer';
import { factorOrder, questionOf } from './questionnaire';
import { topicOf, type TextTopic } from './topics';

/**
 * The arithmetic of a satisfaction survey (000 第二节 一(三) 客户服务满意度的测定: collect, analyse
 * for "why" and "what", improve). DOMAIN names no formula, so the office's usual one is used
 * and said on the screen:
 *
 * - a rating is *satisfied* when it is in the top quarter of its scale: 满意 or 很满意 on a
 *   5-point scale (4, 5), 8–10 on a 10-point one;
 * - satisfaction rate 满意率 = satisfied ratings ÷ ratings given × 100 %; a question left
 *   blank or answered 不了解 gives no rating and is in neither count;
 * - score 得分 = mean of (score − 1) ÷ (max − 1) × 100, comparable across scales;
 * - the overall rate pools every scale question of every answer (so a factor most owners
 *   skipped weighs less than one everyone answered).
 */

export interface SurveyShape {
  questions: readonly SurveyQuestion[];
  earlier: readonly SurveyQuestion[];
}

export interface AnswerForAnalysis {
  unitId: string;
  buildingId: string;
  values: readonly AnswerValue[];
}

export interface Tally {
  ratings: number;
  satisfied: number;
  /** Sum of normalised scores (0–100), for the mean. */
  scoreSum: number;
  /** Ratings per band: index 0 = lowest fifth of the scale … 4 = top fifth. */
  bands: [number, number, number, number, number];
}

export interface TallyResult {
  ratings: number;
  satisfied: number;
  /** Percent, or null without ratings. */
  rate: number | null;
  /** 0–100, or null without ratings. */
  score: number | null;
  bands: [number, number, number, number, number];
}

export function emptyTally(): Tally {
  return { ratings: 0, satisfied: 0, scoreSum: 0, bands: [0, 0, 0, 0, 0] };
}

export function isSatisfied(score: number, max: number): boolean {
  return (score - 1) / (max - 1) >= 0.75;
}

export function addRating(t: Tally, score: number, max: number): void {
  const norm = (score - 1) / (max - 1);
  t.ratings++;
  if (isSatisfied(score, max)) t.satisfied++;
  t.scoreSum += norm * 100;
  t.bands[Math.min(4, Math.floor(norm * 5))]++;
}

const round1 = (n: number) => Math.round(n * 10) / 10;

export function result(t: Tally): TallyResult {
  return {
    ratings: t.ratings,
    satisfied: t.satisfied,
    rate: t.ratings ? round1((t.satisfied / t.ratings) * 100) : null,
    score: t.ratings ? round1(t.scoreSum / t.ratings) : null,
    bands: [...t.bands]
  };
}

export interface WhyComment {
  text: string;
  score: number;
  max: number;
  unitId: string;
}

export interface SurveyAnalysis {
  answers: number;
  /** answers ÷ households × 100 (回收率), null when the household count is unknown. */
  responseRate: number | null;
  overall: TallyResult;
  factors: { factor: SurveyFactor; result: TallyResult }[];
  buildings: {
    buildingId: string;
    answers: number;
    overall: TallyResult;
    factors: Partial<Record<SurveyFactor, TallyResult>>;
  }[];
  /** "Why" comments per factor, lowest score first (000: 发掘“为什么”). */
  why: { factor: SurveyFactor; comments: WhyComment[] }[];
  /** "What" answers grouped by what they are about, largest group first (000: “是什么”). */
  what: { topic: TextTopic; texts: string[] }[];
}

export function analyseSurvey(
  survey: SurveyShape,
  answers: readonly AnswerForAnalysis[],
  households?: number
): SurveyAnalysis {
  const overall = emptyTally();
  const perFactor = Object.fromEntries(factorOrder.map((f) => [f, emptyTally()])) as Record<
    SurveyFactor,
    Tally
  >;
  const perBuilding = new Map<
    string,
    { answers: number; overall: Tally; factors: Map<SurveyFactor, Tally> }
  >();
  const why = new Map<SurveyFactor, WhyComment[]>();
  const what = new Map<TextTopic, string[]>();

  for (const a of answers) {
    let b = perBuilding.get(a.buildingId);
    if (!b)
      perBuilding.set(
        a.buildingId,
        (b = { answers: 0, overall: emptyTally(), factors: new Map() })
      );
    b.answers++;
    for (const v of a.values) {
      const q = questionOf(survey, v.q, v.v);
      if (!q) continue;
      if (q.kind === 'scale' && v.score !== undefined && v.score >= 1 && v.score <= q.scaleMax) {
        addRating(overall, v.score, q.scaleMax);
        addRating(b.overall, v.score, q.scaleMax);
        if (q.factor) {
          addRating(perFactor[q.factor], v.score, q.scaleMax);
          let bf = b.factors.get(q.factor);
          if (!bf) b.factors.set(q.factor, (bf = emptyTally()));
          addRating(bf, v.score, q.scaleMax);
          if (v.text) {
            const list = why.get(q.factor) ?? [];
            list.push({ text: v.text, score: v.score, max: q.scaleMax, unitId: a.unitId });
            why.set(q.factor, list);
          }
        }
      } else if (q.kind === 'text' && v.text) {
        const topic = topicOf(v.text);
        const list = what.get(topic) ?? [];
        list.push(v.text);
        what.set(topic, list);
      }
    }
  }

  const byNorm = (c: WhyComment) => (c.score - 1) / (c.max - 1);
  return {
    answers: answers.length,
    responseRate: households ? round1((answers.length / households) * 100) : null,
    overall: result(overall),
    factors: factorOrder.map((factor) => ({ factor, result: result(perFactor[factor]) })),
    buildings: [...perBuilding.entries()].map(([buildingId, b]) => ({
      buildingId,
      answers: b.answers,
      overall: result(b.overall),
      factors: Object.fromEntries([...b.factors.entries()].map(([f, t]) => [f, result(t)]))
    })),
    why: factorOrder.flatMap((factor) => {
      const comments = why.get(factor);
      return comments ? [{ factor, comments: comments.sort((x, y) => byNorm(x) - byNorm(y)) }] : [];
    }),
    what: [...what.entries()]
      .map(([topic, texts]) => ({ topic, texts }))
      .sort((x, y) => y.texts.length - x.texts.length || x.topic.localeCompare(y.topic))
  };
}

export interface FactorChange {
  factor: SurveyFactor;
  rate: number | null;
  previous: number | null;
  /** Percentage points, rate − previous; null when either is missing. */
  change: number | null;
}

/** This survey against an earlier one (last year's November survey), factor by factor. */
export function compareWith(current: SurveyAnalysis, previous: SurveyAnalysis | undefined) {
  const prev = new Map(previous?.factors.map((f) => [f.factor, f.result.rate]));
  const diff = (a: number | null, b: number | null | undefined) =>
    a === null || b === null || b === undefined ? null : round1(a - b);
  const factors: FactorChange[] = current.factors.map((f) => ({
    factor: f.factor,
    rate: f.result.rate,
    previous: prev.get(f.factor) ?? null,
    change: diff(f.result.rate, prev.get(f.factor))
  }));
  return {
    factors,
    overall: {
      rate: current.overall.rate,
      previous: previous?.overall.rate ?? null,
      change: diff(current.overall.rate, previous?.overall.rate)
    }
  };
}

/** The factors below a target rate, weakest first: where the improvement plan starts. */
export function weakFactors(analysis: SurveyAnalysis, targetPct: number): SurveyFactor[] {
  return analysis.factors
    .filter((f) => f.result.rate !== null && f.result.rate < targetPct)
    .sort((a, b) => (a.result.rate ?? 0) - (b.result.rate ?? 0))
    .map((f) => f.factor);
}
