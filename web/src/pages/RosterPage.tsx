import { useMemo, useState } from 'react';
import { Input, Skeleton, Space, Table, Tag } from 'antd';
import type { TableColumnsType } from 'antd';
import { Link, useParams } from 'react-router-dom';
import type { EndpointResponse } from '../../../shared/contract/endpoint.js';
import type * as studentsApi from '../../../shared/contract/students.js';
import { useRoster } from '../api/students.js';
import { MobileList } from '../components/MobileList.js';
import { Panel } from '../components/Panel.js';
import { PageHeader, useDocumentTitle } from '../components/PageHeader.js';
import { QueryError } from '../components/QueryError.js';
import { useIsMobile } from '../components/useIsMobile.js';
import { classLabel, formatDate, genderLabel } from '../lib/format.js';

type RosterRow = EndpointResponse<typeof studentsApi.listClassRoster>['items'][number];

const consentTag = (granted: boolean) => (granted ? <Tag color="green">已同意</Tag> : <Tag color="orange">未同意</Tag>);

const columns: TableColumnsType<RosterRow> = [
  { title: '学号', dataIndex: 'studentNo', width: 140, sorter: (a, b) => a.studentNo.localeCompare(b.studentNo) },
  {
    title: '姓名',
    dataIndex: 'name',
    render: (_, row) => <Link to={`/students/${row.id}`}>{row.name}</Link>,
    sorter: (a, b) => a.name.localeCompare(b.name, 'zh-CN'),
  },
  { title: '性别', dataIndex: 'gender', width: 80, render: (g: string) => genderLabel(g) },
  { title: '出生日期', dataIndex: 'birthDate', width: 150, render: (d: string) => formatDate(d) },
  { title: '主监护人', dataIndex: 'primaryGuardianName', render: (n: string | null) => n ?? '—' },
  { title: '个人信息同意', dataIndex: 'profileConsent', width: 130, render: consentTag },
];

/** 班级名册 for one class: a filterable table on desktop, a list on phones. */
export default function RosterPage() {
  const { classId = '' } = useParams();
  const roster = useRoster(classId);
  const isMobile = useIsMobile();
  const [filter, setFilter] = useState('');
  useDocumentTitle(
    roster.data ? `${classLabel(roster.data.class.gradeNumber, roster.data.class.name)}名册` : '班级名册',
  );

  const rows = useMemo(() => {
    const items = roster.data?.items ?? [];
    const needle = filter.trim().toLowerCase();
    if (!needle) return items;
    return items.filter(
      (row) =>
        row.name.toLowerCase().includes(needle) ||
        row.studentNo.toLowerCase().includes(needle) ||
        (row.primaryGuardianName ?? '').toLowerCase().includes(needle),
    );
  }, [roster.data, filter]);

  if (roster.isPending) {
    return (
      <Panel>
        <Skeleton active paragraph={{ rows: 8 }} />
      </Panel>
    );
  }
  if (roster.error) return <QueryError error={roster.error} onRetry={() => void roster.refetch()} />;
  const { class: cls, items } = roster.data;
  const consented = items.filter((i) => i.profileConsent).length;

  return (
    <>
      <PageHeader
        title={`${classLabel(cls.gradeNumber, cls.name)} 名册`}
        description={`${cls.schoolName} · 共 ${items.length} 名学生，${consented} 名已获监护人同意`}
      />
      <Panel bodyStyle={{ padding: isMobile ? 12 : 24 }}>
        <Space orientation="vertical" size={12} style={{ width: '100%' }}>
          <Input.Search
            allowClear
            placeholder="按姓名、学号或监护人筛选"
            aria-label="筛选学生"
            value={filter}
            onChange={(e) => setFilter(e.target.value)}
            style={{ maxWidth: isMobile ? undefined : 360 }}
          />
          {filter ? (
            <span className="gy-muted" role="status">
              找到 {rows.length} 名学生
            </span>
          ) : null}
          {isMobile ? (
            <MobileList
              label="学生名单"
              items={rows}
              rowKey={(r) => r.id}
              emptyText={filter ? '没有符合条件的学生' : '该班级暂无学生'}
              renderItem={(row) => (
                <div style={{ display: 'flex', justifyContent: 'space-between', gap: 8, alignItems: 'flex-start' }}>
                  <div style={{ minWidth: 0 }}>
                    <Link to={`/students/${row.id}`} style={{ fontSize: 16, fontWeight: 500 }}>
                      {row.name}
                    </Link>
                    <div style={{ fontSize: 13, color: 'rgba(0,0,0,0.55)', marginTop: 2 }}>
                      {row.studentNo} · {genderLabel(row.gender)} · 监护人 {row.primaryGuardianName ?? '—'}
                    </div>
                  </div>
                  {consentTag(row.profileConsent)}
                </div>
              )}
            />
          ) : (
            <Table<RosterRow>
              rowKey="id"
              columns={columns}
              dataSource={rows}
              size="middle"
              pagination={rows.length > 50 ? { pageSize: 50, showSizeChanger: false } : false}
              locale={{ emptyText: filter ? '没有符合条件的学生' : '该班级暂无学生' }}
            />
          )}
        </Space>
      </Panel>
    </>
  );
}
