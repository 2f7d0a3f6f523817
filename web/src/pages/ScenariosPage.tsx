import { LineChartOutlined, PlayCircleOutlined, RightOutlined } from '@ant-design/icons';
import { Link } from 'react-router-dom';
import { scenarioSkillLabels } from '../../../shared/contract/scenarios.js';
import { useScenarios } from '../api/scenarios.js';
import { PageHeader } from '../components/PageHeader.js';
import { Panel } from '../components/Panel.js';
import { QueryError } from '../components/QueryError.js';
import { AgeBandTags, ChildAvatar, DifficultyTag } from '../features/scenarios/parts.js';
import '../features/scenarios/scenarios.css';
import { BtnLink, EmptyState } from '../ui/kit.js';

function CardsSkeleton() {
  return (
    <div className="gy-sc-cards" aria-busy="true" aria-label="正在加载情景">
      {[0, 1, 2, 3].map((i) => (
        <div key={i} className="gy-panel gy-sc-card">
          <div className="gy-skeleton" style={{ width: 56, height: 56, borderRadius: '50%' }} />
          <div className="gy-skeleton gy-skeleton-line" style={{ width: '60%' }} />
          <div className="gy-skeleton gy-skeleton-line" />
          <div className="gy-skeleton gy-skeleton-line" style={{ width: '80%' }} />
        </div>
      ))}
    </div>
  );
}

/** 情景训练: the scenarios a parent can rehearse, each with the parent's own best score. */
export default function ScenariosPage() {
  const scenarios = useScenarios();
  return (
    <>
      <PageHeader
        title="情景训练"
        description="和模拟的孩子练习难开口的对话。每次回答都会即时评分：倾听、说出感受、共情、清晰边界、共同解决。"
        extra={
          <BtnLink to="/scenarios/progress" icon={<LineChartOutlined />}>
            我的进步
          </BtnLink>
        }
      />
      {scenarios.isPending ? (
        <CardsSkeleton />
      ) : scenarios.error ? (
        <QueryError error={scenarios.error} onRetry={() => void scenarios.refetch()} />
      ) : scenarios.data.items.length === 0 ? (
        <Panel>
          <EmptyState>暂时还没有可以练习的情景。</EmptyState>
        </Panel>
      ) : (
        <ul className="gy-sc-cards">
          {scenarios.data.items.map((s) => (
            <li key={s.slug} className="gy-panel gy-sc-card">
              <div className="gy-sc-card-top">
                <ChildAvatar avatar={s.persona.avatar} name={s.persona.name} size={56} showMood={false} />
                <div style={{ minWidth: 0 }}>
                  <h2 className="gy-sc-card-title">
                    <Link to={`/scenarios/${s.slug}`} className="gy-sc-card-link">
                      {s.title}
                    </Link>
                  </h2>
                  <p className="gy-muted gy-small" style={{ margin: 0 }}>
                    {s.persona.name} · {s.persona.age} 岁
                  </p>
                </div>
              </div>
              <p className="gy-sc-card-summary">{s.summary}</p>
              <div className="gy-sc-tags">
                <DifficultyTag difficulty={s.difficulty} />
                <AgeBandTags bands={s.ageBands} />
              </div>
              <p className="gy-small gy-muted" style={{ margin: '8px 0 0' }}>
                练习重点：{s.skillsFocus.map((k) => scenarioSkillLabels[k]).join('、')}
              </p>
              <div className="gy-sc-card-foot">
                <span className="gy-sc-best">
                  {s.mine.bestTotal !== null ? (
                    <>
                      我的最好成绩 <strong>{s.mine.bestTotal}</strong> 分 · 练过 {s.mine.finishedSessions} 次
                    </>
                  ) : (
                    <span className="gy-muted">还没有练过</span>
                  )}
                </span>
                {s.mine.activeSessionId ? (
                  <BtnLink
                    to={`/scenario-sessions/${s.mine.activeSessionId}`}
                    variant="primary"
                    size="small"
                    icon={<PlayCircleOutlined />}
                    aria-label={`继续练习：${s.title}`}
                  >
                    继续练习
                  </BtnLink>
                ) : (
                  <Link to={`/scenarios/${s.slug}`} aria-hidden tabIndex={-1} className="gy-small">
                    开始 <RightOutlined />
                  </Link>
                )}
              </div>
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
