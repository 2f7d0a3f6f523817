/**
 * Synthetic Chinese personal names: a common surname plus one or two given-name characters whose style
 * matches the generation (children born 2008–2020, parents ~1980s, grandparents ~1950s). Every
 * combination is random; any match with a real person is coincidence.
 */
import type { Random } from './random.js';

/** Common surnames, roughly most frequent first; weights fall off with rank. */
const SURNAMES = [
  ...'王李张刘陈杨赵黄周吴徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡',
  ...'余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏付方白邹孟熊秦邱江尹薛闫段雷侯龙',
  ...'史陶贺顾毛郝龚邵万钱严武戴孔常康',
];
const SURNAME_WEIGHTS = SURNAMES.map((_, rank) => 1 / Math.pow(rank + 1, 0.8));

export type Gender = 'male' | 'female';
export type Generation = 'child' | 'parent' | 'grandparent';

const GIVEN_CHARS: Record<Generation, Record<Gender, readonly string[]>> = {
  child: {
    male: [...'子浩宇轩梓睿博俊泽晨铭昊然航宸逸辰熙瑞明哲一嘉文天思翔杰阳霖烨锦恒煜承祺皓凯宁安骏朗彦奕澄钧'],
    female: [...'子梓欣怡涵诗雨语佳可馨萱琪悦思梦若依婉清嘉一彤瑶晴妍璐雪心乐宁安汐桐沐芮菲钰诺昕禾柠'],
  },
  parent: {
    male: [...'伟强磊军勇杰涛斌超明刚辉鹏华飞鑫波宁建志海东峰林亮俊晓文浩宇凯健'],
    female: [...'静丽艳娟敏芳洁霞婷雪琳莉红燕玲萍晶晓慧颖倩丹璐梅蕾佳欣薇媛月'],
  },
  grandparent: {
    male: [...'国建志德明福振华永长树文庆宝贵忠胜利山林荣富占成'],
    female: [...'秀淑桂玉凤兰英芝珍华荣琴素翠芬霞云春梅萍'],
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
  let given = randomGivenName(rng, gender, generation);
  // Avoid oddities like 林凯林 where the surname reappears in the given name.
  while (given.includes(surname)) given = randomGivenName(rng, gender, generation);
  return surname + given;
}
