import type { KnowledgeArticle } from '../types.js';
import { articlesPartA } from './part-a.js';
import { articlesPartB } from './part-b.js';

/** Every built-in article, written by the Gongyu team. */
export const allArticles: KnowledgeArticle[] = [...articlesPartA, ...articlesPartB];
