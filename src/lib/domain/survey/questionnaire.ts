import type { SurveyFactor, SurveyQuestion, SurveyWording } from '../records/survey';

/**
 * The default questionnaire: one 5-point scale per factor of 000 第二节 一(一), in 000's own
 * words, each with an optional "why", and one "what should we improve" (000 一(三)2: 发掘
 * “为什么”与“是什么”). The office edits it before opening the survey.
 */
const factorWording: Record<SurveyFactor, SurveyWording> = {
  reliability: {
    'zh-Hans': '依赖性：我们的服务正确无误',
    'zh-Hant': '依賴性：我們的服務正確無誤',
    en: 'Reliability: our service is done right'
  },
  responsiveness: {
    'zh-Hans': '迅速反应：立即反应，明确且处理及时',
    'zh-Hant': '迅速反應：立即反應，明確且處理及時',
    en: 'Responsiveness: we respond at once, clearly and in time'
  },
  competence: {
    'zh-Hans': '工作水平：充分具备提供服务所需的知识与技能',
    'zh-Hant': '工作水平：充分具備提供服務所需的知識與技能',
    en: 'Competence: staff have the knowledge and skills the service needs'
  },
  access: {
    'zh-Hans': '接触：热心接受您的要求，可随时取得联络，随叫随到',
    'zh-Hant': '接觸：熱心接受您的要求，可隨時取得聯絡，隨叫隨到',
    en: 'Access: we take your requests willingly and can always be reached'
  },
  courtesy: {
    'zh-Hans': '态度：有礼、谦虚，给人好感，注意服饰',
    'zh-Hant': '態度：有禮、謙虛，給人好感，注意服飾',
    en: 'Courtesy: polite, modest, pleasant and neatly dressed'
  },
  communication: {
    'zh-Hans': '沟通：倾听您的意见，说明详细易懂',
    'zh-Hant': '溝通：傾聽您的意見，說明詳細易懂',
    en: 'Communication: we listen to you and explain clearly'
  },
  credibility: {
    'zh-Hans': '信用度：公司和负责的员工均值得信赖',
    'zh-Hant': '信用度：公司和負責的員工均值得信賴',
    en: 'Credibility: the company and its staff can be trusted'
  },
  security: {
    'zh-Hans': '安全性：人身安全、财产安全、尊重您的隐私',
    'zh-Hant': '安全性：人身安全、財產安全、尊重您的隱私',
    en: 'Security: your safety, your property and your privacy'
  },
  understanding: {
    'zh-Hans': '顾客理解度：掌握您真正的需求，了解您的情况',
    'zh-Hant': '顧客理解度：掌握您真正的需求，了解您的情況',
    en: 'Understanding: we know what you really need and your situation'
  },
  tangibles: {
    'zh-Hans': '有形性：舒适的环境、设施、工具、消耗品、价格表等',
    'zh-Hant': '有形性：舒適的環境、設施、工具、消耗品、價格表等',
    en: 'Tangibles: a pleasant environment, facilities, tools, supplies, price lists'
  }
};

const whatWording: SurveyWording = {
  'zh-Hans': '您认为我们最需要改进的是什么？',
  'zh-Hant': '您認為我們最需要改進的是什麼？',
  en: 'What should we improve first?'
};

export const factorOrder = Object.keys(factorWording) as SurveyFactor[];

export function defaultQuestionnaire(): SurveyQuestion[] {
  const scales: SurveyQuestion[] = factorOrder.map((factor, i) => ({
    key: `f${i + 1}`,
    version: 1,
    kind: 'scale',
    factor,
    text: { ...factorWording[factor] },
    scaleMax: 5,
    askWhy: true
  }));
  return [
    ...scales,
    {
      key: 'what',
      version: 1,
      kind: 'text',
      role: 'what',
      text: { ...whatWording },
      scaleMax: 5,
      askWhy: false
    }
  ];
}

/**
 * The questionnaire after the office's edit: a question whose wording, scale or factor
 * changed gets the next version and its old version moves to `earlier`; a removed one moves
 * there too. Answers name key + version, so each stays readable (`questionOf`).
 */
export function reviseQuestionnaire(
  current: readonly SurveyQuestion[],
  earlier: readonly SurveyQuestion[],
  edited: readonly Omit<SurveyQuestion, 'version'>[]
): { questions: SurveyQuestion[]; earlier: SurveyQuestion[] } {
  const before = new Map(current.map((q) => [q.key, q]));
  const kept = [...earlier];
  const questions = edited.map((q) => {
    const old = before.get(q.key);
    before.delete(q.key);
    if (!old) return { ...q, version: latestVersion(earlier, q.key) + 1 };
    if (sameQuestion(old, q)) return { ...q, version: old.version };
    kept.push(old);
    return { ...q, version: old.version + 1 };
  });
  kept.push(...before.values());
  return { questions, earlier: kept };
}

function latestVersion(earlier: readonly SurveyQuestion[], key: string): number {
  return earlier.filter((q) => q.key === key).reduce((m, q) => Math.max(m, q.version), 0);
}

function sameQuestion(a: SurveyQuestion, b: Omit<SurveyQuestion, 'version'>): boolean {
  return (
    a.kind === b.kind &&
    a.factor === b.factor &&
    a.role === b.role &&
    a.scaleMax === b.scaleMax &&
    a.askWhy === b.askWhy &&
    a.text['zh-Hans'] === b.text['zh-Hans'] &&
    a.text['zh-Hant'] === b.text['zh-Hant'] &&
    a.text.en === b.text.en
  );
}

/** The question an answer value refers to, current or earlier; undefined if unknown. */
export function questionOf(
  survey: { questions: readonly SurveyQuestion[]; earlier: readonly SurveyQuestion[] },
  key: string,
  version: number
): SurveyQuestion | undefined {
  return (
    survey.questions.find((q) => q.key === key && q.version === version) ??
    survey.earlier.find((q) => q.key === key && q.version === version)
  );
}

/** A question's words in a locale, falling back to the Chinese the office always writes. */
export function wordingIn(text: SurveyWording, locale: string): string {
  const own = locale === 'zh-Hant' ? text['zh-Hant'] : locale === 'en' ? text.en : '';
  return own || text['zh-Hans'];
}

/** A fresh key for a question the office adds ("q" + a number not used before). */
export function newQuestionKey(
  current: readonly SurveyQuestion[],
  earlier: readonly SurveyQuestion[]
): string {
  const used = new Set([...current, ...earlier].map((q) => q.key));
  let n = 1;
  while (used.has(`q${n}`)) n++;
  return `q${n}`;
}
