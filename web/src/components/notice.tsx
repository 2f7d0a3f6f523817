import { createContext, useCallback, useContext, useMemo, useRef, useState, type ReactNode } from 'react';
import { CheckCircleFilled, CloseCircleFilled, InfoCircleFilled } from '@ant-design/icons';

type Kind = 'success' | 'error' | 'info';
export interface Notice {
  success(text: string): void;
  error(text: string): void;
  info(text: string): void;
}

const NoticeContext = createContext<Notice | null>(null);

const icons: Record<Kind, ReactNode> = {
  success: <CheckCircleFilled style={{ color: '#1f7a5c' }} />,
  error: <CloseCircleFilled style={{ color: '#cf1322' }} />,
  info: <InfoCircleFilled style={{ color: '#1f7a5c' }} />,
};

/**
 * Short confirmations (“已保存”) announced to screen readers through a live region. A few lines
 * instead of antd's message/notification machinery, which would weigh ~9 KB gzip on every page.
 */
export function NoticeProvider({ children }: { children: ReactNode }) {
  const [items, setItems] = useState<{ id: number; kind: Kind; text: string }[]>([]);
  const nextId = useRef(1);
  const push = useCallback((kind: Kind, text: string) => {
    const id = nextId.current++;
    setItems((current) => [...current.slice(-2), { id, kind, text }]);
    setTimeout(() => setItems((current) => current.filter((item) => item.id !== id)), kind === 'error' ? 6000 : 3500);
  }, []);
  const notice = useMemo<Notice>(
    () => ({ success: (t) => push('success', t), error: (t) => push('error', t), info: (t) => push('info', t) }),
    [push],
  );
  return (
    <NoticeContext.Provider value={notice}>
      {children}
      <div className="gy-toasts" role="status" aria-live="polite">
        {items.map((item) => (
          <div key={item.id} className="gy-toast">
            <span aria-hidden>{icons[item.kind]}</span>
            <span>{item.text}</span>
          </div>
        ))}
      </div>
    </NoticeContext.Provider>
  );
}

/** `notice.success('已保存')` from any page inside the shell. */
export function useNotice(): { notice: Notice } {
  const notice = useContext(NoticeContext);
  if (!notice) throw new Error('useNotice needs <NoticeProvider>');
  return { notice };
}
