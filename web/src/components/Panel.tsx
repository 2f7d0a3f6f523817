import type { CSSProperties, ReactNode } from 'react';
import { useIsMobile } from './useIsMobile.js';

/**
 * A white section with an optional h2 title — the look of an antd Card without its weight
 * (antd Card also bundles Tabs and Skeleton), so the guardian pages stay inside the bundle budget.
 */
export function Panel({
  title,
  extra,
  children,
  bodyStyle,
  style,
  headingLevel = 2,
}: {
  title?: ReactNode;
  extra?: ReactNode;
  children: ReactNode;
  bodyStyle?: CSSProperties;
  style?: CSSProperties;
  headingLevel?: 2 | 3;
}) {
  const isMobile = useIsMobile();
  const pad = isMobile ? 14 : 24;
  const Heading = headingLevel === 2 ? 'h2' : 'h3';
  return (
    <section className="gy-panel" style={style}>
      {title ? (
        <header className="gy-panel-head" style={{ paddingInline: pad }}>
          <Heading className="gy-panel-title">{title}</Heading>
          {extra ? <div>{extra}</div> : null}
        </header>
      ) : null}
      <div style={{ padding: pad, ...bodyStyle }}>{children}</div>
    </section>
  );
}
