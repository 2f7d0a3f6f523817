import { lazy, Suspense, useState } from 'react';
import {
  CheckCircleFilled,
  CommentOutlined,
  ExclamationCircleFilled,
  PlayCircleOutlined,
  RightOutlined,
  ThunderboltOutlined,
} from '@ant-design/icons';
import { Link } from 'react-router-dom';
import { useSignedInMe } from '../api/identity.js';
import { PageHeader } from '../components/PageHeader.js';
import { Panel } from '../components/Panel.js';
import { ConsentActions, consentStatusText } from '../features/consent/ConsentActions.js';
import { classLabel, relationLabel } from '../lib/format.js';
import { Btn, BtnLink, EmptyState, Tag } from '../ui/kit.js';

// 一键就近预约 (教育新地图) loads only when a parent opens it, keeping 我的孩子 within its first-visit budget.
const OneClickBooking = lazy(() => import('../features/map/OneClickBooking.js'));

/** The two things a guardian can do any time, at the top of 我的孩子. */
function HelpCards() {
  return (
    <div className="gy-help-cards" style={{ marginBottom: 16 }}>
      <section className="gy-panel gy-help-card gy-help-card-main" aria-labelledby="help-assistant">
        <span aria-hidden className="gy-help-icon">
          <CommentOutlined />
        </span>
        <div style={{ minWidth: 0, flex: 1 }}>
          <h2 id="help-assistant" className="gy-panel-title">
            遇到育儿难题？问问京小帮
          </h2>
          <p className="gy-muted" style={{ margin: '4px 0 10px' }}>
            写作业拖拉、放不下手机、情绪低落……京小帮按孩子的年龄给出马上能用的建议，并注明出处。
          </p>
          <BtnLink to="/assistant" variant="primary" icon={<CommentOutlined />}>
            问问京小帮
          </BtnLink>
        </div>
      </section>
      <section className="gy-panel gy-help-card" aria-labelledby="help-scenarios">
        <span aria-hidden className="gy-help-icon gy-help-icon-soft">
          <PlayCircleOutlined />
        </span>
        <div style={{ minWidth: 0, flex: 1 }}>
          <h2 id="help-scenarios" className="gy-panel-title">
            情景训练
          </h2>
          <p className="gy-muted" style={{ margin: '4px 0 10px' }}>
            和模拟的孩子练一练难开口的对话，看看倾听、共情和立规矩做得怎么样。
          </p>
          <BtnLink to="/scenarios" icon={<PlayCircleOutlined />}>
            去练一练
          </BtnLink>
        </div>
      </section>
    </div>
  );
}

/** 我的孩子: a guardian's own children only (the list comes with /me), each with the consent decision. */
export default function ChildrenPage() {
  const me = useSignedInMe();
  const [oneClick, setOneClick] = useState<{ open: boolean; studentId?: string } | null>(null);

  return (
    <>
      <PageHeader title="我的孩子" description="查看孩子的在校信息，管理对孩子个人信息处理的同意。" />
      <HelpCards />
      {me.children.length === 0 ? (
        <Panel>
          <EmptyState>您的账户还没有关联孩子。如有疑问，请联系孩子所在学校核实家庭关系。</EmptyState>
        </Panel>
      ) : (
        <div
          style={{ display: 'grid', gridTemplateColumns: 'repeat(auto-fill, minmax(min(100%, 340px), 1fr))', gap: 16 }}
        >
          {me.children.map((child) => (
            <Panel
              key={child.id}
              title={
                <span style={{ display: 'inline-flex', flexWrap: 'wrap', alignItems: 'center', gap: 8 }}>
                  <span style={{ fontSize: 18 }}>{child.name}</span>
                  <Tag>{relationLabel(child.relation)}</Tag>
                  {child.isPrimaryGuardian ? <Tag color="green">主监护人</Tag> : null}
                </span>
              }
              bodyStyle={{ paddingTop: 16 }}
            >
              <dl className="gy-dl">
                <dt>学校</dt>
                <dd>{child.schoolName}</dd>
                <dt>班级</dt>
                <dd>{classLabel(child.gradeNumber, child.className)}</dd>
                <dt>所在区</dt>
                <dd>{child.districtName}</dd>
              </dl>
              <div
                style={{
                  display: 'flex',
                  gap: 8,
                  alignItems: 'flex-start',
                  marginTop: 16,
                  padding: '10px 12px',
                  borderRadius: 8,
                  background: child.profileConsent ? '#eef7f2' : '#fff7e6',
                }}
              >
                {child.profileConsent ? (
                  <CheckCircleFilled style={{ color: '#1f7a5c', marginTop: 4 }} aria-hidden />
                ) : (
                  <ExclamationCircleFilled style={{ color: '#d48806', marginTop: 4 }} aria-hidden />
                )}
                <span>
                  <strong style={{ fontWeight: 500 }}>{consentStatusText(child.profileConsent)}</strong>
                  {child.profileConsent ? null : (
                    <span className="gy-muted gy-small" style={{ display: 'block' }}>
                      同意后，学校才能为孩子建立学生发展画像。
                    </span>
                  )}
                </span>
              </div>
              <div
                style={{
                  display: 'flex',
                  flexWrap: 'wrap',
                  gap: 8,
                  marginTop: 16,
                  alignItems: 'center',
                  justifyContent: 'space-between',
                }}
              >
                <ConsentActions studentId={child.id} studentName={child.name} granted={child.profileConsent} />
                {me.can.bookResources ? (
                  <Btn
                    size="small"
                    icon={<ThunderboltOutlined />}
                    aria-label={`为${child.name}一键就近预约`}
                    onClick={() => setOneClick({ open: true, studentId: child.id })}
                  >
                    一键就近预约
                  </Btn>
                ) : null}
                <Link to={`/students/${child.id}`} aria-label={`查看${child.name}的详情`}>
                  查看详情 <RightOutlined aria-hidden />
                </Link>
              </div>
            </Panel>
          ))}
        </div>
      )}
      {oneClick ? (
        <Suspense fallback={null}>
          <OneClickBooking
            open={oneClick.open}
            initialStudentId={oneClick.studentId}
            onClose={() => setOneClick({ ...oneClick, open: false })}
          />
        </Suspense>
      ) : null}
    </>
  );
}
