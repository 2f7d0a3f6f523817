import { LeftOutlined, PlayCircleOutlined } from '@ant-design/icons';
import { Link, useParams } from 'react-router-dom';
import { scenarioSkillLabels } from '../../../shared/contract/scenarios.js';
import { errorMessage } from '../api/client.js';
import { useScenario, useStartScenario } from '../api/scenarios.js';
import { PageHeader, useDocumentTitle } from '../components/PageHeader.js';
import { Panel } from '../components/Panel.js';
import { QueryError } from '../components/QueryError.js';
import { AgeBandTags, ChildAvatar, DifficultyTag } from '../features/scenarios/parts.js';
import '../features/scenarios/scenarios.css';
import { Btn, BtnLink, Callout } from '../ui/kit.js';

function DetailSkeleton() {
  return (
    <div className="gy-panel" style={{ padding: 20 }} aria-busy="true" aria-label="正在加载情景">
      <div className="gy-skeleton" style={{ width: 72, height: 72, borderRadius: '50%' }} />
      <div className="gy-skeleton gy-skeleton-line" style={{ width: '50%', height: 20 }} />
      <div className="gy-skeleton gy-skeleton-line" />
      <div className="gy-skeleton gy-skeleton-line" />
      <div className="gy-skeleton gy-skeleton-line" style={{ width: '70%' }} />
    </div>
  );
}

/** One scenario before practising: what it trains, the situation, who the child is; then 开始练习. */
export default function ScenarioDetailPage() {
  const { slug = '' } = useParams();
  const scenario = useScenario(slug);
  const start = useStartScenario();
  useDocumentTitle(scenario.data?.title ?? '情景训练');

  const back = (
    <Link to="/scenarios" className="gy-sc-back">
      <LeftOutlined aria-hidden /> 情景列表
    </Link>
  );
  if (scenario.isPending) {
    return (
      <>
        {back}
        <DetailSkeleton />
      </>
    );
  }
  if (scenario.error) return <QueryError error={scenario.error} onRetry={() => void scenario.refetch()} />;
  const s = scenario.data;
  const turns =
    s.parentTurns.min === s.parentTurns.max ? `${s.parentTurns.min}` : `${s.parentTurns.min}–${s.parentTurns.max}`;

  return (
    <>
      {back}
      <PageHeader title={s.title} description={s.summary} />
      <div className="gy-sc-detail">
        <Panel>
          <div className="gy-sc-persona">
            <ChildAvatar avatar={s.persona.avatar} name={s.persona.name} size={72} showMood={false} />
            <div style={{ minWidth: 0 }}>
              <h2 className="gy-panel-title">
                {s.persona.name}，{s.persona.age} 岁
              </h2>
              <p className="gy-muted" style={{ margin: '4px 0 0' }}>
                {s.persona.temperament}
              </p>
            </div>
          </div>
          <h3 className="gy-sc-h3">情景</h3>
          <p className="gy-sc-setting">{s.setting}</p>
          <h3 className="gy-sc-h3">这次练什么</h3>
          <p style={{ marginTop: 0, lineHeight: 1.8 }}>{s.intro}</p>
          <div className="gy-sc-tags">
            <DifficultyTag difficulty={s.difficulty} />
            <AgeBandTags bands={s.ageBands} />
          </div>
        </Panel>
        <Panel title="怎么练">
          <ol className="gy-sc-howto">
            <li>孩子先开口。你可以从三个回答里选一个，也可以“自己说”。</li>
            <li>
              每说一句，立即看到这句话在倾听、说出感受、共情、清晰边界、共同解决上的得分，以及有没有指责、威胁、说教。
            </li>
            <li>
              大约回答 <strong>{turns}</strong> 次后对话结束，生成练习报告。
            </li>
          </ol>
          <p className="gy-small gy-muted">
            本情景重点：{s.skillsFocus.map((k) => scenarioSkillLabels[k]).join('、')}（在总分中算两倍）
          </p>
          {s.mine.bestTotal !== null ? (
            <p className="gy-small">
              你的最好成绩：<strong>{s.mine.bestTotal}</strong> 分，已完成 {s.mine.finishedSessions} 次。
            </p>
          ) : null}
          {start.error ? <Callout type="error" title={errorMessage(start.error)} style={{ marginBottom: 12 }} /> : null}
          <div className="gy-sc-start">
            {s.mine.activeSessionId ? (
              <BtnLink
                to={`/scenario-sessions/${s.mine.activeSessionId}`}
                variant="primary"
                size="large"
                block
                icon={<PlayCircleOutlined />}
              >
                继续上次没练完的
              </BtnLink>
            ) : null}
            <Btn
              variant={s.mine.activeSessionId ? 'default' : 'primary'}
              size="large"
              block
              icon={s.mine.activeSessionId ? undefined : <PlayCircleOutlined />}
              loading={start.isPending}
              onClick={() => start.mutate(s.slug)}
            >
              {s.mine.activeSessionId ? '重新开始练习' : '开始练习'}
            </Btn>
          </div>
        </Panel>
      </div>
    </>
  );
}
