import type { Ref } from 'react';
import { LineChartOutlined, ReloadOutlined, UnorderedListOutlined } from '@ant-design/icons';
import type { ScenarioReport } from '../../../../shared/contract/scenarios.js';
import { turnQualityLabels } from '../../../../shared/contract/scenarios.js';
import { errorMessage } from '../../api/client.js';
import { useStartScenario } from '../../api/scenarios.js';
import { Btn, BtnLink, Callout } from '../../ui/kit.js';
import { QualityTag, ScoreBars, type BarRow } from './parts.js';

function scoreTone(total: number) {
  return total >= 65 ? 'gy-sc-total-good' : total >= 35 ? 'gy-sc-total-fair' : 'gy-sc-total-poor';
}

function TurnCard({ kind, turn }: { kind: 'best' | 'worst' | 'only'; turn: ScenarioReport['bestTurn'] }) {
  const title = kind === 'best' ? '说得最好的一句' : kind === 'worst' ? '最需要改进的一句' : '你的回答';
  return (
    <section className={`gy-sc-turn-card gy-sc-turn-${kind}`} aria-label={title}>
      <h3>
        {title}
        <span className="gy-sc-turn-score">{turn.total} 分</span>
      </h3>
      <p className="gy-sc-quote-child">
        <span className="gy-muted">孩子说：</span>
        {turn.childLine}
      </p>
      <blockquote className="gy-sc-quote">你说：“{turn.parentLine}”</blockquote>
      <p className="gy-sc-reason">{turn.reason}</p>
      {kind !== 'best' && turn.betterLine && turn.betterLine !== turn.parentLine ? (
        <p className="gy-sc-better">
          <strong>可以这样说：</strong>“{turn.betterLine}”
        </p>
      ) : null}
    </section>
  );
}

/** 练习报告: the total, each skill as a bar, the best and the weakest line, and the comparison with earlier sessions. */
export function ReportView({ report, ref }: { report: ScenarioReport; ref?: Ref<HTMLHeadingElement> }) {
  const start = useStartScenario();
  const changes = report.comparison.skillChanges;
  const skills: BarRow[] = report.skills.map((s) => ({
    key: s.skill,
    label: (
      <>
        {s.label}
        {s.focus ? <span className="gy-sc-focus">重点</span> : null}
      </>
    ),
    score: s.score,
    note: s.observedTurns === 0 ? '本次没有用到' : undefined,
    change: changes ? changes[s.skill] : null,
  }));
  const penalties: BarRow[] = report.penalties
    .filter((p) => p.score > 0)
    .map((p) => ({ key: p.penalty, label: p.label, score: p.score, tone: 'penalty' as const }));
  const c = report.comparison;
  const sameTurn = report.bestTurn.index === report.worstTurn.index;

  return (
    <section className="gy-panel gy-sc-report" aria-labelledby="sc-report-title">
      <div className="gy-sc-report-head">
        <div className={`gy-sc-total ${scoreTone(report.total)}`} aria-hidden>
          <span className="gy-sc-total-n">{report.total}</span>
          <span className="gy-sc-total-unit">总分</span>
        </div>
        <div style={{ minWidth: 0 }}>
          <h2 id="sc-report-title" ref={ref} tabIndex={-1} className="gy-sc-report-title">
            练习报告 <span className="gy-visually-hidden">总分 {report.total} 分</span>
          </h2>
          <p style={{ margin: '6px 0 0' }}>
            <QualityTag quality={report.ending.outcome}>结局：{turnQualityLabels[report.ending.outcome]}</QualityTag>
          </p>
          <p className="gy-muted gy-small" style={{ margin: '6px 0 0' }}>
            {report.scenario.title}
          </p>
        </div>
      </div>
      <p className="gy-sc-ending">{report.ending.summary}</p>

      <h3 className="gy-sc-h3">各项沟通技能</h3>
      <p className="gy-muted gy-small" style={{ marginTop: 0 }}>
        标“重点”的是本情景重点练习的技能，在总分中算两倍。
      </p>
      <ScoreBars rows={skills} label="各项技能得分" />
      {penalties.length > 0 ? (
        <>
          <h3 className="gy-sc-h3">需要少用的说法（会扣分）</h3>
          <ScoreBars rows={penalties} label="扣分项" />
        </>
      ) : (
        <p className="gy-sc-clean">整场对话没有出现指责、威胁或说教，很好。</p>
      )}

      <div className="gy-sc-turns">
        {sameTurn ? (
          <TurnCard kind="only" turn={report.bestTurn} />
        ) : (
          <>
            <TurnCard kind="best" turn={report.bestTurn} />
            <TurnCard kind="worst" turn={report.worstTurn} />
          </>
        )}
      </div>

      <h3 className="gy-sc-h3">和以前比</h3>
      <p style={{ margin: '0 0 8px' }}>{c.message}</p>
      {c.previousSessions > 0 ? (
        <dl className="gy-sc-compare">
          <div>
            <dt>以前练过</dt>
            <dd>{c.previousSessions} 次</dd>
          </div>
          {c.previousBest !== null ? (
            <div>
              <dt>以前最好</dt>
              <dd>{c.previousBest} 分</dd>
            </div>
          ) : null}
          {c.previousLatest !== null ? (
            <div>
              <dt>上一次</dt>
              <dd>{c.previousLatest} 分</dd>
            </div>
          ) : null}
          {c.change !== null ? (
            <div>
              <dt>这次变化</dt>
              <dd className={c.change > 0 ? 'gy-sc-up' : c.change < 0 ? 'gy-sc-down' : undefined}>
                {c.change > 0 ? `+${c.change}` : c.change} 分
              </dd>
            </div>
          ) : null}
        </dl>
      ) : null}

      {start.error ? <Callout type="error" title={errorMessage(start.error)} style={{ marginTop: 12 }} /> : null}
      <div className="gy-sc-report-actions">
        <Btn
          variant="primary"
          icon={<ReloadOutlined />}
          loading={start.isPending}
          onClick={() => start.mutate(report.scenario.slug)}
        >
          再练一次
        </Btn>
        <BtnLink to="/scenarios/progress" icon={<LineChartOutlined />}>
          查看我的进步
        </BtnLink>
        <BtnLink to="/scenarios" variant="text" icon={<UnorderedListOutlined />}>
          返回情景列表
        </BtnLink>
      </div>
    </section>
  );
}
