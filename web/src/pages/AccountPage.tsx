import { Alert, Button, Descriptions, Form, Input, Popconfirm, Skeleton, Space, Tag } from 'antd';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import * as identityApi from '../../../shared/contract/identity.js';
import { call, errorMessage, formFieldErrors, isApiError } from '../api/client.js';
import { queryKeys } from '../api/keys.js';
import { useSessions, useSignedInMe } from '../api/identity.js';
import { Panel } from '../components/Panel.js';
import { useNotice } from '../components/notice.js';
import { PageHeader } from '../components/PageHeader.js';
import { describeUserAgent, formatDateTime, roleScopeLabel } from '../lib/format.js';

interface PasswordForm {
  currentPassword: string;
  newPassword: string;
  confirmPassword: string;
}

function SessionsCard() {
  const sessions = useSessions();
  const queryClient = useQueryClient();
  const { notice } = useNotice();
  const revoke = useMutation({
    mutationFn: (sessionId: string) => call(identityApi.revokeMySession, { params: { sessionId } }),
    onSuccess: () => {
      void notice.success('已结束该会话，对应设备需要重新登录');
      void queryClient.invalidateQueries({ queryKey: queryKeys.sessions });
    },
    onError: (error) => void notice.error(errorMessage(error)),
  });

  return (
    <Panel title="登录设备" extra={<span className="gy-muted">共 {sessions.data?.items.length ?? '—'} 个</span>}>
      {sessions.isPending ? (
        <Skeleton active paragraph={{ rows: 3 }} title={false} />
      ) : sessions.error ? (
        <Alert type="error" showIcon title={errorMessage(sessions.error)} />
      ) : (
        <ul style={{ listStyle: 'none', margin: 0, padding: 0 }} aria-label="登录会话">
          {sessions.data.items.map((session, index) => (
            <li
              key={session.id}
              style={{
                display: 'flex',
                flexWrap: 'wrap',
                justifyContent: 'space-between',
                alignItems: 'center',
                gap: 8,
                padding: '12px 0',
                borderTop: index ? '1px solid #f0f0f0' : undefined,
              }}
            >
              <div style={{ minWidth: 0 }}>
                <Space size={6} wrap>
                  <span style={{ fontWeight: 500 }}>{describeUserAgent(session.userAgent)}</span>
                  {session.current ? <Tag color="green">当前会话</Tag> : null}
                </Space>
                <div style={{ fontSize: 13, color: 'rgba(0,0,0,0.55)', marginTop: 2 }}>
                  登录于 {formatDateTime(session.createdAt)} · 最近活动 {formatDateTime(session.lastSeenAt)}
                  {session.ip ? ` · IP ${session.ip}` : ''}
                </div>
              </div>
              {session.current ? (
                <span className="gy-muted" style={{ fontSize: 13 }}>
                  本设备
                </span>
              ) : (
                <Popconfirm
                  title="结束这个会话？"
                  description="该设备将退出登录。"
                  okText="结束会话"
                  cancelText="取消"
                  onConfirm={() => revoke.mutateAsync(session.id).catch(() => undefined)}
                >
                  <Button size="small" danger loading={revoke.isPending && revoke.variables === session.id}>
                    结束会话
                  </Button>
                </Popconfirm>
              )}
            </li>
          ))}
        </ul>
      )}
    </Panel>
  );
}

function ChangePasswordCard() {
  const [form] = Form.useForm<PasswordForm>();
  const { notice } = useNotice();
  const queryClient = useQueryClient();
  const change = useMutation({
    mutationFn: ({ currentPassword, newPassword }: PasswordForm) =>
      call(identityApi.changeMyPassword, { body: { currentPassword, newPassword } }),
    // A wrong current password must stay on this form, not sign the user out.
    meta: { signedOutOn401: false },
    onSuccess: () => {
      form.resetFields();
      void notice.success('密码已修改，其他设备上的登录已退出');
      void queryClient.invalidateQueries({ queryKey: queryKeys.me });
      void queryClient.invalidateQueries({ queryKey: queryKeys.sessions });
    },
    onError: (error) => {
      const fields = formFieldErrors(error).filter((f) => f.name === 'currentPassword' || f.name === 'newPassword');
      if (fields.length) form.setFields(fields.map((f) => ({ name: f.name as keyof PasswordForm, errors: f.errors })));
    },
  });
  const showAlert = change.error && !(isApiError(change.error) && change.error.errors.length > 0);

  return (
    <Panel title="修改密码">
      <Form<PasswordForm>
        form={form}
        layout="vertical"
        onFinish={(values) => change.mutate(values)}
        onValuesChange={() => change.error && change.reset()}
        style={{ maxWidth: 420 }}
      >
        <Form.Item label="当前密码" name="currentPassword" rules={[{ required: true, message: '请输入当前密码' }]}>
          <Input.Password autoComplete="current-password" />
        </Form.Item>
        <Form.Item
          label="新密码"
          name="newPassword"
          extra="至少 10 位，需同时包含字母和数字。"
          rules={[
            { required: true, message: '请输入新密码' },
            { min: 10, message: '新密码至少 10 位' },
            { max: 128, message: '新密码不能超过 128 位' },
            {
              validator: (_, value: string | undefined) =>
                !value || (/[A-Za-z]/.test(value) && /[0-9]/.test(value))
                  ? Promise.resolve()
                  : Promise.reject(new Error('新密码需同时包含字母和数字')),
            },
          ]}
        >
          <Input.Password autoComplete="new-password" />
        </Form.Item>
        <Form.Item
          label="确认新密码"
          name="confirmPassword"
          dependencies={['newPassword']}
          rules={[
            { required: true, message: '请再次输入新密码' },
            ({ getFieldValue }) => ({
              validator: (_, value: string | undefined) =>
                !value || value === getFieldValue('newPassword')
                  ? Promise.resolve()
                  : Promise.reject(new Error('两次输入的新密码不一致')),
            }),
          ]}
        >
          <Input.Password autoComplete="new-password" />
        </Form.Item>
        {showAlert ? (
          <Alert type="error" showIcon role="alert" title={errorMessage(change.error)} style={{ marginBottom: 16 }} />
        ) : null}
        <Button type="primary" htmlType="submit" loading={change.isPending}>
          修改密码
        </Button>
      </Form>
    </Panel>
  );
}

/** 我的账户: who I am, where I am signed in (with 结束会话), and changing my password. */
export default function AccountPage() {
  const me = useSignedInMe();
  return (
    <>
      <PageHeader title="我的账户" />
      <div className="gy-stack">
        {me.user.mustChangePassword ? (
          <Alert type="warning" showIcon title="您正在使用临时密码" description="为了账户安全，请先设置一个新密码。" />
        ) : null}
        <Panel title="基本信息">
          <Descriptions column={{ xs: 1, sm: 2 }} size="small">
            <Descriptions.Item label="姓名">{me.user.displayName}</Descriptions.Item>
            <Descriptions.Item label="用户名">{me.user.username}</Descriptions.Item>
            <Descriptions.Item label="手机号">{me.user.mobile ?? '未登记'}</Descriptions.Item>
            <Descriptions.Item label="角色">
              <Space size={4} wrap>
                {me.roles.length === 0
                  ? '—'
                  : me.roles.map((role, i) => (
                      <Tag key={i} color="green" style={{ marginInlineEnd: 0 }}>
                        {roleScopeLabel(role)}
                      </Tag>
                    ))}
              </Space>
            </Descriptions.Item>
          </Descriptions>
        </Panel>
        <ChangePasswordCard />
        <SessionsCard />
      </div>
    </>
  );
}
