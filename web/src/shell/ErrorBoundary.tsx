import { Component, type ErrorInfo, type ReactNode } from 'react';
import { Btn } from '../ui/kit.js';
import { useLocation } from 'react-router-dom';

interface Props {
  children: ReactNode;
  /** When this changes (the page address), a caught error is cleared. */
  resetKey?: string;
}
interface State {
  error: Error | null;
}

/** After a deploy an old page may ask for a chunk that no longer exists; a reload fetches the new ones. */
function isChunkLoadError(error: Error): boolean {
  return /dynamically imported module|Importing a module script failed|Failed to fetch|error loading dynamically/i.test(
    error.message,
  );
}

class Boundary extends Component<Props, State> {
  override state: State = { error: null };

  static getDerivedStateFromError(error: Error): State {
    return { error };
  }

  override componentDidCatch(error: Error, info: ErrorInfo) {
    console.error('页面渲染出错', error, info.componentStack);
  }

  override componentDidUpdate(prev: Props) {
    if (this.state.error && prev.resetKey !== this.props.resetKey) this.setState({ error: null });
  }

  override render() {
    const { error } = this.state;
    if (!error) return this.props.children;
    const chunk = isChunkLoadError(error);
    // Plain markup on purpose: this lives in the entry chunk.
    return (
      <div role="alert" style={{ maxWidth: 520, margin: '64px auto', padding: '0 16px', textAlign: 'center' }}>
        <div aria-hidden="true" style={{ fontSize: 40, lineHeight: 1, marginBottom: 16 }}>
          {chunk ? '⚠️' : '😟'}
        </div>
        <h1 className="gy-page-title">{chunk ? '页面资源加载失败' : '页面出错了'}</h1>
        <p className="gy-muted" style={{ lineHeight: 1.7 }}>
          {chunk
            ? '网络不稳定或平台刚刚更新，请刷新页面后重试。'
            : '很抱歉，这个页面遇到了意外问题。您可以刷新页面重试；若问题持续，请联系学校或平台管理员。'}
        </p>
        <div style={{ display: 'flex', gap: 8, justifyContent: 'center', marginTop: 20 }}>
          <Btn variant="primary" onClick={() => window.location.reload()}>
            刷新页面
          </Btn>
          <a className="gy-btn gy-btn-default" href="/">
            返回首页
          </a>
        </div>
      </div>
    );
  }
}

/** Catches render errors of the page below it; navigating elsewhere clears the error. */
export function ErrorBoundary({ children }: { children: ReactNode }) {
  const location = useLocation();
  return <Boundary resetKey={location.pathname}>{children}</Boundary>;
}
