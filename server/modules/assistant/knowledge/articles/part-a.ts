import type { KnowledgeArticle } from '../types.js';
import { articles as a1 } from './a1.js';
import { articles as a2 } from './a2.js';
import { articles as a3 } from './a3.js';
import { articles as a4 } from './a4.js';
import { articles as a5 } from './a5.js';
import { articles as a6 } from './a6.js';
import { articles as a7 } from './a7.js';

/** Part A: study habits, screens, emotions, adolescence, communication, sleep, diet, exercise, myopia, weight. */
export const articlesPartA: KnowledgeArticle[] = [...a1, ...a2, ...a3, ...a4, ...a5, ...a6, ...a7];
