import { useRef, useState, type FormEvent, type InputHTMLAttributes, type ReactNode } from 'react';
import {
  CheckOutlined,
  CopyOutlined,
  EyeInvisibleOutlined,
  EyeOutlined,
  LockOutlined,
  UserOutlined,
} from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Navigate, useLocation, useNavigate, useSearchParams } from 'react-router-dom';
import * as identityApi from '../../../shared/contract/identity.js';
import { call, formFieldErrors, isApiError, type ApiError } from '../api/client.js';
import { queryKeys } from '../api/keys.js';
import { useDemoAccounts, useMe } from '../api/identity.js';
import { useDocumentTitle } from '../components/PageHeader.js';
import { useIsMobile } from '../components/useIsMobile.js';
import { homePathFor, safeNextPath } from '../lib/home.js';
import { brand } from '../theme.js';
import { Btn, Callout } from '../ui/kit.js';

interface LoginForm {
  username: string;
  password: string;
}

function CopyButton({ text, label }: { text: string; label: string }) {
  const [copied, setCopied] = useState(false);
  return (
    <Btn
      variant="text"
      size="small"
      aria-label={copied ? '已复制' : label}
      title={copied ? '已复制' : label}
      icon={copied ? <CheckOutlined /> : <CopyOutlined />}
      onClick={() => {
        void navigator.clipboard?.writeText(text).then(() => {
          setCopied(true);
          setTimeout(() => setCopied(false), 2000);
        });
      }}
    />
  );
}

/** A text input in antd's look with a leading icon; `password` adds a show/hide toggle. */
function TextInput({
  icon,
  invalid,
  password,
  ...rest
}: InputHTMLAttributes<HTMLInputElement> & {
  icon: ReactNode;
  invalid: boolean;
  password?: boolean;
  ref?: React.Ref<HTMLInputElement>;
}) {
  const [visible, setVisible] = useState(false);
  return (
    <div className="gy-input-wrap" data-invalid={invalid} data-disabled={rest.disabled ? true : undefined}>
      <span className="gy-input-prefix" aria-hidden>
        {icon}
      </span>
      <input
        className="gy-input"
        type={password && !visible ? 'password' : 'text'}
        aria-invalid={invalid || undefined}
        {...rest}
      />
      {password ? (
        <button
          type="button"
          className="gy-icon-button"
          style={{ width: 30, height: 30 }}
          aria-label={visible ? '隐藏密码' : '显示密码'}
          aria-pressed={visible}
          onClick={() => setVisible((v) => !v)}
        >
          {visible ? <EyeOutlined aria-hidden /> : <EyeInvisibleOutlined aria-hidden />}
        </button>
      ) : null}
    </div>
  );
}

function DemoAccounts({ onPick }: { onPick: (username: string, password: string | null) => void }) {
  const { data } = useDemoAccounts();
  if (!data || data.accounts.length === 0) return null;
  return (
    <section aria-labelledby="demo-title" style={{ marginTop: 20 }}>
      <h2 id="demo-title" style={{ fontSize: 15, fontWeight: 600, margin: '0 0 4px' }}>
        演示账户
      </h2>
      <p className="gy-muted gy-small" style={{ margin: '0 0 8px' }}>
        点击一个账户即可填入用户名和密码。
        {data.password ? (
          <>
            所有演示账户的密码：
            <code style={{ background: '#f3f5f4', padding: '1px 6px', borderRadius: 4, color: 'rgba(0,0,0,0.88)' }}>
              {data.password}
            </code>
            <CopyButton text={data.password} label="复制演示密码" />
          </>
        ) : null}
      </p>
      <ul
        style={{
          listStyle: 'none',
          margin: 0,
          padding: 0,
          display: 'grid',
          gridTemplateColumns: 'repeat(auto-fill, minmax(150px, 1fr))',
          gap: 8,
        }}
      >
        {data.accounts.map((account) => (
          <li key={account.username}>
            <Btn
              block
              onClick={() => onPick(account.username, data.password)}
              aria-label={`使用演示账户 ${account.username}（${account.label}）`}
              className="gy-demo-account"
            >
              <span style={{ display: 'block', fontWeight: 500 }}>{account.username}</span>
              <span className="gy-muted" style={{ display: 'block', fontSize: 12, marginTop: 2 }}>
                {account.label}
              </span>
            </Btn>
          </li>
        ))}
      </ul>
    </section>
  );
}

type FieldErrors = Partial<Record<keyof LoginForm, string>>;

function Field({
  id,
  label,
  error,
  children,
}: {
  id: string;
  label: string;
  error: string | undefined;
  children: ReactNode;
}) {
  return (
    <div className="gy-field">
      <label htmlFor={id} className="gy-field-label">
        {label}
      </label>
      {children}
      {error ? (
        <div id={`${id}-error`} className="gy-field-error">
          {error}
        </div>
      ) : null}
    </div>
  );
}

/**
 * 登录: username or mobile + password; the server's Chinese reason is shown as it is (wrong password, locked…).
 * A plain <form> rather than antd Form: this is the first page every user loads, and antd Form with
 * its validator would add ~18 KB gzip for two required fields.
 */
export default function LoginPage() {
  useDocumentTitle('登录');
  const navigate = useNavigate();
  const location = useLocation();
  const [searchParams] = useSearchParams();
  const queryClient = useQueryClient();
  const isMobile = useIsMobile();
  const me = useMe();
  const [values, setValues] = useState<LoginForm>({ username: '', password: '' });
  const [fieldErrors, setFieldErrors] = useState<FieldErrors>({});
  const passwordRef = useRef<HTMLInputElement>(null);
  const next = safeNextPath(searchParams.get('next'));
  const redirectedReason = (location.state as { reason?: string } | null)?.reason ?? (next ? '请先登录' : null);

  const login = useMutation<identityApi.Me, ApiError, LoginForm>({
    mutationFn: (body) => call(identityApi.login, { body }),
    meta: { signedOutOn401: false },
    onSuccess: (signedIn) => {
      queryClient.clear();
      queryClient.setQueryData(queryKeys.me, signedIn);
      navigate(signedIn.user.mustChangePassword ? '/account' : (next ?? homePathFor(signedIn)), { replace: true });
    },
    onError: (error) => {
      const errors: FieldErrors = {};
      for (const field of formFieldErrors(error)) {
        if (field.name === 'username' || field.name === 'password') errors[field.name] = field.errors.join('；');
      }
      setFieldErrors(errors);
    },
  });

  if (me.data && !login.isPending && !login.isSuccess) return <Navigate to={next ?? homePathFor(me.data)} replace />;

  const change = (name: keyof LoginForm, value: string) => {
    setValues((current) => ({ ...current, [name]: value }));
    if (fieldErrors[name]) setFieldErrors((current) => ({ ...current, [name]: undefined }));
    if (login.error) login.reset();
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const errors: FieldErrors = {};
    if (!values.username.trim()) errors.username = '请输入用户名或手机号';
    if (!values.password) errors.password = '请输入密码';
    setFieldErrors(errors);
    if (errors.username) document.getElementById('login-username')?.focus();
    else if (errors.password) passwordRef.current?.focus();
    else login.mutate({ username: values.username.trim(), password: values.password });
  };

  const errorText =
    login.error && !(isApiError(login.error) && login.error.errors.length > 0)
      ? isApiError(login.error)
        ? login.error.detail
        : '登录失败，请稍后重试'
      : null;

  return (
    <div
      style={{
        minHeight: '100vh',
        background: `linear-gradient(160deg, #e3f1ea 0%, ${brand.surface} 45%, #ffffff 100%)`,
        display: 'flex',
        alignItems: isMobile ? 'flex-start' : 'center',
        justifyContent: 'center',
        padding: isMobile ? '24px 12px' : 32,
      }}
    >
      <main
        id="main"
        style={{
          width: '100%',
          maxWidth: 1040,
          display: 'grid',
          gridTemplateColumns: isMobile ? 'minmax(0, 1fr)' : 'minmax(0, 1fr) 440px',
          gap: isMobile ? 16 : 48,
          alignItems: 'center',
        }}
      >
        <header style={{ padding: isMobile ? '0 4px' : 0 }}>
          <div style={{ display: 'flex', alignItems: 'center', gap: 12, marginBottom: isMobile ? 8 : 20 }}>
            <span
              aria-hidden="true"
              style={{
                display: 'inline-flex',
                width: isMobile ? 40 : 56,
                height: isMobile ? 40 : 56,
                borderRadius: 12,
                background: brand.primary,
                color: '#fff',
                alignItems: 'center',
                justifyContent: 'center',
                fontSize: isMobile ? 22 : 30,
                fontWeight: 600,
              }}
            >
              育
            </span>
            <div>
              <h1
                style={{
                  margin: 0,
                  fontSize: isMobile ? 24 : 34,
                  lineHeight: 1.25,
                  fontWeight: 600,
                  color: brand.primaryDark,
                }}
              >
                共育
              </h1>
              <span className="gy-muted">
                {isMobile ? '家校社协同育人平台' : '北京市学校家庭社会协同育人“教联体”平台'}
              </span>
            </div>
          </div>
          <p style={{ fontSize: isMobile ? 15 : 17, lineHeight: 1.8, margin: 0, color: 'rgba(0,0,0,0.72)' }}>
            以学校为圆心、以区域为主体、以资源为纽带，家庭、学校、社会携手，陪伴每个孩子德智体美劳全面发展。
          </p>
          {isMobile ? null : (
            <ul style={{ margin: '20px 0 0', paddingInlineStart: 20, color: 'rgba(0,0,0,0.6)', lineHeight: 2 }}>
              <li>家长：查看孩子在校信息，管理个人信息授权</li>
              <li>教师：班级名册与家校沟通</li>
              <li>学校与教委：组织架构、学生查询与审计追溯</li>
            </ul>
          )}
        </header>

        <section
          aria-labelledby="login-title"
          style={{
            background: '#fff',
            borderRadius: 12,
            padding: isMobile ? 20 : 32,
            boxShadow: '0 6px 24px rgba(31, 122, 92, 0.10)',
          }}
        >
          <h2 id="login-title" style={{ fontSize: 20, fontWeight: 600, margin: '0 0 16px' }}>
            登录
          </h2>
          {redirectedReason && !login.error ? (
            <Callout type="info" title={redirectedReason} style={{ marginBottom: 16 }} />
          ) : null}
          <form onSubmit={submit} noValidate aria-describedby={errorText ? 'login-error' : undefined}>
            <Field id="login-username" label="用户名或手机号" error={fieldErrors.username}>
              <TextInput
                id="login-username"
                name="username"
                icon={<UserOutlined />}
                autoComplete="username"
                autoCapitalize="none"
                spellCheck={false}
                value={values.username}
                onChange={(e) => change('username', e.target.value)}
                invalid={Boolean(fieldErrors.username)}
                aria-describedby={fieldErrors.username ? 'login-username-error' : undefined}
                aria-required
                disabled={login.isPending}
              />
            </Field>
            <Field id="login-password" label="密码" error={fieldErrors.password}>
              <TextInput
                id="login-password"
                ref={passwordRef}
                password
                name="password"
                icon={<LockOutlined />}
                autoComplete="current-password"
                value={values.password}
                onChange={(e) => change('password', e.target.value)}
                invalid={Boolean(fieldErrors.password)}
                aria-describedby={fieldErrors.password ? 'login-password-error' : undefined}
                aria-required
                disabled={login.isPending}
              />
            </Field>
            {errorText ? (
              <div id="login-error" style={{ marginBottom: 16 }}>
                <Callout type="error" title={errorText} />
              </div>
            ) : null}
            <Btn variant="primary" type="submit" size="large" block loading={login.isPending}>
              登录
            </Btn>
          </form>
          <DemoAccounts
            onPick={(username, password) => {
              setValues((current) => ({ username, password: password ?? current.password }));
              setFieldErrors({});
              login.reset();
              passwordRef.current?.focus();
            }}
          />
        </section>
      </main>
    </div>
  );
}
