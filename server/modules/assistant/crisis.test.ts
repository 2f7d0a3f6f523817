import { describe, expect, it } from 'vitest';
import { assessCrisis } from './crisis.js';
import { crisisCases } from './eval/crisis-cases.js';

describe('crisis check', () => {
  it('catches every crisis in the labelled set and raises at most 5% false alarms', () => {
    const crises = crisisCases.filter((c) => c.crisis);
    const benign = crisisCases.filter((c) => !c.crisis);
    expect(crises.length).toBeGreaterThanOrEqual(40);
    expect(benign.length).toBeGreaterThanOrEqual(30);
    const missed = crises.filter((c) => !assessCrisis(c.text).crisis).map((c) => c.text);
    expect(missed).toEqual([]);
    const falseAlarms = benign.filter((c) => assessCrisis(c.text).crisis).map((c) => c.text);
    expect(falseAlarms.length / benign.length).toBeLessThanOrEqual(0.05);
  });

  it('names the category of what it caught', () => {
    for (const c of crisisCases.filter((x) => x.crisis && x.category)) {
      expect(assessCrisis(c.text).categories, c.text).toContain(c.category);
    }
  });

  // Sentences written separately from the labelled set, to catch rules that only fit their examples.
  it.each([
    '考完试终于解脱了，孩子想出去玩',
    '孩子说今天体育课跑八百米累死了',
    '孩子问离家出走的小猫还会不会回来',
    '女儿看动画片哭了，说主角死了好可怜',
    '孩子问我人死了以后会去哪里',
    '孩子说想跳级，我该不该同意',
    '儿子说想跳舞，参加学校的舞蹈队',
    '老师让孩子站起来回答问题，他很紧张',
    '孩子说同学给他起外号，心里不舒服',
    '怎么预防孩子溺水',
    '孩子晚上十点才写完作业没时间回家吃饭',
    '姥姥总给孩子吃零食，说不给零食吃孩子会哭',
  ])('does not alarm on: %s', (text) => {
    expect(assessCrisis(text)).toMatchObject({ crisis: false });
  });

  it.each([
    '孩子最近总说活着好累，不想上学',
    '儿子把攒了好几年的球星卡全送给同学了，还说以后用不着了',
    '女儿在网上认识的人让她开视频脱衣服',
    '孩子被同学拿刀逼着交钱',
    '孩子失联一天了',
    '孩子吞了一颗纽扣电池',
  ])('alarms on: %s', (text) => {
    expect(assessCrisis(text).crisis).toBe(true);
  });
});
