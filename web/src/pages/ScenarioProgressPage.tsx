import { LeftOutlined, PlayCircleOutlined } from '@ant-design/icons';
import { Link } from 'react-router-dom';
import { SCENARIO_SKILLS, scenarioSkillLabels, type SkillScores } from '../../../shared/contract/scenarios.js';
import { useScenarioProgress } from '../api/scenarios.js';
import { PageHeader } from '../components/PageHeader.js';
import { Panel } from '../components/Panel.js';
import { QueryError } from '../components/QueryError.js';
import { formatDateTime } from '../lib/format.js';
import { ChildAvatar, LineChart, ScoreBars, type ChartPoint } from '../features/scenarios/parts.js';
import '../features/scenarios/scenarios.css';
import { BtnLink, EmptyState } from '../ui/kit.js';

function skillRows(scores: SkillScores) {
  return SCENARIO_SKILLS.map((k) => ({ key: k, label: scenarioSkillLabels[k], score: scores[k] }));
}

/** 我的进步: every finished rehearsal's total over time, skill averages, and each scenario's own trend. */
export default function ScenarioProgressPage() {
  const progress = useScenarioProgress();
  const back = (
    <Link to="/scenarios" className="gy-sc-back">
      <LeftOutlined aria-hidden /> 情景列表
    </Link>
  );
  if (progress.isPending) {
    return (
      <>
        {back}
        <PageHeader title="我的进步" />
        <div className="gy-panel" style={{ padding: 20 }} aria-busy="true" aria-label="正在加载练习记录">
          <div className="gy-skeleton" style={{ height: 200 }} />
          <div className="gy-skeleton gy-skeleton-line" />
          <div className="gy-skeleton gy-skeleton-line" />
        </div>
      </>
    );
  }
  if (progress.error) return <QueryError error={progress.error} onRetry={() => void progress.refetch()} />;
  const p = progress.data;
  const all: ChartPoint[] = p.items
    .flatMap((item) => item.history.map((h) => ({ ...h, title: item.title })))
    .sort((a, b) => a.finishedAt.localeCompare(b.finishedAt))
    .map((h, i) => ({
      label: `第 ${i + 1} 次`,
      value: h.total,
      title: `第 ${i + 1} 次 · ${formatDateTime(h.finishedAt)} 《${h.title}》 ${h.total} 分`,
    }));

  return (
    <>
      {back}
      <PageHeader title="我的进步" description="每完成一次情景练习，这里就多一个点。分数只有你自己能看到。" />
      {p.finishedSessions === 0 ? (
        <Panel>
          <EmptyState>还没有完成的练习。完成一次情景练习后，就能在这里看到自己的进步。</EmptyState>
          <div style={{ textAlign: 'center', marginTop: 8 }}>
            <BtnLink to="/scenarios" variant="primary" icon={<PlayCircleOutlined />}>
              去练一练
            </BtnLink>
          </div>
        </Panel>
      ) : (
        <div className="gy-stack">
          <div className="gy-sc-stats">
            <div className="gy-panel gy-sc-stat">
              <span className="gy-sc-stat-n">{p.finishedSessions}</span>
              <span className="gy-muted">完成的练习</span>
            </div>
            <div className="gy-panel gy-sc-stat">
              <span className="gy-sc-stat-n">{p.scenariosTried}</span>
              <span className="gy-muted">练过的情景</span>
            </div>
            <div className="gy-panel gy-sc-stat">
              <span className="gy-sc-stat-n">{Math.max(...all.map((x) => x.value))}</span>
              <span className="gy-muted">最高总分</span>
            </div>
          </div>
          <Panel title="总分变化">
            <LineChart points={all} caption="每次练习的总分（按完成时间先后）" />
            <p className="gy-muted gy-small" style={{ margin: '4px 0 0' }}>
              横轴是第几次完成的练习（所有情景合在一起），纵轴是总分（0–100）。
            </p>
          </Panel>
          {p.skillAverages ? (
            <Panel title="各项技能平均分">
              <ScoreBars rows={skillRows(p.skillAverages)} label="各项技能平均分" />
            </Panel>
          ) : null}
          <Panel title="各个情景">
            <ul className="gy-sc-progress-list">
              {p.items.map((item) => (
                <li key={item.slug} className="gy-sc-progress-item">
                  <div className="gy-sc-progress-head">
                    <ChildAvatar avatar={item.avatar} name={item.title} size={40} showMood={false} />
                    <div style={{ minWidth: 0, flex: 1 }}>
                      <h3 className="gy-sc-progress-title">
                        <Link to={`/scenarios/${item.slug}`}>{item.title}</Link>
                      </h3>
                      <p className="gy-muted gy-small" style={{ margin: 0 }}>
                        练过 {item.attempts} 次，完成 {item.finishedSessions} 次
                        {item.best !== null ? ` · 最好 ${item.best} 分` : ''}
                        {item.latest !== null ? ` · 最近 ${item.latest} 分` : ''}
                      </p>
                    </div>
                  </div>
                  {item.history.length > 1 ? (
                    <LineChart
                      compact
                      height={64}
                      caption={`《${item.title}》的总分变化`}
                      points={item.history.map((h, i) => ({
                        label: `第 ${i + 1} 次`,
                        value: h.total,
                        title: `${formatDateTime(h.finishedAt)} ${h.total} 分`,
                      }))}
                    />
                  ) : null}
                </li>
              ))}
            </ul>
          </Panel>
        </div>
      )}
    </>
  );
}
