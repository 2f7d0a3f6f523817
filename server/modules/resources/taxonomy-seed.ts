/**
 * The default taxonomy, seeded once into `taxonomy_terms`; after that it is data that admins edit in the UI.
 * Ids are stable ("facet:code") so imports, links and saved filters survive a relabel.
 */
import type { TaxonomyFacet } from '../../../shared/contract/resources.js';

export interface TermSeed {
  id: string;
  facet: TaxonomyFacet;
  label: string;
  /** Map colour for domain terms. */
  color?: string;
  /** For age terms: the years covered, inclusive. */
  ageMin?: number;
  ageMax?: number;
}

export const DEFAULT_TERMS: TermSeed[] = [
  { id: 'domain:de', facet: 'domain', label: '德育', color: '#d4380d' },
  { id: 'domain:zhi', facet: 'domain', label: '智育', color: '#1d39c4' },
  { id: 'domain:ti', facet: 'domain', label: '体育', color: '#389e0d' },
  { id: 'domain:mei', facet: 'domain', label: '美育', color: '#c41d7f' },
  { id: 'domain:lao', facet: 'domain', label: '劳育', color: '#ad6800' },
  { id: 'domain:xinli', facet: 'domain', label: '心理健康', color: '#08979c' },
  { id: 'domain:anquan', facet: 'domain', label: '安全', color: '#cf1322' },
  { id: 'domain:kexue', facet: 'domain', label: '科学', color: '#531dab' },

  { id: 'type:museum', facet: 'type', label: '博物馆' },
  { id: 'type:memorial', facet: 'type', label: '纪念馆' },
  { id: 'type:science', facet: 'type', label: '科技馆' },
  { id: 'type:library', facet: 'type', label: '图书馆' },
  { id: 'type:culture', facet: 'type', label: '文化馆' },
  { id: 'type:art', facet: 'type', label: '美术馆/剧院' },
  { id: 'type:park', facet: 'type', label: '公园/乐学公园' },
  { id: 'type:nature', facet: 'type', label: '动植物园/自然保护地' },
  { id: 'type:sports', facet: 'type', label: '体育场馆' },
  { id: 'type:campus', facet: 'type', label: '高校实验室/校史馆' },
  { id: 'type:study', facet: 'type', label: '研学/劳动实践基地' },
  { id: 'type:parentschool', facet: 'type', label: '社区家长学校' },
  { id: 'type:health', facet: 'type', label: '医院/健康' },
  { id: 'type:safety', facet: 'type', label: '警务/消防' },

  { id: 'theme:gudu', facet: 'theme', label: '古都文化' },
  { id: 'theme:hongse', facet: 'theme', label: '红色文化' },
  { id: 'theme:jingwei', facet: 'theme', label: '京味文化' },
  { id: 'theme:chuangxin', facet: 'theme', label: '创新文化' },

  { id: 'age:preschool', facet: 'age', label: '学前（3–6岁）', ageMin: 3, ageMax: 6 },
  { id: 'age:primaryLower', facet: 'age', label: '小学低段（6–9岁）', ageMin: 6, ageMax: 9 },
  { id: 'age:primaryUpper', facet: 'age', label: '小学高段（9–12岁）', ageMin: 9, ageMax: 12 },
  { id: 'age:junior', facet: 'age', label: '初中（12–15岁）', ageMin: 12, ageMax: 15 },
  { id: 'age:senior', facet: 'age', label: '高中（15–18岁）', ageMin: 15, ageMax: 18 },

  { id: 'price:free', facet: 'price', label: '免费' },
  { id: 'price:paid', facet: 'price', label: '收费' },

  { id: 'access:wheelchair', facet: 'access', label: '轮椅无障碍' },
  { id: 'access:stroller', facet: 'access', label: '婴儿车友好' },
  { id: 'access:sensory', facet: 'access', label: '感官友好时段' },
];
