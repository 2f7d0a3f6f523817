/**
 * Synonym groups: a query term also searches its group's other words (at a lower weight), so "平板" finds
 * the articles about phones and "暴躁" the ones about 发脾气. Groups are data; edit freely.
 */
const GROUPS: string[][] = [
  ['手机', '平板', 'ipad', '电子产品', '屏幕', '游戏', '短视频', '抖音', '快手', '刷视频', '刷抖音', '玩游戏', '打游戏', '网游', '上网'],
  ['息屏', '无屏', '关机', '放下手机'],
  ['发脾气', '暴躁', '情绪', '生气', '愤怒', '摔东西', '哭闹', '急眼', '吼', '炸毛', '失控'],
  ['作业', '功课', '写作业', '练习'],
  ['拖拉', '磨蹭', '拖延', '慢吞吞', '效率'],
  ['专注', '注意力', '分心', '走神', '坐不住'],
  ['近视', '视力', '眼睛', '小眼镜', '眯眼', '看不清'],
  ['胖', '肥胖', '体重', '小胖墩', '超重', '减肥'],
  ['欺负', '欺凌', '霸凌', '孤立', '排挤', '起外号', '嘲笑'],
  ['考试', '考前', '期末', '中考', '高考', '测验'],
  ['焦虑', '紧张', '担心', '害怕', '压力', '失眠'],
  ['睡觉', '睡眠', '熬夜', '晚睡', '起床', '赖床'],
  ['说谎', '撒谎', '骗人', '骗', '瞒'],
  ['顶嘴', '叛逆', '不听话', '对着干', '青春期'],
  ['沟通', '交流', '聊天', '谈心', '不说话', '不理人'],
  ['运动', '锻炼', '体育', '户外', '跑步', '活动'],
  ['吃饭', '饮食', '挑食', '零食', '饮料', '早餐'],
  ['钱', '零花钱', '压岁钱', '充值', '打赏', '花钱', '消费'],
  ['读书', '阅读', '看书', '绘本'],
  ['家务', '劳动', '做饭', '收拾'],
  ['二胎', '二宝', '大宝', '弟弟', '妹妹', '哥哥', '姐姐', '兄弟姐妹', '三孩'],
  ['离婚', '离异', '单亲', '分开', '重组家庭', '继父', '继母'],
  ['爷爷', '奶奶', '姥姥', '姥爷', '外公', '外婆', '祖辈', '隔代'],
  ['去世', '死亡', '离世', '过世', '葬礼'],
  ['网友', '网络交友', '陌生人', '网上认识'],
  ['厌学', '不想上学', '不去学校', '逃学'],
  ['成绩', '分数', '排名', '退步', '下滑'],
];

const groupsOf = new Map<string, string[][]>();
for (const group of GROUPS) {
  for (const word of group) groupsOf.set(word, [...(groupsOf.get(word) ?? []), group]);
}

/** Weight of a synonym relative to the word the parent actually typed. */
export const SYNONYM_WEIGHT = 0.4;

/** The query's terms with weights: typed terms 1.0, their synonyms SYNONYM_WEIGHT (max wins). */
export function expandTerms(tokens: string[]): Map<string, number> {
  const weights = new Map<string, number>();
  for (const token of tokens) weights.set(token, 1);
  for (const token of tokens) {
    for (const group of groupsOf.get(token) ?? []) {
      for (const word of group) if (!weights.has(word)) weights.set(word, SYNONYM_WEIGHT);
    }
  }
  return weights;
}
