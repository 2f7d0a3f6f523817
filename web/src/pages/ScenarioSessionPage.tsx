import { useEffect, useId, useRef, useState } from 'react';
import { LeftOutlined, SendOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Link, useParams } from 'react-router-dom';
import * as scenariosApi from '../../../shared/contract/scenarios.js';
import type { ScenarioSession, TurnFeedback } from '../../../shared/contract/scenarios.js';
import { call, errorMessage, isApiError } from '../api/client.js';
import { queryKeys } from '../api/keys.js';
import { useScenarioReport, useScenarioSession } from '../api/scenarios.js';
import { PageHeader, useDocumentTitle } from '../components/PageHeader.js';
import { QueryError } from '../components/QueryError.js';
import { ReportView } from '../features/scenarios/ReportView.js';
import { ChildAvatar, QualityTag } from '../features/scenarios/parts.js';
import '../features/scenarios/scenarios.css';
import { Btn, Callout } from '../ui/kit.js';

type Persona = ScenarioSession['scenario']['persona'];

function ChildBubble({
  persona,
  line,
  mood,
  moodLabel,
}: {
  persona: Persona;
  line: string;
  mood: ScenarioSession['opening']['mood'];
  moodLabel: string;
}) {
  return (
    <div className="gy-sc-child">
      <ChildAvatar avatar={persona.avatar} name={persona.name} mood={mood} moodLabel={moodLabel} />
      <div className="gy-sc-bubble gy-sc-bubble-child">
        <span className="gy-visually-hidden">
          {persona.name}（{moodLabel}）说：
        </span>
        {line}
      </div>
    </div>
  );
}

/** The short feedback under one of the parent's lines: quality, the skills it showed, what cost points, one tip. */
function TurnFeedbackCard({ turn }: { turn: TurnFeedback }) {
  const skills = turn.skills.filter((s) => s.score > 0);
  const penalties = turn.penalties.filter((p) => p.score > 0);
  return (
    <div className="gy-sc-feedback" aria-label={`第 ${turn.index + 1} 句的反馈`} role="group">
      <div className="gy-sc-chips">
        <QualityTag quality={turn.quality}>
          {turn.qualityLabel} · {turn.total} 分
        </QualityTag>
        {skills.map((s) => (
          <span key={s.key} className="gy-sc-chip gy-sc-chip-skill" title={s.reason}>
            ✓ {s.label}
            <span className="gy-sc-chip-n">{s.score}</span>
          </span>
        ))}
        {penalties.map((p) => (
          <span key={p.key} className="gy-sc-chip gy-sc-chip-penalty" title={p.reason}>
            ✗ {p.label}
          </span>
        ))}
        {skills.length === 0 && penalties.length === 0 ? (
          <span className="gy-muted gy-small">这句话没有明显用到五项技能</span>
        ) : null}
      </div>
      <p className="gy-sc-tip">{turn.tip}</p>
      {turn.betterLine ? (
        <p className="gy-sc-better">
          <strong>可以试试：</strong>“{turn.betterLine}”
        </p>
      ) : null}
      {skills.length + penalties.length > 0 ? (
        <details className="gy-sc-why">
          <summary>评分依据</summary>
          <ul>
            {[...skills, ...penalties].map((line) => (
              <li key={line.key}>
                <strong>{line.label}</strong>
                {line.kind === 'penalty' ? '（扣分）' : ` ${line.score} 分`}：{line.reason}
                {line.matched.length > 0 ? (
                  <span className="gy-muted">（关键词：{line.matched.map((m) => `“${m}”`).join('、')}）</span>
                ) : null}
              </li>
            ))}
          </ul>
        </details>
      ) : null}
    </div>
  );
}

function PlayerSkeleton() {
  return (
    <div aria-busy="true" aria-label="正在加载练习" className="gy-panel" style={{ padding: 16 }}>
      <div style={{ display: 'flex', gap: 10, alignItems: 'center' }}>
        <div className="gy-skeleton" style={{ width: 40, height: 40, borderRadius: '50%', flex: 'none' }} />
        <div className="gy-skeleton gy-skeleton-bubble" style={{ width: '60%' }} />
      </div>
      <div className="gy-skeleton gy-skeleton-bubble" style={{ width: '50%', marginInlineStart: 'auto' }} />
      <div className="gy-skeleton gy-skeleton-row" />
      <div className="gy-skeleton gy-skeleton-row" />
      <div className="gy-skeleton gy-skeleton-row" />
    </div>
  );
}

/** 情景练习: the child speaks, the parent answers (a choice or their own words), feedback after every line, a report at the end. */
export default function ScenarioSessionPage() {
  const { sessionId = '' } = useParams();
  const queryClient = useQueryClient();
  const session = useScenarioSession(sessionId);
  const finished = session.data?.status === 'finished';
  const report = useScenarioReport(sessionId, finished);
  const [text, setText] = useState('');
  const [announce, setAnnounce] = useState('');
  const turnHeading = useRef<HTMLHeadingElement>(null);
  const reportHeading = useRef<HTMLHeadingElement>(null);
  const lastTurnRef = useRef<HTMLLIElement>(null);
  const freeId = useId();
  useDocumentTitle(session.data ? `练习：${session.data.scenario.title}` : '情景练习');

  const answer = useMutation({
    mutationFn: (body: { choiceId: string } | { text: string }) => {
      const s = session.data;
      return call(scenariosApi.answerScenarioTurn, {
        params: { sessionId },
        body: { ...body, nodeId: s?.current?.nodeId },
      });
    },
    onSuccess: (result, body) => {
      queryClient.setQueryData(queryKeys.scenarioSession(sessionId), result.session);
      if (result.report) queryClient.setQueryData(queryKeys.scenarioReport(sessionId), result.report);
      void queryClient.invalidateQueries({ queryKey: queryKeys.scenarios });
      if ('text' in body) setText('');
      const f = result.feedback;
      setAnnounce(
        `${f.qualityLabel}，${f.total} 分。${f.tip} ${result.session.scenario.persona.name}（${f.childReply.moodLabel}）说：${f.childReply.line}`,
      );
    },
    onError: (error) => {
      // Someone answered this step already (another tab): show where the conversation really is.
      if (isApiError(error) && error.status === 409) {
        void queryClient.invalidateQueries({ queryKey: queryKeys.scenarioSession(sessionId) });
      }
    },
  });

  // After each answer, bring the newest exchange into view and put focus where the next step is.
  const turns = session.data?.turns.length ?? 0;
  const prevTurns = useRef(turns);
  useEffect(() => {
    if (turns <= prevTurns.current) {
      prevTurns.current = turns;
      return;
    }
    prevTurns.current = turns;
    lastTurnRef.current?.scrollIntoView({ block: 'start', behavior: 'smooth' });
    if (finished) reportHeading.current?.focus({ preventScroll: true });
    else turnHeading.current?.focus({ preventScroll: true });
  }, [turns, finished]);

  const back = (
    <Link to="/scenarios" className="gy-sc-back">
      <LeftOutlined aria-hidden /> 情景列表
    </Link>
  );
  if (session.isPending) {
    return (
      <>
        {back}
        <PlayerSkeleton />
      </>
    );
  }
  if (session.error) return <QueryError error={session.error} onRetry={() => void session.refetch()} />;
  const s = session.data;
  const persona = s.scenario.persona;
  const current = s.current;
  const busy = answer.isPending;
  const textTooShort = text.trim().length === 0;

  return (
    <>
      {back}
      <PageHeader title={s.scenario.title} />
      <div className="gy-sc-player">
        <section className="gy-panel gy-sc-stage" aria-label="对话练习">
          <p className="gy-sc-setting">
            <span className="gy-sc-setting-label">情景</span>
            {s.scenario.setting}
          </p>
          <ol className="gy-sc-log" aria-label="对话记录">
            <li>
              <ChildBubble
                persona={persona}
                line={s.opening.line}
                mood={s.opening.mood}
                moodLabel={s.opening.moodLabel}
              />
            </li>
            {s.turns.map((t, i) => (
              <li key={t.index} ref={i === s.turns.length - 1 ? lastTurnRef : undefined} className="gy-sc-turn">
                <div className="gy-sc-parent">
                  <div className="gy-sc-bubble gy-sc-bubble-parent">
                    <span className="gy-visually-hidden">我说：</span>
                    {t.parentLine}
                  </div>
                  {t.mode === 'text' ? <span className="gy-sc-mode">自己说的</span> : null}
                </div>
                <TurnFeedbackCard turn={t} />
                <ChildBubble
                  persona={persona}
                  line={t.childReply.line}
                  mood={t.childReply.mood}
                  moodLabel={t.childReply.moodLabel}
                />
              </li>
            ))}
          </ol>
          <div className="gy-visually-hidden" aria-live="polite" role="status">
            {announce}
          </div>

          {current ? (
            <div className="gy-sc-answer">
              <h2 ref={turnHeading} tabIndex={-1} className="gy-sc-answer-title">
                <ChildAvatar
                  avatar={persona.avatar}
                  name={persona.name}
                  mood={current.mood}
                  moodLabel={current.moodLabel}
                  size={32}
                />
                轮到你了，你会怎么回答？
              </h2>
              {answer.error ? (
                <Callout
                  type="error"
                  title={
                    isApiError(answer.error) && answer.error.status === 409 ? '这一步已经回答过了' : '回答没有提交成功'
                  }
                  style={{ marginBottom: 10 }}
                >
                  {errorMessage(answer.error)}
                </Callout>
              ) : null}
              <ul className="gy-sc-choices" aria-label="可选的回答">
                {current.choices.map((choice) => (
                  <li key={choice.id}>
                    <button
                      type="button"
                      className="gy-sc-choice"
                      disabled={busy}
                      aria-busy={
                        busy &&
                        answer.variables &&
                        'choiceId' in answer.variables &&
                        answer.variables.choiceId === choice.id
                          ? true
                          : undefined
                      }
                      onClick={() => answer.mutate({ choiceId: choice.id })}
                    >
                      {choice.text}
                    </button>
                  </li>
                ))}
              </ul>
              {current.allowFreeText ? (
                <form
                  className="gy-sc-free"
                  onSubmit={(event) => {
                    event.preventDefault();
                    if (!busy && !textTooShort) answer.mutate({ text: text.trim() });
                  }}
                >
                  <label htmlFor={freeId} className="gy-sc-free-label">
                    或者，自己说
                  </label>
                  <textarea
                    id={freeId}
                    className="gy-sc-free-input"
                    rows={2}
                    maxLength={current.freeTextMaxLength}
                    value={text}
                    placeholder={`用你自己的话回答${persona.name}…`}
                    aria-describedby={`${freeId}-count`}
                    onChange={(event) => setText(event.target.value)}
                  />
                  <div className="gy-sc-free-foot">
                    <span id={`${freeId}-count`} className="gy-muted gy-small">
                      {text.length}/{current.freeTextMaxLength}
                    </span>
                    <Btn type="submit" variant="primary" icon={<SendOutlined />} loading={busy} disabled={textTooShort}>
                      说出口
                    </Btn>
                  </div>
                </form>
              ) : null}
              {busy ? (
                <p className="gy-muted gy-small" role="status" style={{ margin: '8px 0 0' }}>
                  正在评分，{persona.name}正在想怎么回答…
                </p>
              ) : null}
            </div>
          ) : null}

          {s.ending ? (
            <p className="gy-sc-ending-card">
              <QualityTag quality={s.ending.outcome}>对话结束</QualityTag>
              {/* The report below repeats the summary with the scores; without it, it is shown here. */}
              {report.data ? (
                <span className="gy-muted"> 下面是这次练习的报告。</span>
              ) : (
                <span> {s.ending.summary}</span>
              )}
            </p>
          ) : null}
        </section>

        {finished ? (
          report.isPending ? (
            <div className="gy-panel" style={{ padding: 20 }} aria-busy="true" aria-label="正在生成练习报告">
              <div className="gy-skeleton gy-skeleton-line" style={{ width: '30%', height: 22 }} />
              {[0, 1, 2, 3, 4].map((i) => (
                <div key={i} className="gy-skeleton gy-skeleton-line" />
              ))}
            </div>
          ) : report.error ? (
            <Callout type="error" title="练习报告加载失败">
              {errorMessage(report.error)}{' '}
              <Btn size="small" onClick={() => void report.refetch()}>
                重试
              </Btn>
            </Callout>
          ) : (
            <ReportView report={report.data} ref={reportHeading} />
          )
        ) : null}
      </div>
    </>
  );
}
