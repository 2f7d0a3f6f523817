import { useEffect, useRef, useState } from 'react';
import { Alert, Button, Col, Form, Input, List, Row, Select, Skeleton, Space, Tag } from 'antd';
import { DeleteOutlined, HistoryOutlined, LeftOutlined, PlusOutlined, SaveOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Link, useParams } from 'react-router-dom';
import * as assistantApi from '../../../shared/contract/assistant.js';
import { AGE_BANDS, KB_TOPICS, ageBandLabels, kbTopicLabels } from '../../../shared/contract/domain.js';
import type { EndpointBody } from '../../../shared/contract/endpoint.js';
import type { Article } from '../api/assistant.js';
import { call, errorMessage, isApiError } from '../api/client.js';
import { useArticleForEdit, useArticleVersions } from '../api/kb.js';
import { queryKeys } from '../api/keys.js';
import { useNotice } from '../components/notice.js';
import { PageHeader, useDocumentTitle } from '../components/PageHeader.js';
import { Panel } from '../components/Panel.js';
import { QueryError } from '../components/QueryError.js';
import '../features/staff/staff.css';
import { formatDateTime } from '../lib/format.js';

type Values = Omit<EndpointBody<typeof assistantApi.updateArticle>, 'baseVersion'>;

const ageOptions = AGE_BANDS.map((v) => ({ value: v, label: ageBandLabels[v] }));
const topicOptions = KB_TOPICS.map((v) => ({ value: v, label: kbTopicLabels[v] }));
const noMarkup = { pattern: /^[^<>]*$/, message: '不能包含 < 或 > 字符' };

function valuesOf(a: Article): Values {
  return {
    title: a.title,
    ageBands: a.ageBands,
    topics: a.topics,
    summary: a.summary,
    understanding: a.understanding,
    whatToSay: a.whatToSay,
    thisWeek: a.thisWeek,
    seekHelp: a.seekHelp,
    references: a.references,
    keywords: a.keywords,
  };
}

/** A list of short lines (可以这样说, 本周可以做, 依据): add, edit and remove, within the contract's limits. */
function LinesField({
  name,
  label,
  min,
  max,
  lineMax,
  placeholder,
}: {
  name: 'whatToSay' | 'thisWeek' | 'references';
  label: string;
  min: number;
  max: number;
  lineMax: number;
  placeholder: string;
}) {
  return (
    <Form.List
      name={name}
      rules={[
        {
          validator: async (_, lines?: string[]) => {
            const n = lines?.length ?? 0;
            if (n < min) throw new Error(`${label}至少 ${min} 条`);
            if (n > max) throw new Error(`${label}最多 ${max} 条`);
          },
        },
      ]}
    >
      {(fields, { add, remove }, { errors }) => (
        <fieldset className="gy-kb-lines">
          <legend>
            {min > 0 ? (
              <span className="gy-kb-required" aria-hidden>
                *
              </span>
            ) : null}
            {label}
            <span className="gy-muted gy-small">
              （{min > 0 ? `${min}–${max}` : `最多 ${max}`} 条，每条不超过 {lineMax} 字）
            </span>
          </legend>
          {fields.map((field, index) => (
            <div key={field.key} className="gy-kb-line">
              <span className="gy-kb-line-n" aria-hidden>
                {index + 1}
              </span>
              <Form.Item
                name={field.name}
                rules={[
                  { required: true, whitespace: true, message: '这一条不能为空' },
                  { max: lineMax, message: `每条不超过 ${lineMax} 字` },
                  noMarkup,
                ]}
                style={{ flex: 1, marginBottom: 8 }}
              >
                <Input.TextArea
                  autoSize={{ minRows: 1, maxRows: 4 }}
                  maxLength={lineMax}
                  aria-label={`${label}第 ${index + 1} 条`}
                  placeholder={placeholder}
                />
              </Form.Item>
              <Button
                type="text"
                icon={<DeleteOutlined />}
                aria-label={`删除${label}第 ${index + 1} 条`}
                disabled={fields.length <= min}
                onClick={() => remove(field.name)}
              />
            </div>
          ))}
          <Button type="dashed" icon={<PlusOutlined />} disabled={fields.length >= max} onClick={() => add('')}>
            添加一条
          </Button>
          <Form.ErrorList errors={errors} />
        </fieldset>
      )}
    </Form.List>
  );
}

function Versions({ slug, current }: { slug: string; current: number }) {
  const versions = useArticleVersions(slug);
  return (
    <Panel
      title={
        <span>
          <HistoryOutlined aria-hidden /> 历史版本
        </span>
      }
    >
      {versions.isPending ? (
        <Skeleton active paragraph={{ rows: 3 }} title={false} />
      ) : versions.error ? (
        <Alert type="error" showIcon title={errorMessage(versions.error)} />
      ) : (
        <List
          size="small"
          dataSource={[...versions.data.items].sort((a, b) => b.version - a.version)}
          locale={{ emptyText: '暂无历史版本' }}
          renderItem={(v) => (
            <List.Item>
              <div style={{ width: '100%' }}>
                <Space size={6} wrap>
                  <strong>第 {v.version} 版</strong>
                  {v.version === current ? <Tag color="green">当前</Tag> : null}
                </Space>
                <div>{v.title}</div>
                <div className="gy-muted gy-small">
                  {formatDateTime(v.editedAt)} · {v.editedByName ?? '系统内置'}
                </div>
              </div>
            </List.Item>
          )}
        />
      )}
    </Panel>
  );
}

/** 编辑文章: every field of a knowledge-base article, saved as a new version from the version it started from. */
export default function KbEditPage() {
  const { slug = '' } = useParams();
  const article = useArticleForEdit(slug);
  const queryClient = useQueryClient();
  const { notice } = useNotice();
  const [form] = Form.useForm<Values>();
  const [dirty, setDirty] = useState(false);
  const [baseVersion, setBaseVersion] = useState<number | null>(null);
  const errorRef = useRef<HTMLDivElement>(null);
  useDocumentTitle(article.data ? `编辑：${article.data.title}` : '编辑文章');

  // Start from the loaded version (and again after 载入最新版本).
  useEffect(() => {
    if (article.data && baseVersion === null) {
      form.setFieldsValue(valuesOf(article.data));
      setBaseVersion(article.data.version);
    }
  }, [article.data, baseVersion, form]);

  useEffect(() => {
    if (!dirty) return;
    const warn = (event: BeforeUnloadEvent) => event.preventDefault();
    window.addEventListener('beforeunload', warn);
    return () => window.removeEventListener('beforeunload', warn);
  }, [dirty]);

  const save = useMutation({
    mutationFn: (values: Values) =>
      call(assistantApi.updateArticle, { params: { slug }, body: { ...values, baseVersion: baseVersion ?? 1 } }),
    onSuccess: (saved) => {
      queryClient.setQueryData(queryKeys.article(slug), saved);
      void queryClient.invalidateQueries({ queryKey: queryKeys.articleVersions(slug) });
      void queryClient.invalidateQueries({ queryKey: queryKeys.articleLists });
      form.setFieldsValue(valuesOf(saved));
      setBaseVersion(saved.version);
      setDirty(false);
      notice.success(`已保存为第 ${saved.version} 版`);
    },
    onError: (error) => {
      // The message sits by the save button, where the editor is looking.
      requestAnimationFrame(() => errorRef.current?.scrollIntoView({ block: 'nearest' }));
      if (!isApiError(error)) return;
      const fields = error.errors
        .map((e) => ({
          name: e.path
            .replace(/^body\.?/, '')
            .split('.')
            .filter(Boolean)
            .map((p) => (/^\d+$/.test(p) ? Number(p) : p)),
          errors: [e.message],
        }))
        .filter((f) => f.name.length > 0 && f.name[0] !== 'baseVersion');
      if (fields.length) form.setFields(fields as Parameters<typeof form.setFields>[0]);
    },
  });

  const reload = async () => {
    const latest = await article.refetch();
    if (latest.data) {
      form.resetFields();
      form.setFieldsValue(valuesOf(latest.data));
      setBaseVersion(latest.data.version);
      setDirty(false);
      save.reset();
      void queryClient.invalidateQueries({ queryKey: queryKeys.articleVersions(slug) });
    }
  };

  const back = (
    <Link to="/kb" className="gy-kb-back">
      <LeftOutlined aria-hidden /> 知识库
    </Link>
  );
  if (article.isPending) {
    return (
      <>
        {back}
        <Panel>
          <Skeleton active paragraph={{ rows: 10 }} />
        </Panel>
      </>
    );
  }
  if (article.error && !article.data)
    return <QueryError error={article.error} onRetry={() => void article.refetch()} />;
  const a = article.data!;
  const conflict = isApiError(save.error) && save.error.status === 409;

  return (
    <>
      {back}
      <PageHeader
        title="编辑文章"
        description={
          <>
            {a.title} · 正在基于第 {baseVersion ?? a.version} 版编辑
          </>
        }
      />
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={16}>
          <Panel>
            <Form<Values>
              form={form}
              layout="vertical"
              onFinish={(values) => save.mutate(values)}
              onValuesChange={() => setDirty(true)}
              scrollToFirstError
              requiredMark
            >
              <Form.Item
                label="标题"
                name="title"
                rules={[{ required: true, whitespace: true, message: '请填写标题' }, { max: 40 }, noMarkup]}
              >
                <Input maxLength={40} showCount />
              </Form.Item>
              <Row gutter={16}>
                <Col xs={24} md={12}>
                  <Form.Item
                    label="适用年龄段"
                    name="ageBands"
                    rules={[{ required: true, type: 'array', min: 1, message: '至少选择一个年龄段' }]}
                  >
                    <Select mode="multiple" options={ageOptions} placeholder="选择年龄段" />
                  </Form.Item>
                </Col>
                <Col xs={24} md={12}>
                  <Form.Item
                    label="主题"
                    name="topics"
                    rules={[{ required: true, type: 'array', min: 1, message: '至少选择一个主题' }]}
                  >
                    <Select mode="multiple" options={topicOptions} placeholder="选择主题" optionFilterProp="label" />
                  </Form.Item>
                </Col>
              </Row>
              <Form.Item
                label="摘要"
                name="summary"
                extra="回答的第一段，一两句话说清要点。"
                rules={[{ required: true, whitespace: true, message: '请填写摘要' }, { max: 600 }, noMarkup]}
              >
                <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} maxLength={600} showCount />
              </Form.Item>
              <Form.Item
                label="原因分析（可能的原因）"
                name="understanding"
                rules={[{ required: true, whitespace: true, message: '请填写原因分析' }, { max: 1200 }, noMarkup]}
              >
                <Input.TextArea autoSize={{ minRows: 3, maxRows: 10 }} maxLength={1200} showCount />
              </Form.Item>
              <LinesField
                name="whatToSay"
                label="可以这样说"
                min={1}
                max={8}
                lineMax={300}
                placeholder="家长可以直接说出口的一句话"
              />
              <LinesField
                name="thisWeek"
                label="本周可以做"
                min={1}
                max={8}
                lineMax={300}
                placeholder="一件具体、这周就能做的事"
              />
              <Form.Item
                label="何时寻求帮助"
                name="seekHelp"
                rules={[{ required: true, whitespace: true, message: '请填写何时寻求帮助' }, { max: 600 }, noMarkup]}
              >
                <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} maxLength={600} showCount />
              </Form.Item>
              <LinesField
                name="references"
                label="依据"
                min={0}
                max={8}
                lineMax={200}
                placeholder="政策文件、指南或文献"
              />
              <Form.Item
                label="检索关键词"
                name="keywords"
                extra="家长可能用的说法，输入后按回车；最多 20 个，每个不超过 20 字。"
                rules={[
                  {
                    validator: async (_, v?: string[]) => {
                      if ((v?.length ?? 0) > 20) throw new Error('关键词最多 20 个');
                      if (v?.some((k) => k.length > 20)) throw new Error('每个关键词不超过 20 字');
                      if (v?.some((k) => /[<>]/.test(k))) throw new Error('关键词不能包含 < 或 > 字符');
                    },
                  },
                ]}
              >
                <Select
                  mode="tags"
                  tokenSeparators={[',', '，', '、']}
                  open={false}
                  suffixIcon={null}
                  placeholder="例如：拖拉、磨蹭"
                />
              </Form.Item>
              <div ref={errorRef} style={{ scrollMarginBottom: 80 }}>
                {conflict ? (
                  <Alert
                    type="warning"
                    showIcon
                    role="alert"
                    style={{ marginBottom: 12 }}
                    title={errorMessage(save.error)}
                    description={
                      <>
                        <p style={{ margin: '0 0 8px' }}>
                          这篇文章在您编辑期间已被其他人修改。载入最新版本后，您的修改将丢失，如需保留请先复制。
                        </p>
                        <Button size="small" onClick={() => void reload()} loading={article.isFetching}>
                          载入最新版本
                        </Button>
                      </>
                    }
                  />
                ) : save.error ? (
                  <Alert
                    type="error"
                    showIcon
                    role="alert"
                    style={{ marginBottom: 12 }}
                    title={errorMessage(save.error)}
                  />
                ) : null}
              </div>
              <Space wrap>
                <Button
                  type="primary"
                  htmlType="submit"
                  icon={<SaveOutlined />}
                  loading={save.isPending}
                  disabled={conflict}
                >
                  保存为新版本
                </Button>
                <Button
                  disabled={!dirty || save.isPending}
                  onClick={() => {
                    form.setFieldsValue(valuesOf(a));
                    setDirty(false);
                    save.reset();
                  }}
                >
                  放弃修改
                </Button>
                {dirty ? <span className="gy-muted gy-small">有未保存的修改</span> : null}
              </Space>
            </Form>
          </Panel>
        </Col>
        <Col xs={24} lg={8}>
          <Space orientation="vertical" size={16} style={{ width: '100%' }}>
            <Panel title="文章信息">
              <dl className="gy-dl">
                <dt>标识</dt>
                <dd>
                  <code>{a.slug}</code>
                </dd>
                <dt>当前版本</dt>
                <dd>第 {a.version} 版</dd>
                <dt>更新时间</dt>
                <dd>{formatDateTime(a.updatedAt)}</dd>
              </dl>
            </Panel>
            <Versions slug={slug} current={a.version} />
          </Space>
        </Col>
      </Row>
    </>
  );
}
