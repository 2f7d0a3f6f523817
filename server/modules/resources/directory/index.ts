/** The seed directory: real public venues of Beijing's 16 districts (facts public, descriptions ours). */
import type { VenueSeed } from './venue.js';
import { VENUES_110101 } from './venues-110101.js';
import { VENUES_110102 } from './venues-110102.js';
import { VENUES_110105 } from './venues-110105.js';
import { VENUES_110106 } from './venues-110106.js';
import { VENUES_110107 } from './venues-110107.js';
import { VENUES_110108 } from './venues-110108.js';
import { VENUES_110109 } from './venues-110109.js';
import { VENUES_110111 } from './venues-110111.js';
import { VENUES_110112 } from './venues-110112.js';
import { VENUES_110113 } from './venues-110113.js';
import { VENUES_110114 } from './venues-110114.js';
import { VENUES_110115 } from './venues-110115.js';
import { VENUES_110116 } from './venues-110116.js';
import { VENUES_110117 } from './venues-110117.js';
import { VENUES_110118 } from './venues-110118.js';
import { VENUES_110119 } from './venues-110119.js';

export type { VenueSeed } from './venue.js';

export const VENUES: readonly VenueSeed[] = [
  ...VENUES_110101,
  ...VENUES_110102,
  ...VENUES_110105,
  ...VENUES_110106,
  ...VENUES_110107,
  ...VENUES_110108,
  ...VENUES_110109,
  ...VENUES_110111,
  ...VENUES_110112,
  ...VENUES_110113,
  ...VENUES_110114,
  ...VENUES_110115,
  ...VENUES_110116,
  ...VENUES_110117,
  ...VENUES_110118,
  ...VENUES_110119,
];
