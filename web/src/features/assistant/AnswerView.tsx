import { useEffect, useRef, useState, type ReactNode } from 'react';
import {
  AlertFilled,
  BookOutlined,
  CheckCircleFilled,
  CustomerServiceOutlined,
  EnvironmentOutlined,
  PhoneFilled,
  PlayCircleOutlined,
  TeamOutlined,
} from '@ant-design/icons';
import { useMutation } from '@tanstack/react-query';
import * as assistantApi from '../../../../shared/contract/assistant.js';
import type { AssistantAction, Citation } from '../../api/assistant.js';
import { call, errorMessage } from '../../api/client.js';
import { Dialog } from '../../components/Dialog.js';
import { crisisCategoryLabel } from '../../lib/crisis.js';
import { Btn, BtnLink, Callout, Tag } from '../../ui/kit.js';
import { splitCitations, telHref, toBlocks, type Block, type Hotline } from './answerBlocks.js';

/** One answer as the page shows it: a live stream, a fresh result, or a stored message. */
export interface AnswerData {
  text: string;
  crisis: boolean;
  crisisCategories: string[];
  citations: Citation[];
  actions: AssistantAction[];
  source: string;
  crisisCaseId: string | null;
  personalisedFor: string | null;
}

export interface AnswerHandlers {
  openArticle: (slug: string, title?: string) => void;
  openCounselor: (crisis: boolean) => void;
  /** “小明（三年级）” for a child's name, when the name is one of the guardian's children. */
  describeChild: (name: string) => string;
}

/** Cases whose guardian agreed to tell the head teacher during this visit (the stored messages do not say). */
const agreedCases = new Set<string>();

function InlineText({
  text,
  citations,
  onCite,
}: {
  text: string;
  citations: Citation[];
  onCite: (c: Citation) => void;
}) {
  if (citations.length === 0) return <>{text}</>;
  return (
    <>
      {splitCitations(text).map((part, i) => {
        if (typeof part === 'string') return <span key={i}>{part}</span>;
        const citation = citations[part - 1];
        if (!citation) return <span key={i}>[{part}]</span>;
        return (
          <button
            key={i}
            type="button"
            className="gy-cite-mark"
            aria-label={`来源 ${part}：${citation.title}`}
            onClick={() => onCite(citation)}
          >
            {part}
          </button>
        );
      })}
    </>
  );
}

function Blocks({
  blocks,
  citations,
  onCite,
}: {
  blocks: Block[];
  citations: Citation[];
  onCite: (c: Citation) => void;
}) {
  const inline = (text: string) => <InlineText text={text} citations={citations} onCite={onCite} />;
  return (
    <>
      {blocks.map((block, i) => {
        switch (block.kind) {
          case 'heading':
            return (
              <h3 key={i} className="gy-answer-heading">
                {block.text}
              </h3>
            );
          case 'para':
            return <p key={i}>{inline(block.text)}</p>;
          case 'bullets':
            return (
              <ul key={i}>
                {block.items.map((item, j) => (
                  <li key={j}>{inline(item)}</li>
                ))}
              </ul>
            );
          case 'steps':
            return (
              <ol key={i}>
                {block.items.map((item, j) => (
                  <li key={j}>{inline(item)}</li>
                ))}
              </ol>
            );
          case 'references':
            // The citation chips below say the same, and they open the article.
            return citations.length > 0 ? null : (
              <p key={i} className="gy-muted gy-small">
                {block.text}
              </p>
            );
          case 'hotlines':
            return <HotlineGrid key={i} hotlines={block.items} />;
          default:
            return null;
        }
      })}
    </>
  );
}

/** Big tappable `tel:` buttons for hotlines (the crisis panel and the counsellor dialog). */
export function HotlineGrid({ hotlines }: { hotlines: readonly Hotline[] }) {
  return (
    <ul className="gy-hotline-grid" aria-label="求助热线（点按即可拨打）">
      {hotlines.map((line) => (
        <li key={line.number}>
          <a className="gy-hotline" href={telHref(line.number)} aria-label={`拨打 ${line.number}，${line.label}`}>
            <span className="gy-hotline-number">
              <PhoneFilled aria-hidden className="gy-hotline-icon" />
              {line.number}
            </span>
            <span className="gy-hotline-label">{line.label}</span>
          </a>
        </li>
      ))}
    </ul>
  );
}

/** The guardian's consent to tell the head teacher, confirmed in a dialog that says exactly what happens. */
function HeadTeacherConsent({ caseId, label, childName }: { caseId: string; label: string; childName: string | null }) {
  const [agreed, setAgreed] = useState(() => agreedCases.has(caseId));
  const [confirming, setConfirming] = useState(false);
  const agree = useMutation({
    mutationFn: () => call(assistantApi.agreeAlertHeadTeacher, { params: { caseId } }),
    onSuccess: () => {
      agreedCases.add(caseId);
      setAgreed(true);
      setConfirming(false);
    },
  });
  if (agreed) {
    return (
      <p className="gy-consent-done" role="status">
        <CheckCircleFilled aria-hidden /> 已同意通知班主任
      </p>
    );
  }
  return (
    <>
      <Btn size="large" icon={<TeamOutlined />} onClick={() => setConfirming(true)} className="gy-crisis-btn">
        {label || '同意通知班主任'}
      </Btn>
      <Dialog
        open={confirming}
        onClose={() => setConfirming(false)}
        title="同意通知班主任？"
        footer={
          <>
            <Btn onClick={() => setConfirming(false)}>暂不通知</Btn>
            <Btn variant="primary" loading={agree.isPending} onClick={() => agree.mutate()}>
              同意通知
            </Btn>
          </>
        }
      >
        <p style={{ marginTop: 0 }}>
          {`同意后，跟进的咨询师可以把这个情况告诉${childName ? `${childName}的` : '孩子的'}班主任，方便学校一起关注孩子在校的安全。`}
        </p>
        <p className="gy-muted gy-small">您和京小帮的对话记录只有您自己能看到，不会发给学校。</p>
        {agree.error ? <Callout type="error" title={errorMessage(agree.error)} /> : null}
      </Dialog>
    </>
  );
}

/** Hotlines of an answer: the action buttons, with the fuller descriptions the safety text gives. */
function crisisHotlines(actions: AssistantAction[], blocks: Block[]): Hotline[] {
  const fromText = blocks.flatMap((b) => (b.kind === 'hotlines' ? b.items : []));
  const fromActions = actions
    .filter((a) => a.kind === 'hotline' && a.target)
    .map((a) => ({ number: a.target!, label: a.label.replace(/^拨打\s*\S+\s*/, '').replace(/^（(.*)）$/, '$1') }));
  const all = [...fromActions, ...fromText];
  return all
    .filter((line, i) => all.findIndex((x) => x.number === line.number) === i)
    .map((line) => fromText.find((x) => x.number === line.number) ?? line);
}

/**
 * A crisis answer: no chat bubble, no small talk — a red safety panel with the steps, big hotline
 * buttons, the counsellor and the head-teacher consent. `live` makes it an alert for screen readers.
 */
function CrisisPanel({ data, live, handlers }: { data: AnswerData; live: boolean; handlers: AnswerHandlers }) {
  const blocks = toBlocks(data.text, { hotlines: true });
  const hotlines = crisisHotlines(data.actions, blocks);
  const steps = blocks.filter((b) => b.kind !== 'hotlines');
  const counselor = data.actions.find((a) => a.kind === 'counselor');
  const consent = data.actions.find((a) => a.kind === 'alertHeadTeacher' && a.target);
  const firstHotlines = steps.findIndex((b) => b.kind === 'heading');
  const before = firstHotlines >= 0 ? steps.slice(0, firstHotlines) : steps;
  const after = firstHotlines >= 0 ? steps.slice(firstHotlines + 1) : [];
  const ref = useRef<HTMLElement>(null);
  // A fresh crisis answer is read from its first line, not from the bottom like a chat message.
  useEffect(() => {
    if (live) ref.current?.scrollIntoView({ block: 'start' });
  }, [live]);
  return (
    <section ref={ref} className="gy-crisis" role={live ? 'alert' : 'region'} aria-label="安全提示">
      <h3 className="gy-crisis-title">
        <AlertFilled aria-hidden /> 请先确保孩子安全
      </h3>
      {data.crisisCategories.length > 0 ? (
        <div className="gy-crisis-tags">
          {data.crisisCategories.map((c) => (
            <Tag key={c} color="red">
              {crisisCategoryLabel(c)}
            </Tag>
          ))}
        </div>
      ) : null}
      <div className="gy-crisis-body">
        <Blocks blocks={before} citations={[]} onCite={() => undefined} />
      </div>
      {hotlines.length > 0 ? (
        <>
          <h4 className="gy-crisis-sub">现在就可以拨打（点按即拨）</h4>
          <HotlineGrid hotlines={hotlines} />
        </>
      ) : null}
      {after.length > 0 ? (
        <div className="gy-crisis-body">
          <Blocks blocks={after} citations={[]} onCite={() => undefined} />
        </div>
      ) : null}
      <div className="gy-crisis-actions">
        <Btn
          size="large"
          variant="dangerPrimary"
          icon={<CustomerServiceOutlined />}
          className="gy-crisis-btn"
          onClick={() => handlers.openCounselor(true)}
        >
          {counselor?.label ?? '马上联系咨询师'}
        </Btn>
        {consent ? (
          <HeadTeacherConsent caseId={consent.target!} label={consent.label} childName={data.personalisedFor} />
        ) : null}
      </div>
    </section>
  );
}

function ActionButtons({ data, handlers }: { data: AnswerData; handlers: AnswerHandlers }) {
  const buttons: ReactNode[] = data.actions.map((action, i) => {
    switch (action.kind) {
      case 'article':
        return action.target ? (
          <Btn key={i} size="small" icon={<BookOutlined />} onClick={() => handlers.openArticle(action.target!)}>
            {action.label}
          </Btn>
        ) : null;
      case 'counselor':
        return (
          <Btn
            key={i}
            size="small"
            icon={<CustomerServiceOutlined />}
            onClick={() => handlers.openCounselor(data.crisis)}
          >
            {/* There is no appointment booking yet: outside a crisis this is a call-back request. */}
            {data.crisis ? action.label : '请咨询师联系我'}
          </Btn>
        );
      case 'hotline':
        return action.target ? (
          <a key={i} className="gy-btn gy-btn-small" href={telHref(action.target)}>
            <PhoneFilled aria-hidden /> {action.label}
          </a>
        ) : null;
      case 'scenario':
        return action.target ? (
          <BtnLink key={i} size="small" icon={<PlayCircleOutlined />} to={`/scenarios/${action.target}`}>
            {action.label}
          </BtnLink>
        ) : null;
      case 'resources':
        return action.target ? (
          <BtnLink key={i} size="small" icon={<EnvironmentOutlined />} to={`/map?${action.target}`}>
            {action.label}
          </BtnLink>
        ) : null;
      case 'alertHeadTeacher':
        return action.target ? (
          <HeadTeacherConsent key={i} caseId={action.target} label={action.label} childName={data.personalisedFor} />
        ) : null;
      default:
        return null;
    }
  });
  if (buttons.every((b) => !b)) return null;
  return <div className="gy-answer-actions">{buttons}</div>;
}

const sourceNotes: Record<string, string> = {
  offline: '依据共育知识库整理',
  llm: '由大模型依据共育知识库生成，请结合孩子的实际情况参考',
};

/** An answer of 京小帮: the text in paragraphs with 【…】 headings, its sources and what to do next. */
export function AnswerView({
  data,
  streaming = false,
  live = false,
  handlers,
}: {
  data: AnswerData;
  streaming?: boolean;
  live?: boolean;
  handlers: AnswerHandlers;
}) {
  if (data.crisis) return <CrisisPanel data={data} live={live} handlers={handlers} />;
  const onCite = (c: Citation) => handlers.openArticle(c.slug, c.title);
  const blocks = toBlocks(data.text);
  return (
    <article className="gy-answer" aria-label="京小帮的回答">
      {data.personalisedFor ? (
        <p className="gy-answer-for">已按{handlers.describeChild(data.personalisedFor)}的情况回答</p>
      ) : null}
      <div className="gy-answer-body" aria-live={live ? 'polite' : undefined} aria-busy={streaming || undefined}>
        <Blocks blocks={blocks} citations={data.citations} onCite={onCite} />
        {streaming ? <span className="gy-caret" aria-hidden /> : null}
      </div>
      {!streaming && data.citations.length > 0 ? (
        <div className="gy-cites">
          <span className="gy-muted gy-small">参考来源：</span>
          <ul>
            {data.citations.map((c, i) => (
              <li key={c.id}>
                <button type="button" className="gy-cite-chip" onClick={() => onCite(c)}>
                  <span aria-hidden className="gy-cite-chip-n">
                    {i + 1}
                  </span>
                  《{c.title}》
                </button>
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      {!streaming ? <ActionButtons data={data} handlers={handlers} /> : null}
      {!streaming && sourceNotes[data.source] ? <p className="gy-answer-source">{sourceNotes[data.source]}</p> : null}
    </article>
  );
}
