import type { KnowledgeArticle } from '../types.js';
import { articles as b1 } from './b1.js';
import { articles as b2 } from './b2.js';
import { articles as b3 } from './b3.js';
import { articles as b4 } from './b4.js';
import { articles as b5 } from './b5.js';
import { articles as b6 } from './b6.js';
import { articles as b7 } from './b7.js';

/** Part B of the built-in articles: safety, online safety, bullying, exams and transitions, reading, labour, siblings, special families, lying, money, parents' duties. */
export const articlesPartB: KnowledgeArticle[] = [...b1, ...b2, ...b3, ...b4, ...b5, ...b6, ...b7];
