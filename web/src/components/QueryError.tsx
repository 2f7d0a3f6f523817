import { useNavigate } from 'react-router-dom';
import { ApiError, errorMessage } from '../api/client.js';
import { Btn } from '../ui/kit.js';

/** A failed read, shown with the server's own Chinese reason and a way forward. */
export function QueryError({ error, onRetry, title }: { error: unknown; onRetry?: () => void; title?: string }) {
  const navigate = useNavigate();
  const status = error instanceof ApiError ? error.status : 0;
  const defaultTitle =
    status === 403 ? '无权访问' : status === 404 ? '未找到' : status === 0 ? '网络连接失败' : '加载失败';
  const canRetry = onRetry && status !== 403 && status !== 404 && !(status >= 400 && status < 500);
  return (
    <div role="alert" className="gy-panel" style={{ padding: '40px 16px', textAlign: 'center' }}>
      <div aria-hidden style={{ fontSize: 40, lineHeight: 1, color: '#c9d6cf', fontWeight: 700 }}>
        {status || '!'}
      </div>
      <h1 className="gy-page-title" style={{ marginTop: 12 }}>
        {title ?? defaultTitle}
      </h1>
      <p className="gy-muted" style={{ lineHeight: 1.7 }}>
        {errorMessage(error)}
      </p>
      <div style={{ display: 'flex', gap: 8, justifyContent: 'center', flexWrap: 'wrap' }}>
        {canRetry ? (
          <Btn variant="primary" onClick={onRetry}>
            重试
          </Btn>
        ) : null}
        <Btn onClick={() => navigate('/')}>返回首页</Btn>
      </div>
    </div>
  );
}
