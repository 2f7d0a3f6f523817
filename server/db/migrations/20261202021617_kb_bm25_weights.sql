ALTER TABLE "kb_terms" ADD COLUMN "weight" real DEFAULT 0 NOT NULL;--> statement-breakpoint
-- Fill the weights of rows indexed before this column existed (same formula as refreshBm25Weights()).
WITH stats AS (SELECT count(*)::float8 AS n, greatest(avg(token_count), 1)::float8 AS avgdl FROM kb_articles),
df AS (SELECT term, count(*)::float8 AS df FROM kb_terms GROUP BY term)
UPDATE kb_terms t
SET weight = ln(1 + (stats.n - df.df + 0.5) / (df.df + 0.5)) * (t.tf * 2.2) / (t.tf + 1.2 * (0.25 + 0.75 * a.token_count / stats.avgdl))
FROM df, stats, kb_articles a
WHERE df.term = t.term AND a.id = t.article_id;
