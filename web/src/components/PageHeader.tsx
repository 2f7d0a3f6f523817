import { useEffect, type ReactNode } from 'react';

/** Sets the tab title: “我的孩子 · 共育”. */
export function useDocumentTitle(title: string) {
  useEffect(() => {
    document.title = title ? `${title} · 共育` : '共育 · 家校社协同育人平台';
  }, [title]);
}

/** The page's one h1, an optional description and actions on the right (below on phones). */
export function PageHeader({
  title,
  description,
  extra,
}: {
  title: string;
  description?: ReactNode;
  extra?: ReactNode;
}) {
  useDocumentTitle(title);
  return (
    <div
      style={{
        display: 'flex',
        flexWrap: 'wrap',
        alignItems: 'flex-end',
        justifyContent: 'space-between',
        gap: 12,
        marginBottom: 16,
      }}
    >
      <div style={{ minWidth: 0 }}>
        <h1 className="gy-page-title">{title}</h1>
        {description ? (
          <p className="gy-muted" style={{ margin: '4px 0 0' }}>
            {description}
          </p>
        ) : null}
      </div>
      {extra ? <div style={{ display: 'flex', flexWrap: 'wrap', gap: 8 }}>{extra}</div> : null}
    </div>
  );
}
