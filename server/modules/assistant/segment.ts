/**
 * Chinese word segmentation for the knowledge base. PGlite runs in the C locale and PostgreSQL's parsers
 * do not split Chinese, so text is segmented here (jieba, search mode) with a domain dictionary, and the
 * tokens are what the index stores and queries match.
 */
import { Jieba } from '@node-rs/jieba';
import { dict } from '@node-rs/jieba/dict';

/** Family-education words jieba's general dictionary would split apart. Frequency 2000 keeps them whole. */
const DOMAIN_WORDS = [
  '息屏', '息屏行动', '短视频', '小胖墩', '小眼镜', '幼小衔接', '小升初', '初升高', '中考', '高考', '体育中考',
  '家庭教育促进法', '未成年人保护法', '倾听一刻钟', '活动一小时', '家长会', '家长学校', '班主任', '心理老师',
  '六必访', '家访', '二胎', '二宝', '大宝', '三孩', '隔代', '隔代养育', '祖辈', '留守', '离异', '单亲', '重组家庭',
  '网络欺凌', '校园欺凌', '霸凌', '孤立', '起外号', '青春期', '早恋', '顶嘴', '叛逆', '厌学', '拖拉', '磨蹭',
  '发脾气', '摔东西', '玩游戏', '打游戏', '刷视频', '刷抖音', '青少年模式', '零花钱', '压岁钱', '充值', '打赏',
  '近视', '散光', '视力', '户外活动', '睡眠', '熬夜', '挑食', '零食', '含糖饮料', '家务', '劳动清单', '亲子共读',
  '考前焦虑', '考试焦虑', '网络交友', '陌生人', '防溺水', '自我保护', '身体边界', '隐私部位',
];

const jieba = Jieba.withDict(dict);
jieba.loadDict(Buffer.from(DOMAIN_WORDS.map((w) => `${w} 2000`).join('\n')));

/** Words so common in parents' questions that they carry no signal. */
const STOPWORDS = new Set(
  '的 了 是 我 你 他 她 它 们 我们 你们 他们 这 那 就 都 也 还 又 在 和 与 跟 或 吗 呢 吧 啊 呀 哦 嗯 么 什么 怎么 怎么办 怎样 如何 为什么 一个 一些 有点 有些 没有 不 没 很 太 非常 特别 总是 老是 一直 会 能 要 想 让 把 被 给 对 从 到 说 做 去 来 上 下 里 中 后 前 时候 现在 今天 已经 可以 应该 需要 因为 所以 但是 可是 如果 觉得 知道 孩子 小孩 家长 我家 儿子 女儿 宝宝 娃 岁 着 有 哪些 这样 那样 一下 这个 那个'.split(' '),
);

const WORDLIKE = /[\p{L}\p{N}]/u;

/** Segments `text` into normalised search tokens (lower-cased, no punctuation, no stopwords). */
export function tokenize(text: string): string[] {
  return jieba
    .cutForSearch(text.normalize('NFKC').toLowerCase(), true)
    .map((t) => t.trim())
    .filter((t) => t.length > 0 && WORDLIKE.test(t) && !STOPWORDS.has(t));
}
