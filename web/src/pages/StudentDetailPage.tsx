import { lazy, Suspense, useState } from 'react';
import { EditOutlined, PhoneOutlined } from '@ant-design/icons';
import { useParams } from 'react-router-dom';
import { useConsents, useStudent } from '../api/students.js';
import { PageHeader, useDocumentTitle } from '../components/PageHeader.js';
import { Panel } from '../components/Panel.js';
import { QueryError } from '../components/QueryError.js';
import { ConsentActions, consentStatusText } from '../features/consent/ConsentActions.js';
import { classLabel, formatDate, formatDateTime, genderLabel, relationLabel } from '../lib/format.js';
import { Btn, EmptyState, Loading, Tag } from '../ui/kit.js';

// Staff only: antd (Form, Modal, Radio and its ConfigProvider) stays out of what a guardian downloads.
const EditStudentDialog = lazy(async () => {
  const [dialog, scope] = await Promise.all([
    import('../features/students/EditStudentDialog.js'),
    import('../shell/AntdScope.js'),
  ]);
  const Dialog = dialog.default;
  const Scope = scope.default;
  return {
    default: (props: Parameters<typeof Dialog>[0]) => (
      <Scope>
        <Dialog {...props} />
      </Scope>
    ),
  };
});

function ConsentHistory({ studentId }: { studentId: string }) {
  const consents = useConsents(studentId);
  if (consents.isPending) return <Loading text="正在加载同意记录…" />;
  // Someone who may see the student but not the consent records simply does not see the history.
  if (consents.error) return null;
  if (consents.data.history.length === 0) return <span className="gy-muted">暂无同意记录</span>;
  return (
    <div>
      <h3 style={{ fontSize: 14, fontWeight: 600, margin: '4px 0 4px' }}>同意记录</h3>
      <ol style={{ listStyle: 'none', padding: 0, margin: 0 }}>
        {consents.data.history.map((record) => (
          <li
            key={record.id}
            style={{
              display: 'flex',
              flexWrap: 'wrap',
              gap: 8,
              alignItems: 'center',
              padding: '8px 0',
              borderTop: '1px solid #f0f0f0',
            }}
          >
            {record.decision === 'granted' ? <Tag color="green">同意</Tag> : <Tag color="orange">撤回</Tag>}
            <span>{record.guardianName}</span>
            <span className="gy-muted">{formatDateTime(record.decidedAt)}</span>
            <span className="gy-muted">告知书第 {record.policyVersion} 版</span>
          </li>
        ))}
      </ol>
    </div>
  );
}

/** 学生详情: the record (each read is audited server-side), guardians, consent, and corrections for staff allowed to. */
export default function StudentDetailPage() {
  const { studentId = '' } = useParams();
  const student = useStudent(studentId);
  const [editing, setEditing] = useState(false);
  useDocumentTitle(student.data ? student.data.name : '学生详情');

  if (student.isPending) {
    return (
      <Panel>
        <Loading text="正在加载学生信息…" />
      </Panel>
    );
  }
  if (student.error) return <QueryError error={student.error} onRetry={() => void student.refetch()} />;
  const s = student.data;

  return (
    <>
      <PageHeader
        title={s.name}
        description={`${s.schoolName} · ${classLabel(s.gradeNumber, s.className)}`}
        extra={
          s.allowed.update ? (
            <Btn icon={<EditOutlined />} onClick={() => setEditing(true)}>
              更正基本信息
            </Btn>
          ) : null
        }
      />
      <div className="gy-stack">
        <Panel title="基本信息">
          <dl className="gy-dl gy-dl-wide">
            <dt>姓名</dt>
            <dd>{s.name}</dd>
            <dt>性别</dt>
            <dd>{genderLabel(s.gender)}</dd>
            <dt>出生日期</dt>
            <dd>{formatDate(s.birthDate)}</dd>
            <dt>学号</dt>
            <dd>{s.studentNo}</dd>
            <dt>学校</dt>
            <dd>{s.schoolName}</dd>
            <dt>班级</dt>
            <dd>{classLabel(s.gradeNumber, s.className)}</dd>
            <dt>所在区</dt>
            <dd>{s.districtName}</dd>
          </dl>
        </Panel>

        <Panel title="监护人">
          {s.guardians.length === 0 ? (
            <EmptyState>暂无监护人信息</EmptyState>
          ) : (
            <ul style={{ listStyle: 'none', margin: 0, padding: 0 }}>
              {s.guardians.map((guardian, index) => (
                <li
                  key={guardian.userId}
                  style={{
                    display: 'flex',
                    flexWrap: 'wrap',
                    gap: 8,
                    alignItems: 'center',
                    padding: '10px 0',
                    borderTop: index ? '1px solid #f0f0f0' : undefined,
                  }}
                >
                  <span style={{ fontWeight: 500 }}>{guardian.displayName}</span>
                  <Tag>{relationLabel(guardian.relation)}</Tag>
                  {guardian.isPrimary ? <Tag color="green">主监护人</Tag> : null}
                  {guardian.mobile ? (
                    /^\+?\d+$/.test(guardian.mobile) ? (
                      <a
                        href={`tel:${guardian.mobile}`}
                        aria-label={`拨打${guardian.displayName}的电话 ${guardian.mobile}`}
                      >
                        <PhoneOutlined aria-hidden /> {guardian.mobile}
                      </a>
                    ) : (
                      <span className="gy-muted">
                        <PhoneOutlined aria-hidden /> {guardian.mobile}
                      </span>
                    )
                  ) : null}
                </li>
              ))}
            </ul>
          )}
        </Panel>

        <Panel title="个人信息处理同意">
          <div style={{ display: 'grid', gap: 12 }}>
            <div style={{ display: 'flex', flexWrap: 'wrap', gap: 8, alignItems: 'center' }}>
              {s.profileConsent.granted ? <Tag color="green">已同意</Tag> : <Tag color="orange">未同意</Tag>}
              <span>{consentStatusText(s.profileConsent.granted)}</span>
              {s.profileConsent.decidedAt ? (
                <span className="gy-muted">
                  {formatDateTime(s.profileConsent.decidedAt)} · 告知书第 {s.profileConsent.policyVersion} 版
                </span>
              ) : null}
            </div>
            {s.allowed.manageConsent ? (
              <div>
                <ConsentActions studentId={s.id} studentName={s.name} granted={s.profileConsent.granted} />
              </div>
            ) : null}
            <ConsentHistory studentId={s.id} />
          </div>
        </Panel>
      </div>
      {s.allowed.update && editing ? (
        <Suspense fallback={null}>
          <EditStudentDialog student={s} onClose={() => setEditing(false)} />
        </Suspense>
      ) : null}
    </>
  );
}
