/**
 * The 16 districts of Beijing (GB/T 2260 codes) with approximate centres and a few real local place
 * words used to invent school names and addresses. Centres are near each district's urban core / seat
 * of government rather than its geometric centroid, so jittered demo schools land in built-up areas.
 */

export interface GeoPoint {
  /** Longitude (WGS 84). */
  x: number;
  /** Latitude (WGS 84). */
  y: number;
}

export interface BeijingDistrict {
  /** GB/T 2260 administrative division code, also the shard key. */
  id: string;
  name: string;
  sortOrder: number;
  center: GeoPoint;
  /** Local place words (neighbourhoods, towns) for invented school names: 2 primary, 1 junior, 1 senior. */
  schoolPlaces: readonly [string, string, string, string];
  /** Extra local words for invented street addresses. */
  streetPlaces: readonly string[];
}

export const BEIJING_DISTRICTS: readonly BeijingDistrict[] = [
  {
    id: '110101',
    name: '东城区',
    sortOrder: 1,
    center: { x: 116.416, y: 39.928 },
    schoolPlaces: ['景山', '和平里', '东四', '崇文门'],
    streetPlaces: ['交道口', '北新桥', '安定门', '天坛', '东直门'],
  },
  {
    id: '110102',
    name: '西城区',
    sortOrder: 2,
    center: { x: 116.366, y: 39.912 },
    schoolPlaces: ['什刹海', '德胜门', '月坛', '广安门'],
    streetPlaces: ['新街口', '西长安街', '展览路', '金融街', '牛街'],
  },
  {
    id: '110105',
    name: '朝阳区',
    sortOrder: 3,
    center: { x: 116.486, y: 39.948 },
    schoolPlaces: ['劲松', '望京', '亚运村', '双井'],
    streetPlaces: ['呼家楼', '三里屯', '团结湖', '潘家园', '酒仙桥'],
  },
  {
    id: '110106',
    name: '丰台区',
    sortOrder: 4,
    center: { x: 116.287, y: 39.858 },
    schoolPlaces: ['方庄', '马家堡', '卢沟桥', '右安门'],
    streetPlaces: ['丰台', '新村', '东高地', '南苑', '宛平'],
  },
  {
    id: '110107',
    name: '石景山区',
    sortOrder: 5,
    center: { x: 116.223, y: 39.906 },
    schoolPlaces: ['八角', '古城', '鲁谷', '苹果园'],
    streetPlaces: ['老山', '金顶街', '八宝山', '广宁', '五里坨'],
  },
  {
    id: '110108',
    name: '海淀区',
    sortOrder: 6,
    center: { x: 116.298, y: 39.959 },
    schoolPlaces: ['万寿路', '清河', '学院路', '上地'],
    streetPlaces: ['紫竹院', '北太平庄', '羊坊店', '田村', '四季青'],
  },
  {
    id: '110109',
    name: '门头沟区',
    sortOrder: 7,
    center: { x: 116.102, y: 39.94 },
    schoolPlaces: ['大峪', '城子', '永定', '龙泉'],
    streetPlaces: ['东辛房', '潭柘寺', '军庄', '妙峰山'],
  },
  {
    id: '110111',
    name: '房山区',
    sortOrder: 8,
    center: { x: 116.143, y: 39.748 },
    schoolPlaces: ['良乡', '长阳', '窦店', '燕山'],
    streetPlaces: ['拱辰', '西潞', '阎村', '琉璃河', '城关'],
  },
  {
    id: '110112',
    name: '通州区',
    sortOrder: 9,
    center: { x: 116.657, y: 39.91 },
    schoolPlaces: ['梨园', '永顺', '宋庄', '潞城'],
    streetPlaces: ['新华', '中仓', '玉桥', '北苑', '张家湾'],
  },
  {
    id: '110113',
    name: '顺义区',
    sortOrder: 10,
    center: { x: 116.655, y: 40.13 },
    schoolPlaces: ['仁和', '石园', '后沙峪', '马坡'],
    streetPlaces: ['胜利', '光明', '空港', '旺泉', '牛栏山'],
  },
  {
    id: '110114',
    name: '昌平区',
    sortOrder: 11,
    center: { x: 116.231, y: 40.221 },
    schoolPlaces: ['回龙观', '天通苑', '南邵', '城北'],
    streetPlaces: ['城南', '沙河', '霍营', '东小口', '北七家'],
  },
  {
    id: '110115',
    name: '大兴区',
    sortOrder: 12,
    center: { x: 116.341, y: 39.727 },
    schoolPlaces: ['黄村', '旧宫', '西红门', '亦庄'],
    streetPlaces: ['兴丰', '林校路', '清源', '观音寺', '高米店'],
  },
  {
    id: '110116',
    name: '怀柔区',
    sortOrder: 13,
    center: { x: 116.632, y: 40.316 },
    schoolPlaces: ['泉河', '龙山', '庙城', '雁栖'],
    streetPlaces: ['杨宋', '桥梓', '北房', '青春路'],
  },
  {
    id: '110117',
    name: '平谷区',
    sortOrder: 14,
    center: { x: 117.121, y: 40.141 },
    schoolPlaces: ['滨河', '兴谷', '马坊', '峪口'],
    streetPlaces: ['渔阳', '金海湖', '东高村', '王辛庄'],
  },
  {
    id: '110118',
    name: '密云区',
    sortOrder: 15,
    center: { x: 116.843, y: 40.377 },
    schoolPlaces: ['鼓楼', '果园', '檀营', '溪翁庄'],
    streetPlaces: ['西田各庄', '十里堡', '河南寨', '穆家峪'],
  },
  {
    id: '110119',
    name: '延庆区',
    sortOrder: 16,
    center: { x: 115.975, y: 40.457 },
    schoolPlaces: ['儒林', '妫川', '康庄', '永宁'],
    streetPlaces: ['百泉', '香水园', '八达岭', '张山营'],
  },
];

/** Invented resource-unit names; each district gets two, rotating so districts do not all look alike. */
export const RESOURCE_UNIT_SUFFIXES = [
  '青少年科技活动中心',
  '社区家长学校',
  '自然教育体验基地',
  '青少年阅读推广中心',
  '少年艺术活动中心',
  '家庭教育指导服务站',
  '劳动实践教育基地',
  '青少年体育运动营地',
] as const;

export const CONSULTATION_ROOM_SUFFIX = '家校社共育咨询室';

export function districtById(id: string): BeijingDistrict {
  const district = BEIJING_DISTRICTS.find((d) => d.id === id);
  if (!district) throw new Error(`unknown district ${id}`);
  return district;
}
