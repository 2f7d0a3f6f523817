/**
 * Synthetic Chinese personal names: a common surname plus one or two given-name characters whose style
 * matches the generation (children born 2008–2020, parents ~1980s, grandparents ~1950s). Every
 * combination is random; any match with a real person is coincidence.
 */
import type { Random } from './random.js';

/** Common surnames, roughly most frequent first; weights fall off with rank. */
const SURNAMES = [
  '王', '李', '张', '刘', '陈', '杨', '赵', '黄', '周', '吴', '徐', '孙', '马', '朱', '胡', '郭',
  '何', '高', '林', '罗', '郑', '梁', '谢', '宋', '唐', '许', '韩', '冯', '邓', '曹', '彭', '曾',
  '肖', '田', '董', '袁', '潘', '于', '蒋', '蔡', '余', '杜', '叶', '程', '苏', '魏', '吕', '丁',
  '任', '沈', '姚', '卢', '姜', '崔', '钟', '谭', '陆', '汪', '范', '金', '石', '廖', '贾', '夏',
  '付', '方', '白', '邹', '孟', '熊', '秦', '邱', '江', '尹', '薛', '闫', '段', '雷', '侯', '龙',
  '史', '陶', '贺', '顾', '毛', '郝', '龚', '邵', '万', '钱', '严', '武', '戴', '孔', '常', '康',
] as const;
const SURNAME_WEIGHTS = SURNAMES.map((_, rank) => 1 / Math.pow(rank + 1, 0.8));

export type Gender = 'male' | 'female';
export type Generation = 'child' | 'parent' | 'grandparent';

const GIVEN_CHARS: Record<Generation, Record<Gender, readonly string[]>> = {
  child: {
    male: [
      '子', '浩', '宇', '轩', '梓', '睿', '博', '俊', '泽', '晨', '铭', '昊', '然', '航', '宸', '逸',
      '辰', '熙', '瑞', '明', '哲', '一', '嘉', '文', '天', '思', '翔', '杰', '阳', '霖', '烨', '锦',
      '恒', '煜', '承', '祺', '皓', '凯', '宁', '安', '骏', '朗', '彦', '奕', '澄', '钧',
    ],
    female: [
      '子', '梓', '欣', '怡', '涵', '诗', '雨', '语', '佳', '可', '馨', '萱', '琪', '悦', '思', '梦',
      '若', '依', '婉', '清', '嘉', '一', '彤', '瑶', '晴', '妍', '璐', '雪', '心', '乐', '宁', '安',
      '汐', '桐', '沐', '芮', '菲', '钰', '诺', '昕', '禾', '柠',
    ],
  },
  parent: {
    male: [
      '伟', '强', '磊', '军', '勇', '杰', '涛', '斌', '超', '明', '刚', '辉', '鹏', '华', '飞', '鑫',
      '波', '宁', '建', '志', '海', '东', '峰', '林', '亮', '俊', '晓', '文', '浩', '宇', '凯', '健',
    ],
    female: [
      '静', '丽', '艳', '娟', '敏', '芳', '洁', '霞', '婷', '雪', '琳', '莉', '红', '燕', '玲', '萍',
      '晶', '晓', '慧', '颖', '倩', '丹', '璐', '梅', '蕾', '佳', '欣', '薇', '媛', '月',
    ],
  },
  grandparent: {
    male: [
      '国', '建', '志', '德', '明', '福', '振', '华', '永', '长', '树', '文', '庆', '宝', '贵', '忠',
      '胜', '利', '山', '林', '荣', '富', '占', '成',
    ],
    female: [
      '秀', '淑', '桂', '玉', '凤', '兰', '英', '芝', '珍', '华', '荣', '琴', '素', '翠', '芬', '霞',
      '云', '春', '梅', '萍',
    ],
  },
};

/** How often the given name has two characters rather than one, by generation. */
const TWO_CHAR_SHARE: Record<Generation, number> = { child: 0.8, parent: 0.6, grandparent: 0.7 };

const PREFIX_ONLY_CHARS = new Set(['子', '一', '梓', '思']);

export function randomSurname(rng: Random): string {
  return rng.weighted(SURNAMES, SURNAME_WEIGHTS);
}

/** A surname different from `other` (spouses in the demo never share one, which also reads more naturally). */
export function randomSurnameExcept(rng: Random, other: string): string {
  for (;;) {
    const surname = randomSurname(rng);
    if (surname !== other) return surname;
  }
}

export function randomGivenName(rng: Random, gender: Gender, generation: Generation): string {
  const chars = GIVEN_CHARS[generation][gender];
  const first = rng.pick(chars);
  // Characters like 子 or 一 only work as part of a two-character name.
  if (!rng.chance(TWO_CHAR_SHARE[generation]) && !PREFIX_ONLY_CHARS.has(first)) return first;
  let second = rng.pick(chars);
  while (second === first) second = rng.pick(chars);
  return first + second;
}

export function randomFullName(rng: Random, surname: string, gender: Gender, generation: Generation): string {
  return surname + randomGivenName(rng, gender, generation);
}
