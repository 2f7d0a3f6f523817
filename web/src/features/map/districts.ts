/** Beijing's 16 districts (GB/T 2260 codes), for the district filter of 教育新地图. */
export const BEIJING_DISTRICTS: { id: string; name: string }[] = [
  { id: '110101', name: '东城区' },
  { id: '110102', name: '西城区' },
  { id: '110105', name: '朝阳区' },
  { id: '110106', name: '丰台区' },
  { id: '110107', name: '石景山区' },
  { id: '110108', name: '海淀区' },
  { id: '110109', name: '门头沟区' },
  { id: '110111', name: '房山区' },
  { id: '110112', name: '通州区' },
  { id: '110113', name: '顺义区' },
  { id: '110114', name: '昌平区' },
  { id: '110115', name: '大兴区' },
  { id: '110116', name: '怀柔区' },
  { id: '110117', name: '平谷区' },
  { id: '110118', name: '密云区' },
  { id: '110119', name: '延庆区' },
];

export function districtName(id: string | undefined): string | undefined {
  return BEIJING_DISTRICTS.find((d) => d.id === id)?.name;
}
