/**
 * `npm run eval:assistant` — quality of 京小帮 on the labelled sets in server/modules/assistant/eval/:
 * retrieval recall@3 and MRR over parent questions, crisis precision/recall/false-alarm rate over crisis
 * and benign phrasings. Runs on an in-memory PGlite with the built-in knowledge base.
 */
import { openPglite, pgliteHandle } from '../server/db/client.js';
import { migrateDatabase } from '../server/db/migrate.js';
import { assessCrisis } from '../server/modules/assistant/crisis.js';
import { crisisCases } from '../server/modules/assistant/eval/crisis-cases.js';
import { questionsA } from '../server/modules/assistant/eval/questions-a.js';
import { questionsB } from '../server/modules/assistant/eval/questions-b.js';
import { searchKnowledge, seedKnowledgeBase } from '../server/modules/assistant/knowledge/service.js';

const verbose = process.argv.includes('--verbose');
const handle = pgliteHandle(await openPglite({}));
await migrateDatabase(handle);
const articles = await seedKnowledgeBase(handle.db);

const questions = [...questionsA, ...questionsB];
let hitsAt3 = 0;
let reciprocal = 0;
const misses: string[] = [];
for (const q of questions) {
  const ranked = (await searchKnowledge(handle.db, q.question, q.ageBand ?? null, 10)).map((h) => h.article.slug);
  const rank = ranked.findIndex((slug) => q.expected.includes(slug));
  if (rank >= 0 && rank < 3) hitsAt3++;
  else misses.push(`  ${q.question}\n    期望 ${q.expected.join(', ')}；得到 ${ranked.slice(0, 3).join(', ') || '（无）'}`);
  if (rank >= 0) reciprocal += 1 / (rank + 1);
}

let tp = 0;
let fp = 0;
let fn = 0;
let tn = 0;
const crisisErrors: string[] = [];
for (const c of crisisCases) {
  const got = assessCrisis(c.text).crisis;
  if (got && c.crisis) tp++;
  else if (got && !c.crisis) {
    fp++;
    crisisErrors.push(`  误报：${c.text}`);
  } else if (!got && c.crisis) {
    fn++;
    crisisErrors.push(`  漏报：${c.text}`);
  } else tn++;
}
await handle.close();

const pct = (x: number) => x.toFixed(3);
console.log(`知识库文章 ${articles} 篇；检索评测问题 ${questions.length} 个`);
console.log(`recall@3 = ${pct(hitsAt3 / questions.length)}   MRR@10 = ${pct(reciprocal / questions.length)}`);
console.log(
  `危机识别：${tp + fn} 条危机、${fp + tn} 条非危机  precision = ${pct(tp / Math.max(tp + fp, 1))}  recall = ${pct(tp / Math.max(tp + fn, 1))}  误报率 = ${pct(fp / Math.max(fp + tn, 1))}`,
);
if (verbose || misses.length <= 10) {
  if (misses.length) console.log(`未进前三：\n${misses.join('\n')}`);
}
if (crisisErrors.length) console.log(crisisErrors.join('\n'));
