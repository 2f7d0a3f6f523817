import { Spinner } from '../ui/kit.js';

/** The fallback while a page's chunk or first data loads. */
export function PageLoading({ fullScreen = false, tip = '正在加载…' }: { fullScreen?: boolean; tip?: string }) {
  return (
    <div
      className="gy-page-loading"
      role="status"
      aria-live="polite"
      style={{
        display: 'flex',
        alignItems: 'center',
        justifyContent: 'center',
        gap: 12,
        minHeight: fullScreen ? '100vh' : 240,
        color: 'rgba(0,0,0,0.55)',
      }}
    >
      <span style={{ color: '#1f7a5c', display: 'inline-flex' }}>
        <Spinner size={20} />
      </span>
      <span>{tip}</span>
    </div>
  );
}
