import { Link, Navigate } from 'react-router-dom';
import { useSignedInMe } from '../api/identity.js';
import { Panel } from '../components/Panel.js';
import { PageHeader } from '../components/PageHeader.js';
import { homePathFor } from '../lib/home.js';
import { navItemsFor } from '../shell/nav.js';

/** `/`: straight to the user's own first page; roles without one yet get a short welcome. */
export default function HomePage() {
  const me = useSignedInMe();
  const home = homePathFor(me);
  if (home !== '/') return <Navigate to={home} replace />;
  return (
    <>
      <PageHeader title={`您好，${me.user.displayName}`} description="欢迎使用共育平台。" />
      <Panel>
        <p style={{ marginTop: 0 }}>您的角色相关功能正在陆续上线。目前您可以：</p>
        <ul style={{ margin: 0, paddingInlineStart: 20, lineHeight: 2 }}>
          {navItemsFor(me).map((item) => (
            <li key={item.path}>
              <Link to={item.path}>{item.label}</Link>
            </li>
          ))}
        </ul>
      </Panel>
    </>
  );
}
