import { useEffect, useState } from 'react';
import { Alert, Button, Input, Modal, Popconfirm, Space, Table, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { KeyOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useSearchParams } from 'react-router-dom';
import * as identityApi from '../../../shared/contract/identity.js';
import type { EndpointResponse } from '../../../shared/contract/endpoint.js';
import { call, errorMessage } from '../api/client.js';
import { useSignedInMe, useUsers } from '../api/identity.js';
import { queryKeys } from '../api/keys.js';
import { MobileList } from '../components/MobileList.js';
import { Panel } from '../components/Panel.js';
import { useNotice } from '../components/notice.js';
import { PageHeader } from '../components/PageHeader.js';
import { useIsMobile } from '../components/useIsMobile.js';
import { roleLabel } from '../lib/format.js';

type UserRow = EndpointResponse<typeof identityApi.listUsers>['items'][number];
const PAGE_SIZE = 20;

/** 账户管理: find accounts in the admin's scope and reset a password; the temporary password is shown once. */
export default function UsersPage() {
  const me = useSignedInMe();
  const [params, setParams] = useSearchParams();
  const { notice } = useNotice();
  const queryClient = useQueryClient();
  const isMobile = useIsMobile();
  const q = params.get('q') ?? '';
  const page = Math.max(1, Number(params.get('page')) || 1);
  const [draft, setDraft] = useState(q);
  useEffect(() => setDraft(q), [q]);
  const users = useUsers({ q: q || undefined, page, pageSize: PAGE_SIZE });
  const [issued, setIssued] = useState<{ user: UserRow; temporaryPassword: string } | null>(null);

  const reset = useMutation({
    mutationFn: (user: UserRow) => call(identityApi.resetUserPassword, { params: { userId: user.id } }),
    onSuccess: (result, user) => {
      setIssued({ user, temporaryPassword: result.temporaryPassword });
      void queryClient.invalidateQueries({ queryKey: queryKeys.userLists });
    },
    onError: (error) => void notice.error(errorMessage(error)),
  });

  const setQuery = (next: Record<string, string | undefined>) => {
    const merged = new URLSearchParams(params);
    for (const [key, value] of Object.entries(next)) {
      if (value) merged.set(key, value);
      else merged.delete(key);
    }
    setParams(merged);
  };

  const resetButton = (user: UserRow) =>
    user.id === me.user.id ? (
      <span className="gy-muted" style={{ fontSize: 13 }}>
        请在“我的账户”修改
      </span>
    ) : (
      <Popconfirm
        title={`重置 ${user.displayName} 的密码？`}
        description="将生成一次性临时密码，该用户所有设备会退出，下次登录须修改密码。"
        okText="重置"
        cancelText="取消"
        onConfirm={() => reset.mutateAsync(user).catch(() => undefined)}
      >
        <Button size="small" icon={<KeyOutlined />} loading={reset.isPending && reset.variables?.id === user.id}>
          重置密码
        </Button>
      </Popconfirm>
    );

  const rolesTags = (roles: string[]) => (
    <Space size={4} wrap>
      {roles.map((role, i) => (
        <Tag key={`${role}-${i}`} style={{ marginInlineEnd: 0 }}>
          {roleLabel(role)}
        </Tag>
      ))}
    </Space>
  );
  const statusTag = (locked: boolean) => (locked ? <Tag color="red">已锁定</Tag> : <Tag color="green">正常</Tag>);

  const columns: TableColumnsType<UserRow> = [
    { title: '用户名', dataIndex: 'username' },
    { title: '姓名', dataIndex: 'displayName' },
    { title: '角色', dataIndex: 'roles', render: rolesTags },
    { title: '状态', dataIndex: 'locked', width: 90, render: statusTag },
    { title: '操作', key: 'actions', width: 170, render: (_, user) => resetButton(user) },
  ];

  const items = users.data?.items ?? [];
  const total = users.data?.total ?? 0;

  return (
    <>
      <PageHeader title="账户管理" description="管理范围内的用户账户。忘记密码或账户被锁定时，可以为其重置临时密码。" />
      <Panel bodyStyle={{ padding: isMobile ? 12 : 24 }}>
        <Space orientation="vertical" size={12} style={{ width: '100%' }}>
          <div role="search">
            <Input.Search
              aria-label="用户名、姓名或手机号"
              placeholder="输入用户名、姓名或手机号"
              enterButton="搜索"
              allowClear
              maxLength={50}
              value={draft}
              onChange={(e) => setDraft(e.target.value)}
              onSearch={(value) => setQuery({ q: value.trim() || undefined, page: undefined })}
              style={{ maxWidth: isMobile ? undefined : 440 }}
            />
          </div>
          {users.error ? <Alert type="error" showIcon role="alert" title={errorMessage(users.error)} /> : null}
          {isMobile ? (
            <MobileList
              label="账户列表"
              items={items}
              rowKey={(u) => u.id}
              emptyText={q ? '没有找到符合条件的账户' : '暂无账户'}
              pagination={{ current: page, pageSize: PAGE_SIZE, total, onChange: (p) => setQuery({ page: String(p) }) }}
              renderItem={(user) => (
                <div style={{ display: 'grid', gap: 6 }}>
                  <div style={{ display: 'flex', justifyContent: 'space-between', gap: 8 }}>
                    <span>
                      <span style={{ fontWeight: 500 }}>{user.displayName}</span>
                      <span className="gy-muted" style={{ marginInlineStart: 8 }}>
                        {user.username}
                      </span>
                    </span>
                    {statusTag(user.locked)}
                  </div>
                  {rolesTags(user.roles)}
                  <div>{resetButton(user)}</div>
                </div>
              )}
            />
          ) : (
            <Table<UserRow>
              rowKey="id"
              columns={columns}
              dataSource={items}
              loading={users.isFetching}
              size="middle"
              locale={{ emptyText: q ? '没有找到符合条件的账户' : '暂无账户' }}
              pagination={{
                current: page,
                pageSize: PAGE_SIZE,
                total,
                showSizeChanger: false,
                showTotal: (t) => `共 ${t} 个账户`,
                onChange: (p) => setQuery({ page: String(p) }),
              }}
            />
          )}
        </Space>
      </Panel>

      <Modal
        open={issued !== null}
        title="临时密码已生成"
        onCancel={() => setIssued(null)}
        footer={
          <Button type="primary" onClick={() => setIssued(null)}>
            我已记下
          </Button>
        }
        mask={{ closable: false }}
        destroyOnHidden
      >
        {issued ? (
          <Space orientation="vertical" size={12} style={{ width: '100%' }}>
            <p style={{ margin: 0 }}>
              {issued.user.displayName}（{issued.user.username}）的临时密码：
            </p>
            <Typography.Text
              code
              copyable={{ text: issued.temporaryPassword, tooltips: ['复制临时密码', '已复制'] }}
              style={{ fontSize: 20 }}
            >
              {issued.temporaryPassword}
            </Typography.Text>
            <Alert
              type="warning"
              showIcon
              title="临时密码只显示这一次"
              description="请通过可靠渠道当面或电话告知本人。对方登录后须立即修改密码；关闭此窗口后将无法再次查看。"
            />
          </Space>
        ) : null}
      </Modal>
    </>
  );
}
