import { tokenize } from '../segment.js';
import type { KnowledgeArticle } from './types.js';

/**
 * Term frequencies of an article for the index. The title counts three times and the parents' own
 * keywords twice: a question that names the problem should find the article that is about it.
 */
export function indexTerms(article: KnowledgeArticle): { terms: Map<string, number>; tokenCount: number } {
  const weighted: [string, number][] = [
    [article.title, 3],
    [article.keywords.join(' '), 2],
    [article.summary, 1],
    [article.understanding, 1],
    [article.whatToSay.join(' '), 1],
    [article.thisWeek.join(' '), 1],
    [article.seekHelp, 1],
  ];
  const terms = new Map<string, number>();
  let tokenCount = 0;
  for (const [text, weight] of weighted) {
    for (const token of tokenize(text)) {
      terms.set(token, (terms.get(token) ?? 0) + weight);
      tokenCount += weight;
    }
  }
  return { terms, tokenCount };
}
