import { useEffect, useState } from 'react';
import { Alert, Input, Space, Table, Tag } from 'antd';
import type { TableColumnsType } from 'antd';
import { Link, useSearchParams } from 'react-router-dom';
import type * as assistantApi from '../../../shared/contract/assistant.js';
import { ageBandLabels, kbTopicLabels } from '../../../shared/contract/domain.js';
import type { EndpointResponse } from '../../../shared/contract/endpoint.js';
import { errorMessage } from '../api/client.js';
import { useArticles } from '../api/kb.js';
import { MobileList } from '../components/MobileList.js';
import { PageHeader } from '../components/PageHeader.js';
import { Panel } from '../components/Panel.js';
import { useIsMobile } from '../components/useIsMobile.js';
import '../features/staff/staff.css';
import { formatDateTime } from '../lib/format.js';

type Row = EndpointResponse<typeof assistantApi.listArticles>['items'][number];

function Tags({ values, labels, color }: { values: string[]; labels: Record<string, string>; color?: string }) {
  return (
    <Space size={[4, 4]} wrap>
      {values.map((v) => (
        <Tag key={v} color={color} style={{ marginInlineEnd: 0 }}>
          {labels[v] ?? v}
        </Tag>
      ))}
    </Space>
  );
}

/** 知识库: the articles 京小帮 answers from, searchable the way parents ask; each opens in the editor. */
export default function KbListPage() {
  const isMobile = useIsMobile();
  const [params, setParams] = useSearchParams();
  const q = params.get('q') ?? '';
  const [draft, setDraft] = useState(q);
  useEffect(() => setDraft(q), [q]);
  const articles = useArticles(q);
  const items = articles.data?.items ?? [];
  // The list comes whole; phones show it 20 at a time like the table does.
  const [page, setPage] = useState(1);
  useEffect(() => setPage(1), [q]);
  const PAGE = 20;

  const columns: TableColumnsType<Row> = [
    {
      title: '标题',
      dataIndex: 'title',
      render: (title: string, row) => (
        <div>
          <Link to={`/kb/${row.slug}`} style={{ fontWeight: 500 }}>
            {title}
          </Link>
          <div className="gy-muted gy-small gy-kb-summary">{row.summary}</div>
        </div>
      ),
    },
    {
      title: '适用年龄',
      dataIndex: 'ageBands',
      width: 200,
      render: (v: string[]) => <Tags values={v} labels={ageBandLabels} color="green" />,
    },
    {
      title: '主题',
      dataIndex: 'topics',
      width: 200,
      render: (v: string[]) => <Tags values={v} labels={kbTopicLabels} />,
    },
    { title: '版本', dataIndex: 'version', width: 70, render: (v: number) => `第 ${v} 版` },
    { title: '更新时间', dataIndex: 'updatedAt', width: 150, render: (v: string) => formatDateTime(v) },
  ];

  return (
    <>
      <PageHeader title="知识库" description="京小帮的每条回答都来自这里的文章。修改保存为新版本，旧版本保留可查。" />
      <Panel bodyStyle={{ padding: isMobile ? 12 : 24 }}>
        <Space orientation="vertical" size={12} style={{ width: '100%' }}>
          <div role="search">
            <Input.Search
              aria-label="搜索知识库文章"
              placeholder="像家长那样输入问题或关键词，例如：写作业拖拉"
              enterButton="搜索"
              allowClear
              maxLength={100}
              value={draft}
              onChange={(e) => setDraft(e.target.value)}
              onSearch={(value) => {
                const next = value.trim();
                setParams(next ? { q: next } : {});
              }}
              style={{ maxWidth: isMobile ? undefined : 480 }}
            />
          </div>
          {q && !articles.isFetching ? (
            <span className="gy-muted gy-small" role="status">
              “{q}”的检索结果：{items.length} 篇（按相关度排序）
            </span>
          ) : null}
          {articles.error ? <Alert type="error" showIcon role="alert" title={errorMessage(articles.error)} /> : null}
          {isMobile ? (
            <MobileList
              label="知识库文章"
              items={items.slice((page - 1) * PAGE, page * PAGE)}
              pagination={{ current: page, pageSize: PAGE, total: items.length, onChange: setPage }}
              rowKey={(a) => a.id}
              emptyText={articles.isPending ? '正在加载…' : q ? '没有找到相关文章' : '暂无文章'}
              renderItem={(a) => (
                <div style={{ display: 'grid', gap: 6 }}>
                  <Link to={`/kb/${a.slug}`} style={{ fontWeight: 500 }}>
                    {a.title}
                  </Link>
                  <Tags values={a.ageBands} labels={ageBandLabels} color="green" />
                  <span className="gy-muted gy-small">
                    第 {a.version} 版 · {formatDateTime(a.updatedAt)}
                  </span>
                </div>
              )}
            />
          ) : (
            <Table<Row>
              rowKey="id"
              columns={columns}
              dataSource={items}
              loading={articles.isFetching}
              size="middle"
              locale={{ emptyText: q ? '没有找到相关文章' : '暂无文章' }}
              pagination={{
                pageSize: 20,
                showSizeChanger: false,
                showTotal: (t) => `共 ${t} 篇`,
                hideOnSinglePage: true,
              }}
            />
          )}
        </Space>
      </Panel>
    </>
  );
}
