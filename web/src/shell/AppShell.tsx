import { Suspense, useEffect, useRef, useState } from 'react';
import { DownOutlined, LogoutOutlined, MenuOutlined, UserOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Link, Navigate, NavLink, Outlet, useLocation, useNavigate } from 'react-router-dom';
import * as identityApi from '../../../shared/contract/identity.js';
import type { Me } from '../../../shared/contract/identity.js';
import { call, errorMessage } from '../api/client.js';
import { useMe } from '../api/identity.js';
import { Dialog } from '../components/Dialog.js';
import { NoticeProvider } from '../components/notice.js';
import { useIsMobile } from '../components/useIsMobile.js';
import { roleScopeLabel } from '../lib/format.js';
import { ErrorBoundary } from './ErrorBoundary.js';
import { navItemsFor, selectedNavPath, type NavItem } from './nav.js';
import { PageLoading } from './PageLoading.js';
import { Btn, Callout, Tag } from '../ui/kit.js';

function Brand({ compact }: { compact: boolean }) {
  return (
    <Link to="/" aria-label="共育首页" className="gy-brand">
      <span aria-hidden="true" className="gy-brand-mark">
        育
      </span>
      <span className="gy-brand-name">共育</span>
      {compact ? null : <span className="gy-brand-sub">家校社协同育人平台</span>}
    </Link>
  );
}

function RoleTags({ me }: { me: Me }) {
  return (
    <>
      {me.roles.map((role, index) => (
        <Tag key={index} color="green">
          {roleScopeLabel(role)}
        </Tag>
      ))}
    </>
  );
}

function NavList({
  items,
  selected,
  onNavigate,
}: {
  items: NavItem[];
  selected: string | undefined;
  onNavigate?: () => void;
}) {
  return (
    <nav aria-label="主导航">
      <ul className="gy-nav">
        {items.map((item) => (
          <li key={item.path}>
            <NavLink
              to={item.path}
              className={item.path === selected ? 'gy-nav-item gy-nav-item-active' : 'gy-nav-item'}
              aria-current={item.path === selected ? 'page' : undefined}
              onClick={onNavigate}
            >
              <span aria-hidden className="gy-nav-icon">
                {item.icon}
              </span>
              {item.label}
            </NavLink>
          </li>
        ))}
      </ul>
    </nav>
  );
}

/** 用户菜单 as a disclosure: a button that shows 我的账户 and 退出登录; Esc or a click outside closes it. */
function UserMenu({ me, onLogout, loggingOut }: { me: Me; onLogout: () => void; loggingOut: boolean }) {
  const [open, setOpen] = useState(false);
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!open) return;
    const onPointer = (event: PointerEvent) => {
      if (!ref.current?.contains(event.target as Node)) setOpen(false);
    };
    const onKey = (event: KeyboardEvent) => event.key === 'Escape' && setOpen(false);
    document.addEventListener('pointerdown', onPointer);
    document.addEventListener('keydown', onKey);
    return () => {
      document.removeEventListener('pointerdown', onPointer);
      document.removeEventListener('keydown', onKey);
    };
  }, [open]);

  return (
    <div ref={ref} style={{ position: 'relative' }}>
      <Btn
        variant="text"
        aria-expanded={open}
        aria-controls="gy-user-menu"
        onClick={() => setOpen((v) => !v)}
        style={{ paddingInline: 8 }}
      >
        <span aria-hidden className="gy-avatar">
          <UserOutlined />
        </span>
        <span style={{ maxWidth: 140, overflow: 'hidden', textOverflow: 'ellipsis' }}>{me.user.displayName}</span>
        <DownOutlined aria-hidden style={{ fontSize: 10 }} />
        <span className="gy-visually-hidden">的用户菜单</span>
      </Btn>
      {open ? (
        <div id="gy-user-menu" className="gy-popover">
          <div style={{ padding: '8px 12px 10px', borderBottom: '1px solid #f0f0f0' }}>
            <div style={{ fontWeight: 500 }}>{me.user.displayName}</div>
            <div className="gy-muted gy-small">{me.user.username}</div>
          </div>
          <ul className="gy-nav" style={{ padding: 4 }}>
            <li>
              <Link to="/account" className="gy-nav-item" onClick={() => setOpen(false)}>
                <UserOutlined aria-hidden className="gy-nav-icon" />
                我的账户
              </Link>
            </li>
            <li>
              <button type="button" className="gy-nav-item gy-nav-danger" onClick={onLogout} disabled={loggingOut}>
                <LogoutOutlined aria-hidden className="gy-nav-icon" />
                退出登录
              </button>
            </li>
          </ul>
        </div>
      ) : null}
    </div>
  );
}

/**
 * The signed-in frame: header with the user menu, role-aware navigation (a side column on desktop,
 * a sheet on phones) and the page. Sends anyone without a session to 登录.
 */
export default function AppShell() {
  const { data: me, isPending, error, refetch } = useMe();
  const location = useLocation();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const isMobile = useIsMobile();
  const [drawerOpen, setDrawerOpen] = useState(false);

  // A new page starts at its top (the router keeps the old scroll position otherwise).
  useEffect(() => {
    window.scrollTo(0, 0);
  }, [location.pathname]);

  const logout = useMutation({
    mutationFn: () => call(identityApi.logout),
    meta: { signedOutOn401: false },
    onSettled: () => {
      queryClient.clear();
      navigate('/login', { replace: true });
    },
  });

  if (isPending) return <PageLoading fullScreen />;
  if (error) {
    return (
      <main role="alert" style={{ maxWidth: 520, margin: '64px auto', padding: '0 16px', textAlign: 'center' }}>
        <h1 className="gy-page-title">暂时无法连接共育平台</h1>
        <p className="gy-muted">{errorMessage(error)}</p>
        <Btn variant="primary" onClick={() => void refetch()}>
          重试
        </Btn>
      </main>
    );
  }
  if (!me) {
    const next = location.pathname + location.search;
    const search = next === '/' ? '' : `?next=${encodeURIComponent(next)}`;
    return <Navigate to={`/login${search}`} replace state={{ reason: '请先登录' }} />;
  }

  const items = navItemsFor(me);
  const selected = selectedNavPath(location.pathname, items);

  return (
    <NoticeProvider>
      <div className="gy-app">
        <a className="gy-skip-link" href="#main">
          跳到主要内容
        </a>
        <header className="gy-header">
          {isMobile ? (
            <button
              type="button"
              className="gy-icon-button"
              aria-label="打开导航菜单"
              aria-expanded={drawerOpen}
              onClick={() => setDrawerOpen(true)}
            >
              <MenuOutlined aria-hidden />
            </button>
          ) : null}
          <Brand compact={isMobile} />
          <div style={{ flex: 1 }} />
          {isMobile ? (
            <Link to="/account" className="gy-icon-button" aria-label={`我的账户（${me.user.displayName}）`}>
              <span aria-hidden className="gy-avatar">
                <UserOutlined />
              </span>
            </Link>
          ) : (
            <>
              <div className="gy-header-roles">
                <RoleTags me={me} />
              </div>
              <UserMenu me={me} onLogout={() => logout.mutate()} loggingOut={logout.isPending} />
            </>
          )}
        </header>
        <div className="gy-body">
          {isMobile ? null : (
            <aside className="gy-sider">
              <NavList items={items} selected={selected} />
            </aside>
          )}
          <main id="main" tabIndex={-1} className="gy-main">
            <div style={{ maxWidth: 1200, margin: '0 auto' }}>
              {me.user.mustChangePassword && location.pathname !== '/account' ? (
                <Callout type="warning" style={{ marginBottom: 16 }} title="您正在使用临时密码">
                  为了账户安全，请先<Link to="/account">修改密码</Link>。
                </Callout>
              ) : null}
              <ErrorBoundary>
                <Suspense fallback={<PageLoading />}>
                  <Outlet />
                </Suspense>
              </ErrorBoundary>
            </div>
          </main>
        </div>
        <footer className="gy-footer">共育 · 北京市学校家庭社会协同育人“教联体”平台</footer>
        {isMobile ? (
          <Dialog
            placement="start"
            open={drawerOpen}
            onClose={() => setDrawerOpen(false)}
            title={
              <span style={{ display: 'block' }}>
                <span style={{ display: 'block' }}>{me.user.displayName}</span>
                <span style={{ display: 'flex', flexWrap: 'wrap', gap: 4, marginTop: 6, fontWeight: 400 }}>
                  <RoleTags me={me} />
                </span>
              </span>
            }
            footer={
              <Btn
                block
                variant="danger"
                icon={<LogoutOutlined />}
                loading={logout.isPending}
                onClick={() => logout.mutate()}
              >
                退出登录
              </Btn>
            }
          >
            <NavList items={items} selected={selected} onNavigate={() => setDrawerOpen(false)} />
          </Dialog>
        ) : null}
      </div>
    </NoticeProvider>
  );
}
