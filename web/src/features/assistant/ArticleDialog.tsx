import { ageBandLabels } from '../../../../shared/contract/domain.js';
import { useArticle } from '../../api/assistant.js';
import { errorMessage } from '../../api/client.js';
import { Dialog } from '../../components/Dialog.js';
import { formatDateTime } from '../../lib/format.js';
import { Btn, Callout, Tag } from '../../ui/kit.js';

function Section({ title, children }: { title: string; children: React.ReactNode }) {
  return (
    <section className="gy-article-section">
      <h3>{title}</h3>
      {children}
    </section>
  );
}

/** A knowledge-base article, opened from an answer's citation: the same sections the answer was built from. */
export function ArticleDialog({
  slug,
  fallbackTitle,
  onClose,
}: {
  slug: string | null;
  fallbackTitle?: string;
  onClose: () => void;
}) {
  const article = useArticle(slug);
  const a = article.data;
  return (
    <Dialog
      open={slug !== null}
      onClose={onClose}
      width={680}
      title={a?.title ?? fallbackTitle ?? '知识库文章'}
      footer={
        <Btn variant="primary" onClick={onClose}>
          关闭
        </Btn>
      }
    >
      {article.isPending ? (
        <div aria-busy="true" aria-label="正在加载文章">
          <div className="gy-skeleton gy-skeleton-line" style={{ width: '40%' }} />
          <div className="gy-skeleton gy-skeleton-line" />
          <div className="gy-skeleton gy-skeleton-line" />
          <div className="gy-skeleton gy-skeleton-line" style={{ width: '70%' }} />
        </div>
      ) : article.error ? (
        <Callout type="error" title="文章加载失败">
          {errorMessage(article.error)}
        </Callout>
      ) : a ? (
        <div className="gy-article">
          <div style={{ display: 'flex', flexWrap: 'wrap', gap: 6, marginBottom: 8 }}>
            {a.ageBands.map((band) => (
              <Tag key={band} color="green">
                {ageBandLabels[band]}
              </Tag>
            ))}
          </div>
          <p className="gy-article-summary">{a.summary}</p>
          <Section title="可能的原因">
            <p>{a.understanding}</p>
          </Section>
          <Section title="可以这样说">
            <ul>
              {a.whatToSay.map((line, i) => (
                <li key={i}>{line}</li>
              ))}
            </ul>
          </Section>
          <Section title="本周可以做">
            <ol>
              {a.thisWeek.map((line, i) => (
                <li key={i}>{line}</li>
              ))}
            </ol>
          </Section>
          <Section title="何时寻求帮助">
            <p>{a.seekHelp}</p>
          </Section>
          {a.references.length > 0 ? (
            <Section title="依据">
              <ul className="gy-small gy-muted">
                {a.references.map((line, i) => (
                  <li key={i}>{line}</li>
                ))}
              </ul>
            </Section>
          ) : null}
          <p className="gy-small gy-muted" style={{ marginBottom: 0 }}>
            共育知识库 · 第 {a.version} 版 · 更新于 {formatDateTime(a.updatedAt)}
          </p>
        </div>
      ) : null}
    </Dialog>
  );
}
