import { RightOutlined, TeamOutlined } from '@ant-design/icons';
import { Link } from 'react-router-dom';
import { useSignedInMe } from '../api/identity.js';
import { PageHeader } from '../components/PageHeader.js';
import { Panel } from '../components/Panel.js';
import { classLabel } from '../lib/format.js';
import { EmptyState, Tag } from '../ui/kit.js';

/** 班级名册: the classes a teacher teaches (from /me); each opens its roster. */
export default function ClassesPage() {
  const me = useSignedInMe();
  return (
    <>
      <PageHeader title="班级名册" description="您任教的班级。点击班级查看学生名册。" />
      {me.classes.length === 0 ? (
        <Panel>
          <EmptyState>您目前没有任教的班级。如有疑问，请联系学校管理员。</EmptyState>
        </Panel>
      ) : (
        <ul
          style={{
            listStyle: 'none',
            margin: 0,
            padding: 0,
            display: 'grid',
            gridTemplateColumns: 'repeat(auto-fill, minmax(min(100%, 300px), 1fr))',
            gap: 16,
          }}
        >
          {me.classes.map((cls) => (
            <li key={cls.id}>
              <Link to={`/classes/${cls.id}`} className="gy-panel gy-link-card">
                <span style={{ display: 'flex', flexWrap: 'wrap', alignItems: 'center', gap: 8 }}>
                  <span style={{ fontSize: 18, fontWeight: 600, color: 'rgba(0,0,0,0.88)' }}>
                    {classLabel(cls.gradeNumber, cls.name)}
                  </span>
                  {cls.isHeadTeacher ? <Tag color="green">班主任</Tag> : <Tag>任课</Tag>}
                </span>
                <span className="gy-muted" style={{ display: 'block', marginTop: 4 }}>
                  {cls.schoolName}
                </span>
                <span
                  style={{ display: 'flex', justifyContent: 'space-between', marginTop: 12, color: 'rgba(0,0,0,0.75)' }}
                >
                  <span>
                    <TeamOutlined aria-hidden /> 学生 {cls.studentCount} 人
                  </span>
                  <span style={{ color: '#1f7a5c' }}>
                    查看名册 <RightOutlined aria-hidden />
                  </span>
                </span>
              </Link>
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
