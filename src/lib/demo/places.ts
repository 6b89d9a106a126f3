import type { Random } from './random';

/** Names property developers like; each demo community takes one of them. */
export const communityNames = [
  '锦绣花园',
  '翠湖苑',
  '阳光城',
  '金色家园',
  '碧水湾',
  '怡景花园',
  '御景华庭',
  '紫荆花园',
  '丽都雅苑',
  '星河湾',
  '书香名邸',
  '桂园新村',
  '滨江明珠',
  '绿城春晓',
  '幸福里',
  '龙湖天街'
];

/** Mixed (住宅 + 商业) projects are usually named as a plaza or centre. */
export const mixedNames = ['锦江国际广场', '万象中心', '时代广场', '天汇中心'];

const districts = ['高新区', '滨江区', '经开区', '城南区', '新城区'];
const roads = [
  '科技路',
  '锦华路',
  '滨河东路',
  '望江路',
  '长安大道',
  '凤凰路',
  '青年路',
  '学府路',
  '人民南路',
  '梧桐街'
];

export function address(r: Random): string {
  return `${r.pick(districts)}${r.pick(roads)}${r.int(1, 60) * 2 + 6}号`;
}

/** Shop and firm names for commercial tenants: 字号 + trade. */
const brands = [
  '鑫源',
  '华兴',
  '佳禾',
  '福满',
  '众康',
  '永盛',
  '和顺',
  '惠民',
  '金鼎',
  '瑞丰',
  '嘉联',
  '新锐',
  '同创',
  '恒信',
  '德润',
  '一品',
  '乐享',
  '悦心',
  '百味',
  '优选'
];
const shopTrades = [
  '便利店',
  '超市',
  '面馆',
  '药房',
  '水果店',
  '干洗店',
  '理发店',
  '烘焙坊',
  '茶餐厅',
  '五金店',
  '花店',
  '母婴店',
  '眼镜店',
  '快递驿站',
  '火锅店',
  '咖啡馆'
];
const firmTrades = [
  '科技有限公司',
  '贸易有限公司',
  '律师事务所',
  '会计师事务所',
  '教育咨询有限公司',
  '设计有限公司',
  '网络科技有限公司',
  '建筑工程有限公司',
  '文化传媒有限公司',
  '医疗器械有限公司'
];

export function shopName(r: Random): string {
  return r.pick(brands) + r.pick(shopTrades);
}

export function firmName(r: Random): string {
  return r.pick(brands) + r.pick(firmTrades);
}
