import { keepPreviousData, useQuery } from '@tanstack/react-query';
import * as assistantApi from '../../../shared/contract/assistant.js';
import { call } from './client.js';
import { queryKeys } from './keys.js';

export function useArticles(q: string) {
  return useQuery({
    queryKey: queryKeys.articles(q),
    queryFn: ({ signal }) => call(assistantApi.listArticles, { query: { q: q || undefined }, signal }),
    placeholderData: keepPreviousData,
  });
}

export function useArticleForEdit(slug: string) {
  return useQuery({
    queryKey: queryKeys.article(slug),
    queryFn: ({ signal }) => call(assistantApi.getArticle, { params: { slug }, signal }),
    // An editor must start from the newest version: never serve a cached copy.
    staleTime: 0,
  });
}

export function useArticleVersions(slug: string) {
  return useQuery({
    queryKey: queryKeys.articleVersions(slug),
    queryFn: ({ signal }) => call(assistantApi.listArticleVersions, { params: { slug }, signal }),
  });
}
