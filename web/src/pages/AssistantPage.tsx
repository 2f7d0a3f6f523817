import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { HistoryOutlined, PlusOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useSearchParams } from 'react-router-dom';
import * as assistantApi from '../../../shared/contract/assistant.js';
import { gradeName } from '../../../shared/contract/domain.js';
import {
  conversationQuery,
  streamAsk,
  useConversation,
  useConversations,
  type AskMeta,
  type AskResponse,
  type Conversation,
  type Message,
} from '../api/assistant.js';
import { ApiError, call, errorMessage, isApiError, problem } from '../api/client.js';
import { useSignedInMe } from '../api/identity.js';
import { queryKeys } from '../api/keys.js';
import { Dialog } from '../components/Dialog.js';
import { useNotice } from '../components/notice.js';
import { PageHeader } from '../components/PageHeader.js';
import { useIsMobile } from '../components/useIsMobile.js';
import { ArticleDialog } from '../features/assistant/ArticleDialog.js';
import { AnswerView, type AnswerData, type AnswerHandlers } from '../features/assistant/AnswerView.js';
import { Composer } from '../features/assistant/Composer.js';
import { ConversationList } from '../features/assistant/ConversationList.js';
import { CounselorDialog } from '../features/assistant/CounselorDialog.js';
import '../features/assistant/assistant.css';
import { Btn, Callout } from '../ui/kit.js';

const EXAMPLES = [
  '孩子写作业磨蹭，总要拖到很晚怎么办？',
  '孩子刷短视频停不下来，怎么跟他约定？',
  '上初中后孩子回家就关门，不爱跟我说话',
  '考试前孩子特别紧张，晚上睡不着',
  '孩子在学校被同学起外号，我该怎么做？',
  '孩子一生气就发脾气、摔东西',
];

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The question being answered right now, shown until the stored conversation includes it. */
interface LiveExchange {
  question: string;
  conversationId: string | null;
  phase: 'waiting' | 'streaming' | 'done' | 'error';
  meta: AskMeta | null;
  text: string;
  /** How many times the answer restarted (a second `meta`: the model failed and the offline answer follows). */
  restarts: number;
  error: string | null;
}

/**
 * Answers streamed during this visit, by conversation and text: they carry what stored messages do
 * not (actions, the crisis case, who the answer was personalised for).
 */
const freshAnswers = new Map<string, AskResponse>();
const answerKey = (conversationId: string, text: string) => `${conversationId}\u0000${text}`;

function fromResponse(r: AskMeta, text: string): AnswerData {
  return {
    text,
    crisis: r.crisis,
    crisisCategories: r.crisisCategories,
    citations: r.citations,
    actions: r.actions,
    source: r.source,
    crisisCaseId: r.crisisCaseId,
    personalisedFor: r.personalisedFor,
  };
}

/**
 * A stored message: the actions, crisis case and personalisation kept with it; answers stored before
 * those were kept get actions rebuilt from their citations.
 */
function fromMessage(m: Message, childName: string | null): AnswerData {
  const rebuilt: AnswerData['actions'] = m.crisis
    ? [{ kind: 'counselor', label: '马上联系咨询师', target: null }]
    : [
        ...m.citations.map((c) => ({ kind: 'article' as const, label: `阅读全文：${c.title}`, target: c.slug })),
        { kind: 'counselor' as const, label: '请咨询师联系我', target: null },
      ];
  return {
    text: m.content,
    crisis: m.crisis,
    crisisCategories: m.crisisCategories,
    citations: m.citations,
    actions: m.actions.length ? m.actions : rebuilt,
    source: m.source,
    crisisCaseId: m.crisisCaseId,
    personalisedFor: m.personalisedFor ?? (m.crisis ? null : childName),
  };
}

function UserBubble({ text }: { text: string }) {
  return (
    <div className="gy-msg-user">
      <span className="gy-visually-hidden">我问：</span>
      {text}
    </div>
  );
}

function Typing() {
  return (
    <div className="gy-typing" role="status">
      <span className="gy-typing-dots" aria-hidden>
        <i />
        <i />
        <i />
      </span>
      京小帮正在查找知识库…
    </div>
  );
}

function MessagesSkeleton() {
  return (
    <div aria-busy="true" aria-label="正在加载对话" className="gy-chat-skeleton">
      <div className="gy-skeleton gy-skeleton-bubble" style={{ marginInlineStart: 'auto', width: '55%' }} />
      <div className="gy-skeleton gy-skeleton-block" />
      <div className="gy-skeleton gy-skeleton-bubble" style={{ marginInlineStart: 'auto', width: '40%' }} />
      <div className="gy-skeleton gy-skeleton-block" style={{ height: 120 }} />
    </div>
  );
}

function EmptyChat({ onAsk, disabled }: { onAsk: (q: string) => void; disabled: boolean }) {
  return (
    <div className="gy-chat-empty">
      <div aria-hidden className="gy-bot-mark gy-bot-mark-large">
        帮
      </div>
      <h2 className="gy-chat-empty-title">您好，我是京小帮</h2>
      <p className="gy-muted">
        关于孩子的学习、情绪、手机、安全和亲子沟通，随时问我。每条回答都来自共育知识库，并注明出处。
      </p>
      <h3 className="gy-examples-title">可以这样问：</h3>
      <ul className="gy-examples">
        {EXAMPLES.map((q) => (
          <li key={q}>
            <button type="button" className="gy-example" disabled={disabled} onClick={() => onAsk(q)}>
              {q}
            </button>
          </li>
        ))}
      </ul>
      <p className="gy-muted gy-small" style={{ marginBottom: 0 }}>
        京小帮不能代替医生或心理咨询师。遇到孩子有伤害自己、被伤害等紧急情况，请直接拨打 110 或 120。
      </p>
    </div>
  );
}

/** 京小帮: ask about your child and read the answer as it is written, with its sources and next steps. */
export default function AssistantPage() {
  const me = useSignedInMe();
  const isMobile = useIsMobile();
  const queryClient = useQueryClient();
  const { notice } = useNotice();
  const [params, setParams] = useSearchParams();
  const raw = params.get('c');
  const activeId = raw && UUID.test(raw) ? raw : null;

  const conversations = useConversations();
  const conversation = useConversation(activeId);
  const [draft, setDraft] = useState('');
  const [live, setLive] = useState<LiveExchange | null>(null);
  const [sendError, setSendError] = useState<string | null>(null);
  const [childId, setChildId] = useState<string>(me.children[0]?.id ?? '');
  const [article, setArticle] = useState<{ slug: string; title?: string } | null>(null);
  const [counselor, setCounselor] = useState<{ crisis: boolean } | null>(null);
  const [confirm, setConfirm] = useState<{ kind: 'one'; conversation: Conversation } | { kind: 'all' } | null>(null);
  const [listOpen, setListOpen] = useState(false);
  const abortRef = useRef<AbortController | null>(null);
  const scrollRef = useRef<HTMLDivElement>(null);
  const inputRef = useRef<HTMLTextAreaElement>(null);

  const busy = live !== null && (live.phase === 'waiting' || live.phase === 'streaming');

  // Opening another conversation stops the answer being written for this one.
  const liveConversation = useRef<string | null | undefined>(undefined);
  liveConversation.current = live ? live.conversationId : undefined;
  useEffect(() => {
    if (liveConversation.current !== undefined && liveConversation.current !== activeId) {
      abortRef.current?.abort();
      setLive(null);
    }
    setSendError(null);
  }, [activeId]);
  useEffect(() => () => abortRef.current?.abort(), []);

  // A conversation about one child keeps asking about that child.
  const conversationChild = conversation.data?.studentId ?? null;
  useEffect(() => {
    if (conversationChild && me.children.some((c) => c.id === conversationChild)) setChildId(conversationChild);
  }, [conversationChild, me.children]);

  const describeChild = useCallback(
    (name: string) => {
      const child = me.children.find((c) => c.name === name);
      return child ? `${child.name}（${gradeName(child.gradeNumber)}）` : name;
    },
    [me.children],
  );
  const handlers = useMemo<AnswerHandlers>(
    () => ({
      openArticle: (slug, title) => setArticle({ slug, title }),
      openCounselor: (crisis) => setCounselor({ crisis }),
      describeChild,
    }),
    [describeChild],
  );

  const messages = useMemo(() => (activeId ? (conversation.data?.messages ?? []) : []), [activeId, conversation.data]);
  // Once the stored conversation has the live exchange, show only the stored one.
  const liveStored =
    live?.phase === 'done' &&
    messages.at(-1)?.role === 'assistant' &&
    messages.at(-1)?.content === live.text &&
    messages.at(-2)?.content === live.question;
  const showLive = live !== null && !liveStored;

  // Answers are read from the top: bring the question being answered to the top of the view when it is
  // sent, and the last question when a conversation opens — not the end of a long answer.
  const scrollToLastQuestion = useCallback(() => {
    const box = scrollRef.current;
    const bubbles = box?.querySelectorAll<HTMLElement>('.gy-msg-user');
    const last = bubbles?.[bubbles.length - 1];
    if (!box || !last) return;
    if (box.scrollHeight > box.clientHeight + 1 && getComputedStyle(box).overflowY === 'auto') {
      // Desktop: the conversation scrolls inside its panel; leave the page where it is.
      box.scrollTop += last.getBoundingClientRect().top - box.getBoundingClientRect().top - 12;
    } else {
      last.scrollIntoView({ block: 'start' });
    }
  }, []);
  const waiting = live?.phase === 'waiting';
  useEffect(() => {
    if (waiting) scrollToLastQuestion();
  }, [waiting, scrollToLastQuestion]);
  const shownConversation = useRef<string | null>(null);
  useEffect(() => {
    if (!activeId || messages.length === 0 || shownConversation.current === activeId) return;
    const arrivedLive = live?.conversationId === activeId;
    shownConversation.current = activeId;
    if (!arrivedLive) scrollToLastQuestion();
  }, [activeId, messages.length, live?.conversationId, scrollToLastQuestion]);

  const send = async (text: string) => {
    const question = text.trim();
    if (question.length < 2 || busy) return;
    abortRef.current?.abort();
    const controller = new AbortController();
    abortRef.current = controller;
    const startedIn = activeId;
    setSendError(null);
    setDraft('');
    setLive({ question, conversationId: startedIn, phase: 'waiting', meta: null, text: '', restarts: 0, error: null });
    let conversationId = startedIn;
    let gotMeta = false;
    let result: AskResponse | null = null;
    try {
      const events = streamAsk(
        { question, studentId: childId || undefined, conversationId: startedIn ?? undefined },
        controller.signal,
      );
      for await (const event of events) {
        if (event.event === 'meta') {
          conversationId = event.data.conversationId;
          gotMeta = true;
          const meta = event.data;
          setLive(
            (l) =>
              l && {
                ...l,
                phase: 'streaming',
                conversationId: meta.conversationId,
                meta,
                text: '',
                restarts: l.meta ? l.restarts + 1 : 0,
              },
          );
        } else if (event.event === 'delta') {
          const delta = event.data.text;
          setLive((l) => l && { ...l, text: l.text + delta });
        } else if (event.event === 'done') {
          const done = event.data;
          result = done;
          freshAnswers.set(answerKey(done.conversationId, done.answer), done);
          setLive(
            (l) => l && { ...l, phase: 'done', meta: done, text: done.answer, conversationId: done.conversationId },
          );
        } else {
          throw new ApiError(problem(500, 'STREAM_FAILED', event.data.detail));
        }
      }
      if (!result) throw new ApiError(problem(0, 'NETWORK', '回答中断了，没有接收完整，请重新提问'));
      void queryClient.invalidateQueries({ queryKey: queryKeys.conversations, exact: true });
      await queryClient.fetchQuery(conversationQuery(result.conversationId)).catch(() => undefined);
      if (controller.signal.aborted) return;
      if (startedIn !== result.conversationId) setParams({ c: result.conversationId });
    } catch (error) {
      if (controller.signal.aborted) return;
      if (isApiError(error) && error.status === 401) {
        queryClient.setQueryData(queryKeys.me, null);
        return;
      }
      if (!gotMeta) {
        // Nothing was answered: the question goes back into the box, nothing is lost.
        setLive(null);
        setDraft((current) => current || question);
        setSendError(errorMessage(error));
        inputRef.current?.focus();
        return;
      }
      setLive((l) => l && { ...l, phase: 'error', error: errorMessage(error) });
      void queryClient.invalidateQueries({ queryKey: queryKeys.conversations, exact: true });
      if (conversationId && conversationId !== startedIn) setParams({ c: conversationId });
    }
  };

  const startNew = () => {
    abortRef.current?.abort();
    setLive(null);
    setSendError(null);
    setListOpen(false);
    setParams({});
    inputRef.current?.focus();
  };

  // Deleted conversations leave the cache only once no longer open: removing the query of the open
  // conversation would make it fetch again (404) before the page has moved on.
  const deleted = useRef(new Set<string>());
  const forgetDeleted = useCallback(
    (openId: string | null) => {
      for (const id of deleted.current) {
        if (id === openId) continue;
        queryClient.removeQueries({ queryKey: queryKeys.conversation(id) });
        deleted.current.delete(id);
      }
    },
    [queryClient],
  );
  useEffect(() => forgetDeleted(activeId), [activeId, forgetDeleted]);

  const remove = useMutation({
    mutationFn: async (target: { kind: 'one'; conversation: Conversation } | { kind: 'all' }) => {
      if (target.kind === 'one') {
        await call(assistantApi.deleteConversation, { params: { conversationId: target.conversation.id } });
      } else {
        await call(assistantApi.deleteAllConversations);
      }
      return target;
    },
    onSuccess: (target) => {
      setConfirm(null);
      // Leave a deleted conversation that is open, then forget it (see the effect above).
      if (target.kind === 'one') {
        deleted.current.add(target.conversation.id);
        if (target.conversation.id === activeId) startNew();
        else forgetDeleted(activeId);
        queryClient.setQueryData<{ items: Conversation[] }>(queryKeys.conversations, (data) =>
          data ? { items: data.items.filter((c) => c.id !== target.conversation.id) } : data,
        );
        notice.success('已删除这条对话');
      } else {
        for (const c of conversations.data?.items ?? []) deleted.current.add(c.id);
        startNew();
        queryClient.setQueryData(queryKeys.conversations, { items: [] });
        notice.success('已删除全部对话');
      }
      void queryClient.invalidateQueries({ queryKey: queryKeys.conversations, exact: true });
    },
  });

  const list = (
    <ConversationList
      items={conversations.data?.items ?? []}
      loading={conversations.isPending}
      error={conversations.error}
      activeId={activeId}
      onNew={startNew}
      onNavigate={() => setListOpen(false)}
      onDelete={(c) => {
        remove.reset();
        setConfirm({ kind: 'one', conversation: c });
      }}
      onDeleteAll={() => {
        remove.reset();
        setConfirm({ kind: 'all' });
      }}
    />
  );

  const title = activeId
    ? (conversation.data?.title ?? conversations.data?.items.find((c) => c.id === activeId)?.title)
    : null;
  const conversationChildName = me.children.find((c) => c.id === conversationChild)?.name ?? null;
  const singleChild = me.children.length === 1 ? me.children[0]! : null;

  let body: React.ReactNode;
  if (activeId && conversation.isPending) {
    body = <MessagesSkeleton />;
  } else if (activeId && conversation.error) {
    body = (
      <Callout
        type="error"
        title={
          isApiError(conversation.error) && conversation.error.status === 404
            ? '这条对话不存在或已被删除'
            : '对话加载失败'
        }
      >
        {errorMessage(conversation.error)}
        <div style={{ marginTop: 8 }}>
          <Btn size="small" onClick={startNew}>
            开始新对话
          </Btn>
        </div>
      </Callout>
    );
  } else if (messages.length === 0 && !showLive) {
    body = <EmptyChat onAsk={(q) => void send(q)} disabled={busy} />;
  } else {
    body = (
      <ol className="gy-messages" aria-label="对话内容">
        {messages.map((m) => {
          if (m.role === 'user') {
            return (
              <li key={m.id}>
                <UserBubble text={m.content} />
              </li>
            );
          }
          const fresh = activeId ? freshAnswers.get(answerKey(activeId, m.content)) : undefined;
          const data = fresh ? fromResponse(fresh, fresh.answer) : fromMessage(m, conversationChildName);
          return (
            <li key={m.id}>
              <AnswerView data={data} handlers={handlers} />
            </li>
          );
        })}
        {showLive && live ? (
          <>
            <li>
              <UserBubble text={live.question} />
            </li>
            <li>
              {live.meta ? (
                <>
                  {live.restarts > 0 ? (
                    <p className="gy-muted gy-small" role="status">
                      模型回答中断了，下面改为依据知识库整理的回答。
                    </p>
                  ) : null}
                  <AnswerView
                    data={fromResponse(live.meta, live.text)}
                    streaming={live.phase === 'streaming'}
                    live
                    handlers={handlers}
                  />
                </>
              ) : live.phase === 'waiting' ? (
                <Typing />
              ) : null}
              {live.phase === 'error' ? (
                <Callout type="error" title="回答没有完成" style={{ marginTop: 8 }}>
                  {live.error}
                  <div style={{ marginTop: 8 }}>
                    <Btn size="small" variant="primary" onClick={() => void send(live.question)}>
                      重新提问
                    </Btn>
                  </div>
                </Callout>
              ) : null}
            </li>
          </>
        ) : null}
      </ol>
    );
  }

  return (
    <>
      <PageHeader
        title="京小帮"
        description={
          isMobile ? undefined : '家庭教育问答助手，7×24 小时在线；每条回答都注明知识库出处，紧急情况转给真人咨询师。'
        }
        extra={
          isMobile ? (
            <>
              <Btn icon={<HistoryOutlined />} onClick={() => setListOpen(true)} aria-haspopup="dialog">
                历史对话
              </Btn>
              <Btn icon={<PlusOutlined />} onClick={startNew}>
                新对话
              </Btn>
            </>
          ) : null
        }
      />
      <div className="gy-assistant">
        {isMobile ? null : (
          <aside className="gy-assistant-side" aria-label="历史对话">
            {list}
          </aside>
        )}
        <section className="gy-chat" aria-label={title ? `对话：${title}` : '新对话'}>
          <div className="gy-chat-scroll" ref={scrollRef}>
            {body}
          </div>
          <div className="gy-chat-bottom">
            {sendError ? <Callout type="error" title={sendError} style={{ marginBottom: 8 }} /> : null}
            {me.children.length > 1 ? (
              <fieldset className="gy-child-picker">
                <legend>这个问题是关于：</legend>
                <div className="gy-child-options">
                  {[
                    ...me.children.map((c) => ({ id: c.id, label: `${c.name}（${gradeName(c.gradeNumber)}）` })),
                    { id: '', label: '不指定孩子' },
                  ].map((option) => (
                    <label key={option.id || 'none'} className="gy-child-option">
                      <input
                        type="radio"
                        name="assistant-child"
                        value={option.id}
                        checked={childId === option.id}
                        onChange={() => setChildId(option.id)}
                      />
                      <span>{option.label}</span>
                    </label>
                  ))}
                </div>
              </fieldset>
            ) : singleChild && messages.length === 0 && !showLive ? (
              <p className="gy-muted gy-small" style={{ margin: '0 0 6px' }}>
                京小帮会按{singleChild.name}（{gradeName(singleChild.gradeNumber)}）的年龄特点回答。
              </p>
            ) : null}
            <Composer
              value={draft}
              onChange={setDraft}
              onSend={() => void send(draft)}
              busy={busy}
              enterSends={!isMobile}
              inputRef={inputRef}
            />
          </div>
        </section>
      </div>

      {isMobile ? (
        <Dialog placement="start" open={listOpen} onClose={() => setListOpen(false)} title="京小帮 · 历史对话">
          {list}
        </Dialog>
      ) : null}

      <Dialog
        open={confirm !== null}
        onClose={() => setConfirm(null)}
        title={confirm?.kind === 'all' ? '删除全部对话？' : '删除这条对话？'}
        footer={
          <>
            <Btn onClick={() => setConfirm(null)}>取消</Btn>
            <Btn variant="dangerPrimary" loading={remove.isPending} onClick={() => confirm && remove.mutate(confirm)}>
              {confirm?.kind === 'all' ? '全部删除' : '删除'}
            </Btn>
          </>
        }
      >
        <p style={{ marginTop: 0 }}>
          {confirm?.kind === 'all'
            ? `将删除您的全部 ${conversations.data?.items.length ?? ''} 条对话记录，删除后无法恢复。`
            : `将删除“${confirm?.kind === 'one' ? confirm.conversation.title : ''}”的全部问答，删除后无法恢复。`}
        </p>
        {remove.error ? <Callout type="error" title={errorMessage(remove.error)} /> : null}
      </Dialog>

      <ArticleDialog slug={article?.slug ?? null} fallbackTitle={article?.title} onClose={() => setArticle(null)} />
      <CounselorDialog
        open={counselor !== null}
        crisis={counselor?.crisis ?? false}
        onClose={() => setCounselor(null)}
        conversationId={live?.conversationId ?? activeId}
        studentId={childId || null}
        defaultNote={live?.question ?? messages.filter((m) => m.role === 'user').at(-1)?.content}
      />
    </>
  );
}
