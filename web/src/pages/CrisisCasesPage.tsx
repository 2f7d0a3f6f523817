import { useState } from 'react';
import { Alert, Badge, Button, Collapse, Input, Modal, Skeleton, Space, Tag, Tooltip, Typography } from 'antd';
import { CheckCircleOutlined, PhoneOutlined, ReloadOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import * as assistantApi from '../../../shared/contract/assistant.js';
import { call, errorMessage, isApiError } from '../api/client.js';
import { useCrisisCases, type CrisisCase } from '../api/crisis.js';
import { queryKeys } from '../api/keys.js';
import { useNotice } from '../components/notice.js';
import { PageHeader } from '../components/PageHeader.js';
import { Panel } from '../components/Panel.js';
import { QueryError } from '../components/QueryError.js';
import { crisisCategoryLabel, crisisStatusLabels, NON_CRISIS_CATEGORIES, type CrisisStatus } from '../lib/crisis.js';
import { formatDateTime, timeAgo } from '../lib/format.js';
import '../features/staff/staff.css';

type Next = 'seen' | 'contacted' | 'closed';
const nextStep: Record<CrisisStatus, { to: Next; label: string } | null> = {
  open: { to: 'seen', label: '标记已查看' },
  seen: { to: 'contacted', label: '标记已联系' },
  contacted: { to: 'closed', label: '结案' },
  closed: null,
};
const statusColors: Record<CrisisStatus, string> = {
  open: 'red',
  seen: 'orange',
  contacted: 'blue',
  closed: 'default',
};
const ORDER: CrisisStatus[] = ['open', 'seen', 'contacted', 'closed'];

function telHref(mobile: string) {
  return `tel:${mobile.replace(/[^\d+]/g, '')}`;
}

function CaseCard({
  item,
  onAdvance,
}: {
  item: CrisisCase;
  onAdvance: (item: CrisisCase, to: Next, label: string) => void;
}) {
  const step = nextStep[item.status];
  const history = [
    item.seenAt ? `已查看 ${formatDateTime(item.seenAt)}` : null,
    item.contactedAt ? `已联系 ${formatDateTime(item.contactedAt)}` : null,
    item.closedAt ? `已结案 ${formatDateTime(item.closedAt)}` : null,
  ].filter(Boolean);
  return (
    <li className="gy-case">
      <article aria-label={`${item.guardianName}的求助，${timeAgo(item.createdAt)}`}>
        <div className="gy-case-head">
          <Space size={[4, 4]} wrap>
            {item.categories.map((c) => (
              <Tag key={c} color={NON_CRISIS_CATEGORIES.has(c) ? 'blue' : 'red'} style={{ marginInlineEnd: 0 }}>
                {crisisCategoryLabel(c)}
              </Tag>
            ))}
          </Space>
          <Tooltip title={formatDateTime(item.createdAt)}>
            <time dateTime={item.createdAt} className="gy-muted gy-small" style={{ whiteSpace: 'nowrap' }}>
              {timeAgo(item.createdAt)}
            </time>
          </Tooltip>
        </div>
        <dl className="gy-dl" style={{ marginTop: 10 }}>
          <dt>家长</dt>
          <dd>
            {item.guardianName}
            {item.guardianMobile ? (
              <a href={telHref(item.guardianMobile)} style={{ marginInlineStart: 10, whiteSpace: 'nowrap' }}>
                <PhoneOutlined aria-hidden /> {item.guardianMobile}
              </a>
            ) : (
              <span className="gy-muted" style={{ marginInlineStart: 8 }}>
                未登记手机号
              </span>
            )}
          </dd>
          <dt>学生</dt>
          <dd>
            {item.studentName ?? <span className="gy-muted">未指明</span>}
            {item.schoolName ? <span className="gy-muted"> · {item.schoolName}</span> : null}
          </dd>
          <dt>班主任</dt>
          <dd>
            {item.alertHeadTeacher ? (
              <Tag color="green" icon={<CheckCircleOutlined />}>
                家长同意通知班主任
              </Tag>
            ) : (
              <span className="gy-muted">家长未同意通知班主任</span>
            )}
          </dd>
        </dl>
        <Typography.Paragraph
          className="gy-case-excerpt"
          ellipsis={{ rows: 3, expandable: 'collapsible', symbol: (expanded) => (expanded ? '收起' : '展开全文') }}
        >
          {item.excerpt}
        </Typography.Paragraph>
        {history.length > 0 || item.note ? (
          <div className="gy-small gy-muted" style={{ lineHeight: 1.7 }}>
            {history.join(' · ')}
            {item.handledByName ? ` · 经办：${item.handledByName}` : ''}
            {item.note ? <div style={{ color: 'rgba(0,0,0,0.75)' }}>处理记录：{item.note}</div> : null}
          </div>
        ) : null}
        {step ? (
          <div style={{ marginTop: 12 }}>
            <Button
              type={item.status === 'open' ? 'primary' : 'default'}
              onClick={() => onAdvance(item, step.to, step.label)}
            >
              {step.label}
            </Button>
          </div>
        ) : null}
      </article>
    </li>
  );
}

/** 危机跟进: crises 京小帮 recognised in the counsellor's district, by status, each moved forward with a note. */
export default function CrisisCasesPage() {
  const cases = useCrisisCases();
  const queryClient = useQueryClient();
  const { notice } = useNotice();
  const [advancing, setAdvancing] = useState<{ item: CrisisCase; to: Next; label: string } | null>(null);
  const [note, setNote] = useState('');

  const advance = useMutation({
    mutationFn: ({ item, to }: { item: CrisisCase; to: Next }) =>
      call(assistantApi.advanceCrisisCase, {
        params: { caseId: item.id },
        body: { status: to, ...(note.trim() ? { note: note.trim() } : {}) },
      }),
    onSuccess: (updated) => {
      queryClient.setQueryData<{ items: CrisisCase[] }>(queryKeys.crisisCases, (data) =>
        data ? { items: data.items.map((c) => (c.id === updated.id ? updated : c)) } : data,
      );
      notice.success(
        `已${crisisStatusLabels[updated.status] === '已结案' ? '结案' : `标记为“${crisisStatusLabels[updated.status]}”`}`,
      );
      setAdvancing(null);
      setNote('');
    },
    onError: (error) => {
      if (isApiError(error) && error.status === 409)
        void queryClient.invalidateQueries({ queryKey: queryKeys.crisisCases });
    },
  });

  const open = (item: CrisisCase, to: Next, label: string) => {
    advance.reset();
    setNote('');
    setAdvancing({ item, to, label });
  };

  const items = cases.data?.items ?? [];
  const groups = ORDER.map((status) => ({
    status,
    items: items
      .filter((c) => c.status === status)
      .sort((a, b) =>
        status === 'closed' ? b.createdAt.localeCompare(a.createdAt) : a.createdAt.localeCompare(b.createdAt),
      ),
  }));
  const list = (group: (typeof groups)[number]) =>
    group.items.length === 0 ? (
      <p className="gy-muted" style={{ margin: 0 }}>
        没有{crisisStatusLabels[group.status]}的个案
      </p>
    ) : (
      <ul className="gy-cases">
        {group.items.map((item) => (
          <CaseCard key={item.id} item={item} onAdvance={open} />
        ))}
      </ul>
    );

  return (
    <>
      <PageHeader
        title="危机跟进"
        description="京小帮识别到的危机求助和家长的咨询请求，按本区转介。请尽快电话联系家长；每一步处理都会记入审计日志。"
        extra={
          <Button icon={<ReloadOutlined />} loading={cases.isFetching} onClick={() => void cases.refetch()}>
            刷新
          </Button>
        }
      />
      {cases.isPending ? (
        <Panel>
          <Skeleton active paragraph={{ rows: 6 }} />
        </Panel>
      ) : cases.error ? (
        <QueryError error={cases.error} onRetry={() => void cases.refetch()} />
      ) : (
        <div className="gy-stack">
          {groups.slice(0, 3).map((group) => (
            <Panel
              key={group.status}
              title={
                <Space size={8}>
                  {crisisStatusLabels[group.status]}
                  <Badge
                    count={group.items.length}
                    showZero
                    color={group.status === 'open' && group.items.length ? '#cf1322' : '#8c8c8c'}
                  />
                </Space>
              }
            >
              {list(group)}
            </Panel>
          ))}
          <Collapse
            items={[
              {
                key: 'closed',
                label: `已结案（${groups[3]!.items.length}）`,
                children: list(groups[3]!),
              },
            ]}
            style={{ background: '#fff' }}
          />
        </div>
      )}

      <Modal
        open={advancing !== null}
        title={advancing?.label ?? ''}
        okText={advancing?.label ?? '确定'}
        okButtonProps={{ disabled: isApiError(advance.error) && advance.error.status === 409 }}
        cancelText="取消"
        confirmLoading={advance.isPending}
        onOk={() => advancing && advance.mutate({ item: advancing.item, to: advancing.to })}
        onCancel={() => setAdvancing(null)}
        destroyOnHidden
      >
        {advancing ? (
          <Space orientation="vertical" size={12} style={{ width: '100%' }}>
            <div>
              {advancing.item.guardianName}的求助（{advancing.item.categories.map(crisisCategoryLabel).join('、')}，
              {timeAgo(advancing.item.createdAt)}）
            </div>
            <Typography.Text type="secondary">
              当前状态：
              <Tag color={statusColors[advancing.item.status]}>{crisisStatusLabels[advancing.item.status]}</Tag>→{' '}
              <Tag color={statusColors[advancing.to]}>{crisisStatusLabels[advancing.to]}</Tag>
            </Typography.Text>
            <div style={{ paddingBottom: 16 }}>
              <label htmlFor="crisis-note" style={{ display: 'block', marginBottom: 6 }}>
                处理记录（可选）
              </label>
              <Input.TextArea
                id="crisis-note"
                value={note}
                onChange={(e) => setNote(e.target.value)}
                maxLength={2000}
                showCount
                autoSize={{ minRows: 3, maxRows: 8 }}
                placeholder={
                  advancing.to === 'contacted' ? '例如：已电话联系家长，约定明天到咨询室面谈' : '简要记录处理情况'
                }
              />
            </div>
            {advance.error ? (
              <Alert
                type={isApiError(advance.error) && advance.error.status === 409 ? 'warning' : 'error'}
                showIcon
                role="alert"
                title={errorMessage(advance.error)}
                description={
                  isApiError(advance.error) && advance.error.status === 409
                    ? '列表已刷新为最新状态，请关闭后重新操作。'
                    : undefined
                }
              />
            ) : null}
          </Space>
        ) : null}
      </Modal>
    </>
  );
}
