import { useEffect, useState } from 'react';
import { Alert, Input, Space, Table, Tag } from 'antd';
import type { TableColumnsType } from 'antd';
import { Link, useSearchParams } from 'react-router-dom';
import type * as studentsApi from '../../../shared/contract/students.js';
import type { EndpointResponse } from '../../../shared/contract/endpoint.js';
import { errorMessage } from '../api/client.js';
import { useStudentSearch } from '../api/students.js';
import { MobileList } from '../components/MobileList.js';
import { Panel } from '../components/Panel.js';
import { PageHeader } from '../components/PageHeader.js';
import { useIsMobile } from '../components/useIsMobile.js';
import { classLabel, formatDate, genderLabel } from '../lib/format.js';

type Row = EndpointResponse<typeof studentsApi.searchStudents>['items'][number];
const PAGE_SIZE = 20;

const columns: TableColumnsType<Row> = [
  { title: '姓名', dataIndex: 'name', render: (_, row) => <Link to={`/students/${row.id}`}>{row.name}</Link> },
  { title: '学号', dataIndex: 'studentNo', width: 140 },
  { title: '性别', dataIndex: 'gender', width: 70, render: (g: string) => genderLabel(g) },
  { title: '出生日期', dataIndex: 'birthDate', width: 140, render: (d: string) => formatDate(d) },
  { title: '学校', dataIndex: 'schoolName' },
  { title: '班级', key: 'class', render: (_, row) => classLabel(row.gradeNumber, row.className) },
  { title: '所在区', dataIndex: 'districtName', width: 100 },
];

/** 学生查询: search within the admin's own scope; the server filters by scope in SQL and audits the search. */
export default function StudentSearchPage() {
  const [params, setParams] = useSearchParams();
  const isMobile = useIsMobile();
  const q = params.get('q') ?? '';
  const page = Math.max(1, Number(params.get('page')) || 1);
  const classId = params.get('classId') ?? undefined;
  const schoolId = params.get('schoolId') ?? undefined;
  const [draft, setDraft] = useState(q);
  useEffect(() => setDraft(q), [q]);

  const search = useStudentSearch({ q: q || undefined, classId, schoolId, page, pageSize: PAGE_SIZE });

  const update = (next: Record<string, string | undefined>) => {
    const merged = new URLSearchParams(params);
    for (const [key, value] of Object.entries(next)) {
      if (value) merged.set(key, value);
      else merged.delete(key);
    }
    setParams(merged);
  };

  const items = search.data?.items ?? [];
  const total = search.data?.total ?? 0;

  return (
    <>
      <PageHeader title="学生查询" description="在您的管理范围内按姓名或学号查找学生。每次查询都会记入审计日志。" />
      <Panel bodyStyle={{ padding: isMobile ? 12 : 24 }}>
        <Space orientation="vertical" size={12} style={{ width: '100%' }}>
          <div role="search">
            <Input.Search
              aria-label="学生姓名或学号"
              placeholder="输入学生姓名或学号"
              enterButton="查询"
              allowClear
              value={draft}
              maxLength={50}
              onChange={(e) => setDraft(e.target.value)}
              onSearch={(value) => update({ q: value.trim() || undefined, page: undefined })}
              style={{ maxWidth: isMobile ? undefined : 440 }}
            />
          </div>
          {classId || schoolId ? (
            <Space size={4} wrap>
              {classId ? (
                <Tag closable onClose={() => update({ classId: undefined, page: undefined })}>
                  已按班级筛选
                </Tag>
              ) : null}
              {schoolId ? (
                <Tag closable onClose={() => update({ schoolId: undefined, page: undefined })}>
                  已按学校筛选
                </Tag>
              ) : null}
            </Space>
          ) : null}
          {search.error ? <Alert type="error" showIcon role="alert" title={errorMessage(search.error)} /> : null}
          {isMobile ? (
            search.isPending ? null : (
              <MobileList
                label="查询结果"
                items={items}
                rowKey={(r) => r.id}
                emptyText={q ? '没有找到符合条件的学生' : '暂无学生'}
                pagination={{ current: page, pageSize: PAGE_SIZE, total, onChange: (p) => update({ page: String(p) }) }}
                renderItem={(row) => (
                  <div>
                    <Link to={`/students/${row.id}`} style={{ fontSize: 16, fontWeight: 500 }}>
                      {row.name}
                    </Link>
                    <span style={{ marginInlineStart: 8, color: 'rgba(0,0,0,0.55)' }}>
                      {genderLabel(row.gender)} · {row.studentNo}
                    </span>
                    <div style={{ fontSize: 13, color: 'rgba(0,0,0,0.55)', marginTop: 2 }}>
                      {row.districtName} · {row.schoolName} · {classLabel(row.gradeNumber, row.className)}
                    </div>
                  </div>
                )}
              />
            )
          ) : (
            <Table<Row>
              rowKey="id"
              columns={columns}
              dataSource={items}
              loading={search.isFetching}
              size="middle"
              scroll={{ x: 900 }}
              locale={{ emptyText: q ? '没有找到符合条件的学生' : '暂无学生' }}
              pagination={{
                current: page,
                pageSize: PAGE_SIZE,
                total,
                showSizeChanger: false,
                showTotal: (t) => `共 ${t} 名学生`,
                onChange: (p) => update({ page: String(p) }),
              }}
            />
          )}
        </Space>
      </Panel>
    </>
  );
}
