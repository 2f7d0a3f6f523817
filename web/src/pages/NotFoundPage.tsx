import { useDocumentTitle } from '../components/PageHeader.js';
import { BtnLink } from '../ui/kit.js';

export default function NotFoundPage() {
  useDocumentTitle('页面不存在');
  return (
    <div className="gy-panel" style={{ padding: '48px 16px', textAlign: 'center' }}>
      <div aria-hidden style={{ fontSize: 56, lineHeight: 1, color: '#c9d6cf', fontWeight: 700 }}>
        404
      </div>
      <h1 className="gy-page-title" style={{ marginTop: 12 }}>
        页面不存在
      </h1>
      <p className="gy-muted">您访问的页面不存在，可能链接有误或页面已移动。</p>
      <BtnLink to="/" variant="primary">
        返回首页
      </BtnLink>
    </div>
  );
}
