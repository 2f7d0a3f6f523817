/**
 * A few light components for the pages everyone opens first (登录, the shell, 我的孩子, 学生详情).
 *
 * Why not antd there: antd's ConfigProvider alone brings its CSS-in-JS engine, theme algorithm and
 * popup infrastructure (~45 KB gzip) before the first button, which breaks the 200 KB first-visit
 * budget together with React, the router and the zod contract. These components reuse antd's look
 * (same colours, radius, sizes — see global.css) so the admin pages, which do use antd, feel the same.
 */
import type { ButtonHTMLAttributes, ReactNode } from 'react';
import {
  CheckCircleFilled,
  CloseCircleFilled,
  ExclamationCircleFilled,
  InfoCircleFilled,
  InboxOutlined,
} from '@ant-design/icons';
import { Link, type LinkProps } from 'react-router-dom';

type Variant = 'primary' | 'default' | 'danger' | 'dangerPrimary' | 'text' | 'link';

function buttonClass(variant: Variant, size: 'small' | 'middle' | 'large', block?: boolean, extra?: string) {
  return [
    'gy-btn',
    `gy-btn-${variant}`,
    size !== 'middle' ? `gy-btn-${size}` : '',
    block ? 'gy-btn-block' : '',
    extra ?? '',
  ]
    .filter(Boolean)
    .join(' ');
}

export function Spinner({ size = 16, label }: { size?: number; label?: string }) {
  return (
    <span
      className="gy-spinner"
      style={{ width: size, height: size }}
      role={label ? 'status' : undefined}
      aria-label={label}
      aria-hidden={label ? undefined : true}
    />
  );
}

export interface BtnProps extends ButtonHTMLAttributes<HTMLButtonElement> {
  variant?: Variant;
  size?: 'small' | 'middle' | 'large';
  block?: boolean;
  loading?: boolean;
  icon?: ReactNode;
}

/** A button in antd's look; `loading` disables it and shows a spinner. */
export function Btn({
  variant = 'default',
  size = 'middle',
  block,
  loading,
  icon,
  children,
  className,
  disabled,
  type = 'button',
  ...rest
}: BtnProps) {
  return (
    <button
      type={type}
      className={buttonClass(variant, size, block, className)}
      disabled={disabled || loading}
      aria-busy={loading || undefined}
      {...rest}
    >
      {loading ? (
        <Spinner size={14} />
      ) : icon ? (
        <span aria-hidden className="gy-btn-icon">
          {icon}
        </span>
      ) : null}
      {children}
    </button>
  );
}

/** A router link that looks like a button. */
export function BtnLink({
  variant = 'default',
  size = 'middle',
  block,
  icon,
  children,
  className,
  ...rest
}: LinkProps & { variant?: Variant; size?: 'small' | 'middle' | 'large'; block?: boolean; icon?: ReactNode }) {
  return (
    <Link className={buttonClass(variant, size, block, className)} {...rest}>
      {icon ? (
        <span aria-hidden className="gy-btn-icon">
          {icon}
        </span>
      ) : null}
      {children}
    </Link>
  );
}

export type TagColor = 'default' | 'green' | 'orange' | 'red' | 'blue';

export function Tag({ color = 'default', children }: { color?: TagColor; children: ReactNode }) {
  return <span className={`gy-tag gy-tag-${color}`}>{children}</span>;
}

const alertIcons = {
  success: <CheckCircleFilled />,
  info: <InfoCircleFilled />,
  warning: <ExclamationCircleFilled />,
  error: <CloseCircleFilled />,
};

/** A message box like antd Alert. Errors are announced (role="alert"); the rest are plain status text. */
export function Callout({
  type,
  title,
  children,
  style,
}: {
  type: 'success' | 'info' | 'warning' | 'error';
  title: ReactNode;
  children?: ReactNode;
  style?: React.CSSProperties;
}) {
  return (
    <div className={`gy-alert gy-alert-${type}`} role={type === 'error' ? 'alert' : undefined} style={style}>
      <span aria-hidden className="gy-alert-icon">
        {alertIcons[type]}
      </span>
      <div style={{ minWidth: 0 }}>
        <div className={children ? 'gy-alert-title gy-alert-title-strong' : 'gy-alert-title'}>{title}</div>
        {children ? <div className="gy-alert-body">{children}</div> : null}
      </div>
    </div>
  );
}

export function EmptyState({ children }: { children: ReactNode }) {
  return (
    <div className="gy-empty">
      <InboxOutlined aria-hidden className="gy-empty-icon" />
      <p>{children}</p>
    </div>
  );
}

/** “正在加载…” inside a section. */
export function Loading({ text = '正在加载…' }: { text?: string }) {
  return (
    <div className="gy-loading" role="status">
      <Spinner size={18} /> <span>{text}</span>
    </div>
  );
}
