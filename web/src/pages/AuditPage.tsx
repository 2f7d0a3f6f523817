import { useEffect, useMemo } from 'react';
import {
  Alert,
  AutoComplete,
  Button,
  Col,
  DatePicker,
  Form,
  Input,
  Row,
  Select,
  Space,
  Table,
  Tag,
  Tooltip,
} from 'antd';
import type { TableColumnsType } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import 'dayjs/locale/zh-cn';
import { useSearchParams } from 'react-router-dom';
import type * as auditApi from '../../../shared/contract/audit.js';
import type { EndpointQuery, EndpointResponse } from '../../../shared/contract/endpoint.js';
import { errorMessage, formFieldErrors, isApiError } from '../api/client.js';
import { useAuditSearch } from '../api/audit.js';
import { MobileList } from '../components/MobileList.js';
import { Panel } from '../components/Panel.js';
import { PageHeader } from '../components/PageHeader.js';
import { useIsMobile } from '../components/useIsMobile.js';
import { auditActionLabel, auditActionLabels, formatDateTime, recordTypeLabel, roleLabel } from '../lib/format.js';

dayjs.locale('zh-cn');

type AuditEvent = EndpointResponse<typeof auditApi.searchAudit>['items'][number];
type AuditQuery = EndpointQuery<typeof auditApi.searchAudit>;
interface FilterForm {
  studentId?: string;
  actorUserId?: string;
  action?: string;
  outcome?: 'allowed' | 'denied';
  range?: [Dayjs | null, Dayjs | null] | null;
}

const PAGE_SIZE = 20;
const FILTER_KEYS = ['studentId', 'actorUserId', 'action', 'outcome', 'from', 'to'] as const;

const actionOptions = [
  ...new Map(Object.entries(auditActionLabels).map(([code, label]) => [label, code])).entries(),
].map(([label, code]) => ({ value: code, label: `${label}（${code}）` }));

function OutcomeTag({ outcome }: { outcome: AuditEvent['outcome'] }) {
  return outcome === 'allowed' ? <Tag color="green">允许</Tag> : <Tag color="red">拒绝</Tag>;
}

function actorRolesText(roles: string): string {
  return roles
    .split(/[,\s]+/)
    .filter(Boolean)
    .map(roleLabel)
    .join('、');
}

function shortId(id: string | null): string {
  return id ? (id.length > 12 ? `${id.slice(0, 8)}…` : id) : '—';
}

/** 审计日志: who read or changed which record, when, why, and whether it was allowed — within the admin's scope. */
export default function AuditPage() {
  const [params, setParams] = useSearchParams();
  const [form] = Form.useForm<FilterForm>();
  const isMobile = useIsMobile();

  const query = useMemo<AuditQuery>(() => {
    const q: Record<string, string | number> = {
      page: Math.max(1, Number(params.get('page')) || 1),
      pageSize: PAGE_SIZE,
    };
    for (const key of FILTER_KEYS) {
      const value = params.get(key);
      if (value) q[key] = value;
    }
    return q as AuditQuery;
  }, [params]);
  const page = Number(query.page);

  const search = useAuditSearch(query);

  // The form mirrors the address, so a shared link or the back button shows the same filters.
  useEffect(() => {
    const from = params.get('from');
    const to = params.get('to');
    form.setFieldsValue({
      studentId: params.get('studentId') ?? undefined,
      actorUserId: params.get('actorUserId') ?? undefined,
      action: params.get('action') ?? undefined,
      outcome: (params.get('outcome') as FilterForm['outcome']) ?? undefined,
      range: from || to ? [from ? dayjs(from) : null, to ? dayjs(to) : null] : null,
    });
  }, [params, form]);

  // Field errors from the contract's own validation (or the server) are shown on the fields.
  useEffect(() => {
    const fields = formFieldErrors(search.error).map((f) => ({
      name: (f.name === 'from' || f.name === 'to' ? 'range' : f.name) as keyof FilterForm,
      errors: f.errors,
    }));
    if (fields.length) form.setFields(fields);
  }, [search.error, form]);

  const apply = (values: FilterForm) => {
    const next = new URLSearchParams();
    if (values.studentId?.trim()) next.set('studentId', values.studentId.trim());
    if (values.actorUserId?.trim()) next.set('actorUserId', values.actorUserId.trim());
    if (values.action?.trim()) next.set('action', values.action.trim());
    if (values.outcome) next.set('outcome', values.outcome);
    const [from, to] = values.range ?? [];
    if (from) next.set('from', from.format());
    if (to) next.set('to', to.format());
    setParams(next);
  };

  const setPage = (p: number) => {
    const next = new URLSearchParams(params);
    next.set('page', String(p));
    setParams(next);
  };

  const filterByStudent = (studentId: string) => {
    const next = new URLSearchParams(params);
    next.set('studentId', studentId);
    next.delete('page');
    setParams(next);
  };

  const columns: TableColumnsType<AuditEvent> = [
    { title: '时间', dataIndex: 'at', width: 150, render: (at: string) => formatDateTime(at) },
    {
      title: '操作人',
      key: 'actor',
      render: (_, e) => (
        <div>
          <div>{e.actorName ?? (e.actorUserId ? shortId(e.actorUserId) : '匿名')}</div>
          {e.actorRoles ? (
            <span className="gy-muted" style={{ fontSize: 12 }}>
              {actorRolesText(e.actorRoles)}
            </span>
          ) : null}
        </div>
      ),
    },
    {
      title: '操作',
      dataIndex: 'action',
      render: (action: string) => (
        <Tooltip title={action}>
          <span>{auditActionLabel(action)}</span>
        </Tooltip>
      ),
    },
    {
      title: '结果',
      dataIndex: 'outcome',
      width: 80,
      render: (o: AuditEvent['outcome']) => <OutcomeTag outcome={o} />,
    },
    {
      title: '对象',
      key: 'record',
      render: (_, e) => (
        <Tooltip title={e.recordId ?? undefined}>
          <span>
            {recordTypeLabel(e.recordType)} {shortId(e.recordId)}
          </span>
        </Tooltip>
      ),
    },
    {
      title: '学生',
      dataIndex: 'studentId',
      render: (id: string | null) =>
        id ? (
          <Button
            type="link"
            size="small"
            style={{ padding: 0 }}
            onClick={() => filterByStudent(id)}
            aria-label={`只看学生 ${id} 的记录`}
          >
            {shortId(id)}
          </Button>
        ) : (
          '—'
        ),
    },
    { title: '目的', dataIndex: 'purpose', render: (p: string) => p || '—' },
    { title: 'IP', dataIndex: 'ip', width: 120, render: (ip: string | null) => ip ?? '—' },
  ];

  const items = search.data?.items ?? [];
  const total = search.data?.total ?? 0;
  // Field errors are shown on the fields themselves; the box is for everything else.
  const showErrorBox = search.error && !(isApiError(search.error) && search.error.errors.length > 0);

  return (
    <>
      <PageHeader title="审计日志" description="查看管理范围内对学生信息的每一次读取和修改，以及被拒绝的访问。" />
      <Space orientation="vertical" size={16} style={{ width: '100%' }}>
        <Panel title="筛选条件" bodyStyle={{ paddingBottom: 4 }}>
          <Form<FilterForm> form={form} layout="vertical" onFinish={apply} role="search" aria-label="筛选审计日志">
            <Row gutter={16}>
              <Col xs={24} md={12} lg={8}>
                <Form.Item label="学生编号" name="studentId">
                  <Input allowClear placeholder="学生的 UUID 编号" autoComplete="off" />
                </Form.Item>
              </Col>
              <Col xs={24} md={12} lg={8}>
                <Form.Item label="操作人编号" name="actorUserId">
                  <Input allowClear placeholder="操作人的 UUID 编号" autoComplete="off" />
                </Form.Item>
              </Col>
              <Col xs={24} md={12} lg={8}>
                <Form.Item label="操作类型" name="action">
                  <AutoComplete
                    allowClear
                    options={actionOptions}
                    placeholder="全部操作"
                    showSearch={{
                      filterOption: (input, option) =>
                        String(option?.label ?? '')
                          .toLowerCase()
                          .includes(input.toLowerCase()),
                    }}
                  />
                </Form.Item>
              </Col>
              <Col xs={24} md={12} lg={8}>
                <Form.Item label="结果" name="outcome">
                  <Select
                    allowClear
                    placeholder="全部结果"
                    options={[
                      { value: 'allowed', label: '允许' },
                      { value: 'denied', label: '拒绝' },
                    ]}
                  />
                </Form.Item>
              </Col>
              <Col xs={24} md={24} lg={10}>
                <Form.Item label="时间范围" name="range">
                  <DatePicker.RangePicker
                    showTime={{ format: 'HH:mm' }}
                    format="YYYY-MM-DD HH:mm"
                    allowEmpty={[true, true]}
                    placeholder={['开始时间', '结束时间']}
                    style={{ width: '100%' }}
                    inputReadOnly={isMobile}
                  />
                </Form.Item>
              </Col>
              <Col xs={24} lg={6} style={{ display: 'flex', alignItems: 'flex-end' }}>
                <Form.Item style={{ width: '100%' }}>
                  <Space>
                    <Button type="primary" htmlType="submit">
                      查询
                    </Button>
                    <Button
                      onClick={() => {
                        form.resetFields();
                        setParams(new URLSearchParams());
                      }}
                    >
                      重置
                    </Button>
                  </Space>
                </Form.Item>
              </Col>
            </Row>
          </Form>
        </Panel>

        {showErrorBox ? (
          <Alert type="error" showIcon role="alert" title="查询失败" description={errorMessage(search.error)} />
        ) : null}

        <Panel bodyStyle={{ padding: isMobile ? 12 : 24 }}>
          {isMobile ? (
            <MobileList
              label="审计记录"
              items={items}
              rowKey={(e) => e.id}
              emptyText="没有符合条件的记录"
              pagination={{ current: page, pageSize: PAGE_SIZE, total, onChange: setPage }}
              renderItem={(e) => (
                <div>
                  <div style={{ display: 'flex', justifyContent: 'space-between', gap: 8 }}>
                    <span style={{ fontWeight: 500 }}>{auditActionLabel(e.action)}</span>
                    <OutcomeTag outcome={e.outcome} />
                  </div>
                  <div style={{ fontSize: 13, color: 'rgba(0,0,0,0.6)', marginTop: 2 }}>
                    {formatDateTime(e.at)} · {e.actorName ?? '匿名'}
                    {e.actorRoles ? `（${actorRolesText(e.actorRoles)}）` : ''}
                  </div>
                  <div style={{ fontSize: 13, color: 'rgba(0,0,0,0.6)' }}>
                    {recordTypeLabel(e.recordType)} {shortId(e.recordId)}
                    {e.purpose ? ` · ${e.purpose}` : ''}
                  </div>
                </div>
              )}
            />
          ) : (
            <Table<AuditEvent>
              rowKey="id"
              columns={columns}
              dataSource={items}
              loading={search.isFetching}
              size="small"
              scroll={{ x: 1000 }}
              locale={{ emptyText: '没有符合条件的记录' }}
              pagination={{
                current: page,
                pageSize: PAGE_SIZE,
                total,
                showSizeChanger: false,
                showTotal: (t) => `共 ${t} 条记录`,
                onChange: setPage,
              }}
            />
          )}
        </Panel>
      </Space>
    </>
  );
}
