import { useEffect, useId, useRef, type KeyboardEvent } from 'react';
import { SendOutlined } from '@ant-design/icons';
import { Btn } from '../../ui/kit.js';

export const QUESTION_MAX = 1000;

/**
 * The question box: up to 1000 characters with a counter; on desktop Enter sends and Shift+Enter
 * starts a new line (never while a Chinese input method is still composing).
 */
export function Composer({
  value,
  onChange,
  onSend,
  busy,
  enterSends,
  inputRef,
}: {
  value: string;
  onChange: (value: string) => void;
  onSend: () => void;
  busy: boolean;
  enterSends: boolean;
  inputRef?: React.RefObject<HTMLTextAreaElement | null>;
}) {
  const ownRef = useRef<HTMLTextAreaElement>(null);
  const ref = inputRef ?? ownRef;
  const hintId = useId();
  const countId = useId();
  const length = value.length;
  const tooShort = value.trim().length < 2;

  // Grow with the text up to about six lines.
  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    el.style.height = 'auto';
    el.style.height = `${Math.min(el.scrollHeight, 168)}px`;
  }, [value, ref]);

  const onKeyDown = (event: KeyboardEvent<HTMLTextAreaElement>) => {
    if (!enterSends || event.key !== 'Enter' || event.shiftKey || event.nativeEvent.isComposing) return;
    event.preventDefault();
    if (!busy && !tooShort) onSend();
  };

  return (
    <form
      className="gy-composer"
      aria-label="向京小帮提问"
      onSubmit={(event) => {
        event.preventDefault();
        if (!busy && !tooShort) onSend();
      }}
    >
      <label className="gy-visually-hidden" htmlFor={`${hintId}-input`}>
        您的问题
      </label>
      <div className="gy-composer-box">
        <textarea
          id={`${hintId}-input`}
          ref={ref}
          className="gy-composer-input"
          rows={1}
          maxLength={QUESTION_MAX}
          value={value}
          placeholder={
            enterSends ? '说说孩子的情况和您的问题，例如：孩子三年级，写作业总是拖到很晚…' : '说说孩子的情况和您的问题…'
          }
          aria-describedby={`${hintId} ${countId}`}
          onChange={(event) => onChange(event.target.value)}
          onKeyDown={onKeyDown}
        />
        <Btn
          type="submit"
          variant="primary"
          className="gy-composer-send"
          loading={busy}
          disabled={tooShort}
          aria-label={busy ? '京小帮正在回答' : '发送'}
          icon={<SendOutlined />}
        >
          <span className="gy-composer-send-text">发送</span>
        </Btn>
      </div>
      <div className="gy-composer-foot">
        <span id={hintId} className="gy-muted">
          {enterSends ? 'Enter 发送，Shift + Enter 换行。' : null}
          请勿填写身份证号、住址等敏感信息。
        </span>
        <span id={countId} className={length > QUESTION_MAX - 100 ? 'gy-composer-count gy-warn' : 'gy-composer-count'}>
          <span className="gy-visually-hidden">已输入</span>
          {length}/{QUESTION_MAX}
          <span className="gy-visually-hidden">字</span>
        </span>
      </div>
    </form>
  );
}
