/**
 * What residents ask for, in the words the desk writes down, and what the staff record
 * when it is done. Placeholders: {room} a dry room of the flat, {wet} kitchen, bathroom or balcony, {where} a stairwell
 * ("3号楼2单元12层"), {building} a building or entrance ("5号楼2单元"), {spot} a place in the grounds,
 * {staff} a colleague's name (praise).
 */
export type Department =
  'engineering' | 'security' | 'cleaning' | 'greening' | 'finance' | 'customerService';
export type Season = 'summer' | 'winter';

export interface RepairText {
  category: string;
  content: string;
  record: string;
  /** In the flat, or in the common areas (公共区域). */
  place: 'unit' | 'common';
  weight: number;
  season?: Season;
  /** Share of these reported as urgent (急修, 004: done the same day). */
  urgent?: number;
}

export const repairs: readonly RepairText[] = [
  {
    category: '水电',
    place: 'unit',
    weight: 8,
    content: '{wet}水龙头漏水',
    record: '更换水龙头阀芯，试水正常'
  },
  {
    category: '水电',
    place: 'unit',
    weight: 6,
    content: '{wet}下水道堵塞，排水很慢',
    record: '疏通下水管道，排水正常'
  },
  {
    category: '水电',
    place: 'unit',
    weight: 5,
    content: '马桶水箱一直流水',
    record: '更换马桶进水阀，止水正常'
  },
  {
    category: '水电',
    place: 'unit',
    weight: 5,
    content: '{room}插座没电',
    record: '检查线路，更换损坏插座'
  },
  {
    category: '水电',
    place: 'unit',
    weight: 3,
    content: '家里跳闸，部分房间停电',
    record: '排查漏电点，更换漏电保护开关',
    urgent: 0.3
  },
  {
    category: '水电',
    place: 'unit',
    weight: 5,
    content: '{room}灯不亮',
    record: '更换灯座和灯管，通电正常'
  },
  {
    category: '水电',
    place: 'unit',
    weight: 2,
    content: '厨房水管爆裂漏水',
    record: '关闭总阀，更换爆裂水管，清理积水',
    urgent: 0.8
  },
  {
    category: '水电',
    place: 'unit',
    weight: 3,
    content: '卫生间地漏返臭',
    record: '加装防臭地漏芯'
  },
  {
    category: '水电',
    place: 'unit',
    weight: 2,
    content: '水表后阀门关不严',
    record: '更换阀门，试压正常'
  },
  {
    category: '门窗',
    place: 'unit',
    weight: 3,
    content: '入户门锁芯坏了，钥匙拧不动',
    record: '更换锁芯，交付新钥匙',
    urgent: 0.2
  },
  {
    category: '门窗',
    place: 'unit',
    weight: 3,
    content: '{room}窗户关不严，漏风',
    record: '调整窗扇合页，更换密封条'
  },
  {
    category: '门窗',
    place: 'unit',
    weight: 2,
    content: '阳台推拉门滑轮坏了，推不动',
    record: '更换滑轮，推拉顺畅'
  },
  { category: '门窗', place: 'unit', weight: 2, content: '{room}纱窗破损', record: '更换纱网' },
  {
    category: '门窗',
    place: 'unit',
    weight: 2,
    content: '室内门把手松动',
    record: '紧固门把手螺丝'
  },
  {
    category: '空调',
    place: 'unit',
    weight: 6,
    season: 'summer',
    content: '{room}空调不制冷',
    record: '清洗滤网，补充冷媒，制冷正常'
  },
  {
    category: '空调',
    place: 'unit',
    weight: 4,
    season: 'summer',
    content: '{room}空调室内机漏水',
    record: '疏通冷凝水管，试机无漏水'
  },
  {
    category: '空调',
    place: 'unit',
    weight: 2,
    season: 'summer',
    content: '空调外机噪音大',
    record: '紧固外机支架，加装减震垫'
  },
  {
    category: '空调',
    place: 'unit',
    weight: 2,
    content: '空调开不了机',
    record: '检查电源和接收板，复位后正常'
  },
  {
    category: '暖气',
    place: 'unit',
    weight: 4,
    season: 'winter',
    content: '{room}暖气片不热',
    record: '暖气片排气，温度恢复正常'
  },
  {
    category: '暖气',
    place: 'unit',
    weight: 2,
    season: 'winter',
    content: '暖气阀门漏水',
    record: '更换阀门垫片，无渗漏',
    urgent: 0.3
  },
  {
    category: '房屋本体',
    place: 'unit',
    weight: 2,
    content: '{room}墙面渗水发霉',
    record: '查明为外墙裂缝渗水，已做防水修补'
  },
  {
    category: '房屋本体',
    place: 'unit',
    weight: 2,
    content: '{room}天花板渗水',
    record: '检查楼上管道，修复渗漏点',
    urgent: 0.2
  },
  {
    category: '房屋本体',
    place: 'unit',
    weight: 1,
    content: '{room}地砖空鼓开裂',
    record: '重新铺贴地砖'
  },
  {
    category: '公共设施',
    place: 'common',
    weight: 6,
    content: '{where}楼道灯不亮',
    record: '更换声控灯'
  },
  {
    category: '公共设施',
    place: 'common',
    weight: 3,
    content: '{building}门禁坏了，刷卡打不开',
    record: '更换门禁读卡模块，测试正常'
  },
  {
    category: '公共设施',
    place: 'common',
    weight: 2,
    content: '{building}大门闭门器损坏，门关不上',
    record: '更换闭门器'
  },
  {
    category: '公共设施',
    place: 'common',
    weight: 2,
    content: '{spot}路灯不亮',
    record: '更换路灯光源'
  },
  {
    category: '公共设施',
    place: 'common',
    weight: 1,
    content: '{spot}健身器材松动',
    record: '紧固健身器材螺栓，刷防锈漆'
  },
  {
    category: '公共设施',
    place: 'common',
    weight: 1,
    content: '地下车库道闸抬杆故障',
    record: '调整道闸控制板，恢复正常',
    urgent: 0.3
  },
  {
    category: '电梯',
    place: 'common',
    weight: 3,
    content: '{building}电梯运行有异响',
    record: '通知维保单位检修，更换导靴'
  },
  {
    category: '电梯',
    place: 'common',
    weight: 2,
    content: '{building}电梯按钮失灵',
    record: '更换楼层按钮'
  },
  {
    category: '电梯',
    place: 'common',
    weight: 0.5,
    content: '{building}电梯困人',
    record: '维保人员到场放人，检修门机',
    urgent: 1
  },
  {
    category: '电梯',
    place: 'common',
    weight: 1,
    content: '{building}电梯停运',
    record: '更换门锁触点，恢复运行',
    urgent: 0.6
  },
  {
    category: '给排水',
    place: 'common',
    weight: 1,
    content: '{spot}污水井堵塞冒水',
    record: '疏通污水管道，清理现场',
    urgent: 0.4
  },
  {
    category: '给排水',
    place: 'common',
    weight: 1,
    content: '{building}楼顶水箱漏水',
    record: '更换水箱浮球阀'
  }
];

export interface ComplaintText {
  category: string;
  department: Department;
  content: string;
  result: string;
  weight: number;
  season?: Season;
}

export const complaints: readonly ComplaintText[] = [
  {
    category: '噪音',
    department: 'security',
    weight: 5,
    content: '楼上住户晚上十一点后仍有很大噪音',
    result: '秩序员上门劝导，住户表示以后注意'
  },
  {
    category: '噪音',
    department: 'engineering',
    weight: 3,
    content: '{where}有住户在午休时间装修施工',
    result: '已责令装修队按规定时间施工，加强巡查'
  },
  {
    category: '噪音',
    department: 'security',
    weight: 2,
    season: 'summer',
    content: '{spot}广场舞音乐声音太大',
    result: '与广场舞队协商，晚上九点后停止并调低音量'
  },
  {
    category: '噪音',
    department: 'security',
    weight: 1,
    content: '邻居家狗夜里一直叫',
    result: '已上门提醒犬主，犬主承诺加强看管'
  },
  {
    category: '卫生',
    department: 'cleaning',
    weight: 4,
    content: '{where}楼道垃圾没有及时清理',
    result: '已清理，并调整保洁巡查频次'
  },
  {
    category: '卫生',
    department: 'cleaning',
    weight: 3,
    season: 'summer',
    content: '{spot}垃圾桶周围有异味，蚊蝇多',
    result: '已清洗垃圾桶并消杀'
  },
  {
    category: '卫生',
    department: 'cleaning',
    weight: 1,
    content: '地下车库地面脏乱',
    result: '已安排全面清扫冲洗'
  },
  {
    category: '停车',
    department: 'security',
    weight: 4,
    content: '自己的车位被别人占用',
    result: '联系车主挪车，已加装车位锁提示'
  },
  {
    category: '停车',
    department: 'security',
    weight: 2,
    content: '消防通道有车辆乱停',
    result: '已联系车主挪车，加强巡逻'
  },
  {
    category: '停车',
    department: 'security',
    weight: 1,
    content: '外来车辆随意进入小区',
    result: '已加强门岗登记管理'
  },
  {
    category: '服务态度',
    department: 'customerService',
    weight: 2,
    content: '前台工作人员态度不好',
    result: '已对当事员工进行批评教育并向业主致歉'
  },
  {
    category: '服务态度',
    department: 'customerService',
    weight: 2,
    content: '打电话报修很久没人接',
    result: '已调整值班安排，保证电话有人接听'
  },
  {
    category: '服务态度',
    department: 'security',
    weight: 1,
    content: '门岗保安对访客态度生硬',
    result: '已对保安进行服务礼仪培训'
  },
  {
    category: '维修质量',
    department: 'engineering',
    weight: 2,
    content: '上次维修的地方又坏了',
    result: '已重新安排维修，并对维修人员进行考核'
  },
  {
    category: '维修质量',
    department: 'engineering',
    weight: 1,
    content: '维修师傅没有按约定时间上门',
    result: '已向业主致歉，重新预约上门时间'
  },
  {
    category: '绿化',
    department: 'greening',
    weight: 2,
    content: '{spot}的树枝太长，挡住了窗户',
    result: '已修剪树枝'
  },
  {
    category: '绿化',
    department: 'greening',
    weight: 1,
    content: '草坪很久没有修剪',
    result: '已安排修剪，并公示绿化养护计划'
  },
  {
    category: '绿化',
    department: 'greening',
    weight: 1,
    season: 'summer',
    content: '绿化带打药有异味，没有提前通知',
    result: '已向业主解释并致歉，今后提前张贴消杀通知'
  },
  {
    category: '安全',
    department: 'security',
    weight: 2,
    content: '单元门经常被人用东西卡住不关',
    result: '已清除卡门物品，加强巡查'
  },
  {
    category: '安全',
    department: 'security',
    weight: 1,
    content: '小区内有陌生人发小广告',
    result: '已加强门岗盘查，清理小广告'
  },
  {
    category: '收费',
    department: 'finance',
    weight: 1,
    content: '物业费账单金额有误',
    result: '经核对为系统录入错误，已更正账单'
  },
  {
    category: '收费',
    department: 'finance',
    weight: 1,
    content: '停车费收费标准不清楚',
    result: '已向业主解释收费标准并在公告栏公示'
  },
  {
    category: '宠物',
    department: 'security',
    weight: 1,
    content: '有人遛狗不牵绳',
    result: '已在小区张贴文明养犬告示，加强劝导'
  },
  {
    category: '宠物',
    department: 'cleaning',
    weight: 1,
    content: '{spot}草坪上有狗粪没人清理',
    result: '已清理，增加巡查'
  }
];

export interface SimpleText {
  category: string;
  content: string;
  answer: string;
  weight: number;
}

export const inquiries: readonly SimpleText[] = [
  {
    category: '缴费',
    weight: 4,
    content: '咨询物业费缴纳方式',
    answer: '可在前台刷卡、扫码或通过银行代扣缴纳'
  },
  {
    category: '缴费',
    weight: 2,
    content: '询问本年度物业费金额',
    answer: '已按房屋面积和收费标准告知金额'
  },
  {
    category: '装修',
    weight: 3,
    content: '咨询装修申请需要哪些材料',
    answer: '告知需提供装修合同、施工单位资质和图纸，并发放装修须知'
  },
  {
    category: '装修',
    weight: 1,
    content: '询问装修押金金额和退还时间',
    answer: '告知押金标准，竣工验收合格后退还'
  },
  {
    category: '停车',
    weight: 2,
    content: '咨询月租车位办理手续',
    answer: '告知需带行驶证和身份证到前台办理'
  },
  {
    category: '通知',
    weight: 2,
    content: '询问停水的具体时间',
    answer: '告知停水时间及恢复时间，已在单元公告栏张贴通知'
  },
  {
    category: '通知',
    weight: 1,
    content: '询问小区什么时候消杀',
    answer: '告知本月消杀时间，届时会提前张贴通知'
  },
  {
    category: '证件',
    weight: 2,
    content: '咨询门禁卡补办',
    answer: '告知带身份证到前台办理，工本费按规定收取'
  },
  {
    category: '其他',
    weight: 1,
    content: '咨询快递代收服务',
    answer: '告知小区快递柜位置及前台代收规定'
  },
  {
    category: '其他',
    weight: 1,
    content: '询问附近学校的学区划分',
    answer: '建议向教育部门咨询，提供了咨询电话'
  }
];

export const suggestions: readonly SimpleText[] = [
  {
    category: '设施',
    weight: 3,
    content: '建议在{spot}增设休息座椅和遮阳棚',
    answer: '已记录，列入下季度设施改造计划'
  },
  {
    category: '设施',
    weight: 2,
    content: '建议增加儿童游乐设施',
    answer: '已征询业委会意见，计划在中心花园增设'
  },
  {
    category: '设施',
    weight: 3,
    content: '建议增加电动车充电桩',
    answer: '已上报，正在与供电部门协商安装'
  },
  {
    category: '设施',
    weight: 2,
    content: '建议在单元门口加装雨棚',
    answer: '已记录，将征询业委会意见'
  },
  { category: '设施', weight: 2, content: '建议增设快递柜', answer: '已联系快递柜运营商实地考察' },
  {
    category: '服务',
    weight: 2,
    content: '建议延长前台服务时间',
    answer: '已调整为周末前台延长至晚上八点'
  },
  {
    category: '活动',
    weight: 1,
    content: '建议小区多组织一些社区活动',
    answer: '感谢建议，将在节日期间组织社区活动'
  },
  { category: '环境', weight: 2, content: '建议在垃圾分类点安装洗手池', answer: '已安排工程部安装' }
];

export interface PaidText {
  category: string;
  content: string;
  record: string;
  price: readonly [number, number];
  /** Who does the work. */
  department: 'engineering' | 'cleaning';
  weight: number;
}

export const paidServices: readonly PaidText[] = [
  {
    category: '家电清洗',
    department: 'cleaning',
    weight: 3,
    content: '清洗油烟机',
    record: '拆洗油烟机及滤网',
    price: [80, 150]
  },
  {
    category: '家电清洗',
    department: 'engineering',
    weight: 3,
    content: '清洗空调',
    record: '清洗空调内机和滤网',
    price: [100, 160]
  },
  {
    category: '疏通',
    department: 'engineering',
    weight: 3,
    content: '疏通厨房下水道',
    record: '疏通厨房下水管道',
    price: [50, 100]
  },
  {
    category: '开锁',
    department: 'engineering',
    weight: 2,
    content: '钥匙丢失，需要开锁换锁',
    record: '核实身份后开锁，更换锁芯',
    price: [100, 200]
  },
  {
    category: '家政保洁',
    department: 'cleaning',
    weight: 2,
    content: '全屋保洁',
    record: '完成全屋清洁',
    price: [200, 400]
  },
  {
    category: '安装',
    department: 'engineering',
    weight: 3,
    content: '安装灯具',
    record: '安装客厅吊灯及卧室吸顶灯',
    price: [50, 120]
  },
  {
    category: '安装',
    department: 'engineering',
    weight: 2,
    content: '安装晾衣架',
    record: '安装升降晾衣架',
    price: [60, 100]
  },
  {
    category: '搬运',
    department: 'cleaning',
    weight: 1,
    content: '搬运旧家具下楼',
    record: '搬运旧家具至指定地点',
    price: [100, 300]
  }
];

export const praises: readonly (SimpleText & { department: Department })[] = [
  {
    category: '表扬',
    department: 'engineering',
    weight: 4,
    content: '感谢工程部{staff}师傅上门维修及时、耐心',
    answer: '已转达表扬，计入员工月度考核'
  },
  {
    category: '表扬',
    department: 'customerService',
    weight: 3,
    content: '表扬前台{staff}服务热情周到',
    answer: '已转达表扬，计入员工月度考核'
  },
  {
    category: '表扬',
    department: 'security',
    weight: 2,
    content: '感谢保安{staff}帮忙找回丢失的钱包',
    answer: '已转达表扬，在公告栏通报表扬'
  },
  {
    category: '表扬',
    department: 'cleaning',
    weight: 2,
    content: '表扬保洁{staff}楼道打扫得很干净',
    answer: '已转达表扬，计入员工月度考核'
  },
  {
    category: '表扬',
    department: 'greening',
    weight: 1,
    content: '感谢{staff}师傅把小区绿化打理得很好',
    answer: '已转达表扬'
  }
];

export const rooms = ['主卧', '次卧', '客厅', '书房', '餐厅'];
export const wetRooms = ['厨房', '卫生间', '阳台'];
export const spots = [
  '中心花园',
  '东门',
  '西门',
  '南门广场',
  '儿童游乐场',
  '地下车库入口',
  '篮球场',
  '会所门口'
];

export const returnVisitFailures = [
  '维修后问题仍未解决',
  '师傅走后又开始漏水',
  '业主对维修效果不满意'
];
