import { useState } from 'react';
import {
  Alert,
  Button,
  Col,
  ColorPicker,
  Form,
  Input,
  InputNumber,
  Modal,
  Row,
  Select,
  Skeleton,
  Space,
  Switch,
  Table,
  Tag,
} from 'antd';
import type { ColorPickerProps, TableColumnsType } from 'antd';
import { EditOutlined, PlusOutlined } from '@ant-design/icons';
import {
  TAXONOMY_FACETS,
  taxonomyFacetLabels,
  type TaxonomyFacet,
  type Term,
} from '../../../shared/contract/resources.js';
import { errorMessage } from '../api/client.js';
import { useCreateTerm, useTerms, useUpdateTerm } from '../api/venue.js';
import { MobileList } from '../components/MobileList.js';
import { useNotice } from '../components/notice.js';
import { PageHeader } from '../components/PageHeader.js';
import { Panel } from '../components/Panel.js';
import { QueryError } from '../components/QueryError.js';
import { useIsMobile } from '../components/useIsMobile.js';
import { antdFieldErrors, noMarkup } from '../features/venue/venueFormat.js';
import '../features/venue/venue.css';

type PickedColor = Parameters<NonNullable<ColorPickerProps['onChange']>>[0];

interface TermFormValues {
  facet?: TaxonomyFacet;
  code?: string;
  label: string;
  color: string | null;
  ageMin: number | null;
  ageMax: number | null;
  sortOrder: number | null;
  active: boolean;
}

const TERM_FIELDS = ['facet', 'code', 'label', 'color', 'ageMin', 'ageMax', 'sortOrder', 'active'];
const facetOptions = TAXONOMY_FACETS.map((f) => ({ value: f, label: taxonomyFacetLabels[f] }));

function ageText(term: Term): string {
  if (term.ageMin === null && term.ageMax === null) return '—';
  return `${term.ageMin ?? '?'}–${term.ageMax ?? '?'} 岁`;
}

function Swatch({ color }: { color: string | null }) {
  if (!color) return <span className="gy-muted">—</span>;
  return (
    <span style={{ display: 'inline-flex', alignItems: 'center', gap: 6, whiteSpace: 'nowrap' }}>
      <span className="gy-swatch" style={{ background: color }} aria-hidden />
      <code className="gy-small">{color}</code>
    </span>
  );
}

type EditorTarget = { mode: 'create'; facet?: TaxonomyFacet } | { mode: 'edit'; term: Term };

/** New term or edit of one; a fresh instance (and form) for every opening. */
function TermModal({ target, onClose }: { target: EditorTarget | null; onClose: () => void }) {
  const [form] = Form.useForm<TermFormValues>();
  const create = useCreateTerm();
  const update = useUpdateTerm();
  const { notice } = useNotice();
  const editing = target?.mode === 'edit' ? target.term : null;
  const save = editing ? update : create;
  const facet = Form.useWatch('facet', form) ?? editing?.facet;
  const code = Form.useWatch('code', form);

  const initialValues: TermFormValues = editing
    ? {
        label: editing.label,
        color: editing.color,
        ageMin: editing.ageMin,
        ageMax: editing.ageMax,
        sortOrder: editing.sortOrder,
        active: editing.active,
      }
    : {
        facet: target?.mode === 'create' ? target.facet : undefined,
        code: '',
        label: '',
        color: null,
        ageMin: null,
        ageMax: null,
        sortOrder: null,
        active: true,
      };

  const onError = (error: unknown) => {
    const fields = antdFieldErrors(error, TERM_FIELDS);
    if (fields.length) form.setFields(fields as Parameters<typeof form.setFields>[0]);
  };

  const submit = (v: TermFormValues) => {
    const common = {
      label: v.label.trim(),
      color: v.color,
      ageMin: v.ageMin,
      ageMax: v.ageMax,
      ...(v.sortOrder !== null ? { sortOrder: v.sortOrder } : {}),
      active: v.active,
    };
    if (editing) {
      update.mutate(
        { termId: editing.id, body: common },
        {
          onSuccess: (term) => {
            notice.success(`已保存标签“${term.label}”`);
            onClose();
          },
          onError,
        },
      );
    } else {
      create.mutate(
        { ...common, facet: v.facet!, code: (v.code ?? '').trim() },
        {
          onSuccess: (term) => {
            notice.success(`已新增标签“${term.label}”`);
            onClose();
          },
          onError,
        },
      );
    }
  };

  return (
    <Modal
      open={target !== null}
      title={editing ? `编辑标签：${editing.label}` : '新增标签'}
      okText={editing ? '保存' : '新增'}
      cancelText="取消"
      confirmLoading={save.isPending}
      onOk={() => form.submit()}
      onCancel={onClose}
      destroyOnHidden
    >
      <Form<TermFormValues> form={form} layout="vertical" initialValues={initialValues} onFinish={submit} requiredMark>
        {editing ? (
          <p className="gy-muted" style={{ marginTop: 0 }}>
            {taxonomyFacetLabels[editing.facet]} · 编号 <code>{editing.id}</code>
            （编号不可修改，已有链接和筛选不受影响）
          </p>
        ) : (
          <Row gutter={16}>
            <Col xs={24} sm={12}>
              <Form.Item label="维度" name="facet" rules={[{ required: true, message: '请选择维度' }]}>
                <Select options={facetOptions} placeholder="选择维度" />
              </Form.Item>
            </Col>
            <Col xs={24} sm={12}>
              <Form.Item
                label="代码"
                name="code"
                extra={
                  facet
                    ? `编号将是 ${facet}:${code?.trim() || '代码'}，之后不可修改`
                    : '字母、数字、- 或 _，之后不可修改'
                }
                rules={[
                  { required: true, message: '请填写代码' },
                  { pattern: /^[A-Za-z0-9_-]{1,30}$/, message: '代码只能包含字母、数字、- 和 _（最多 30 位）' },
                ]}
              >
                <Input maxLength={30} placeholder="例如 astronomy" autoComplete="off" spellCheck={false} />
              </Form.Item>
            </Col>
          </Row>
        )}
        <Form.Item
          label="名称"
          name="label"
          rules={[{ required: true, whitespace: true, message: '请填写名称' }, { max: 30 }, noMarkup]}
        >
          <Input maxLength={30} showCount />
        </Form.Item>
        <Row gutter={16}>
          <Col xs={24} sm={12}>
            <Form.Item
              label="颜色"
              name="color"
              extra="地图上的标记颜色（育人领域使用）"
              getValueFromEvent={(c: PickedColor | undefined) => (!c || c.cleared ? null : c.toHexString())}
            >
              <ColorPicker allowClear disabledAlpha format="hex" showText aria-label="颜色" />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12}>
            <Form.Item label="排序" name="sortOrder" extra="数字小的排在前面">
              <InputNumber min={0} max={999} precision={0} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col xs={12}>
            <Form.Item label="最小年龄" name="ageMin">
              <InputNumber min={0} max={18} precision={0} suffix="岁" style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col xs={12}>
            <Form.Item
              label="最大年龄"
              name="ageMax"
              dependencies={['ageMin']}
              rules={[
                ({ getFieldValue }) => ({
                  validator: async (_, v?: number | null) => {
                    const min = getFieldValue('ageMin') as number | null | undefined;
                    if (v !== null && v !== undefined && min !== null && min !== undefined && v < min)
                      throw new Error('不能小于最小年龄');
                  },
                }),
              ]}
            >
              <InputNumber min={0} max={18} precision={0} suffix="岁" style={{ width: '100%' }} />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item
          label="启用"
          name="active"
          valuePropName="checked"
          extra="停用后家长筛选时不再显示该标签，已有资源上的标签保留。"
        >
          <Switch />
        </Form.Item>
        {save.error ? <Alert type="error" showIcon role="alert" title={errorMessage(save.error)} /> : null}
      </Form>
    </Modal>
  );
}

function ActiveSwitch({ term, canEdit }: { term: Term; canEdit: boolean }) {
  const update = useUpdateTerm();
  const { notice } = useNotice();
  return (
    <Switch
      checked={term.active}
      disabled={!canEdit}
      loading={update.isPending}
      aria-label={`启用 ${term.label}`}
      onChange={(active) =>
        update.mutate(
          { termId: term.id, body: { active } },
          {
            onSuccess: (t) => notice.success(t.active ? `已启用“${t.label}”` : `已停用“${t.label}”`),
            onError: (error) => notice.error(errorMessage(error)),
          },
        )
      }
    />
  );
}

/** 资源标签: the taxonomy families filter the map by (育人领域, 场所类型, …), edited by city and district admins. */
export default function TaxonomyPage() {
  const isMobile = useIsMobile();
  const terms = useTerms(true);
  const canEdit = terms.data?.allowed.edit ?? false;
  const [editor, setEditorTarget] = useState<EditorTarget | null>(null);
  const [editorSeq, setEditorSeq] = useState(0);
  const openEditor = (target: EditorTarget) => {
    setEditorSeq((n) => n + 1);
    setEditorTarget(target);
  };

  const byFacet = TAXONOMY_FACETS.map((facet) => ({
    facet,
    items: (terms.data?.items ?? [])
      .filter((t) => t.facet === facet)
      .sort((a, b) => a.sortOrder - b.sortOrder || a.id.localeCompare(b.id)),
  }));

  const columns: TableColumnsType<Term> = [
    {
      title: '名称',
      dataIndex: 'label',
      render: (label: string, t) => (
        <Space size={6}>
          <span style={{ fontWeight: 500 }}>{label}</span>
          {t.active ? null : <Tag>已停用</Tag>}
        </Space>
      ),
    },
    { title: '编号', dataIndex: 'id', width: 200, render: (id: string) => <code className="gy-small">{id}</code> },
    { title: '颜色', dataIndex: 'color', width: 130, render: (c: string | null) => <Swatch color={c} /> },
    { title: '适合年龄', key: 'age', width: 100, render: (_, t) => ageText(t) },
    { title: '资源数', dataIndex: 'resourceCount', width: 80, align: 'right' },
    {
      title: '启用',
      key: 'active',
      width: 70,
      render: (_, t) => <ActiveSwitch term={t} canEdit={canEdit} />,
    },
    ...(canEdit
      ? ([
          {
            title: '操作',
            key: 'actions',
            width: 90,
            render: (_, t) => (
              <Button
                size="small"
                icon={<EditOutlined aria-hidden />}
                aria-label={`编辑 ${t.label}`}
                onClick={() => openEditor({ mode: 'edit', term: t })}
              >
                编辑
              </Button>
            ),
          },
        ] as TableColumnsType<Term>)
      : []),
  ];

  return (
    <>
      <PageHeader
        title="资源标签"
        description="家长在教育地图上按这些标签筛选资源。编号一经创建不可修改；不再使用的标签请停用而不是删除。"
        extra={
          canEdit ? (
            <Button type="primary" icon={<PlusOutlined aria-hidden />} onClick={() => openEditor({ mode: 'create' })}>
              新增标签
            </Button>
          ) : null
        }
      />
      {terms.isPending ? (
        <Panel>
          <Skeleton active paragraph={{ rows: 8 }} />
        </Panel>
      ) : terms.error && !terms.data ? (
        <QueryError error={terms.error} onRetry={() => void terms.refetch()} />
      ) : (
        <div className="gy-stack">
          {canEdit ? null : (
            <p className="gy-muted" style={{ margin: 0 }}>
              您可以查看标签，但没有修改权限。
            </p>
          )}
          {byFacet.map(({ facet, items }) => (
            <Panel
              key={facet}
              title={`${taxonomyFacetLabels[facet]}（${items.length}）`}
              extra={
                canEdit ? (
                  <Button
                    size="small"
                    type="link"
                    icon={<PlusOutlined aria-hidden />}
                    aria-label={`新增${taxonomyFacetLabels[facet]}标签`}
                    onClick={() => openEditor({ mode: 'create', facet })}
                  >
                    新增
                  </Button>
                ) : null
              }
              bodyStyle={isMobile ? { padding: 12 } : { padding: '8px 24px 16px' }}
            >
              {isMobile ? (
                <MobileList
                  label={`${taxonomyFacetLabels[facet]}标签`}
                  items={items}
                  rowKey={(t) => t.id}
                  emptyText="暂无标签"
                  renderItem={(t) => (
                    <div style={{ display: 'flex', justifyContent: 'space-between', alignItems: 'center', gap: 8 }}>
                      <div style={{ minWidth: 0 }}>
                        <Space size={6} wrap>
                          {t.color ? <span className="gy-swatch" style={{ background: t.color }} aria-hidden /> : null}
                          <span style={{ fontWeight: 500 }}>{t.label}</span>
                          {t.active ? null : <Tag>已停用</Tag>}
                        </Space>
                        <div className="gy-small gy-muted">
                          <code>{t.id}</code> · {t.resourceCount} 个资源
                          {ageText(t) !== '—' ? ` · ${ageText(t)}` : ''}
                        </div>
                      </div>
                      <Space size={4} style={{ flex: 'none' }}>
                        {canEdit ? (
                          <Button
                            size="small"
                            type="text"
                            icon={<EditOutlined aria-hidden />}
                            aria-label={`编辑 ${t.label}`}
                            onClick={() => openEditor({ mode: 'edit', term: t })}
                          >
                            编辑
                          </Button>
                        ) : null}
                        <ActiveSwitch term={t} canEdit={canEdit} />
                      </Space>
                    </div>
                  )}
                />
              ) : (
                <Table<Term>
                  rowKey="id"
                  columns={columns}
                  dataSource={items}
                  size="small"
                  pagination={false}
                  locale={{ emptyText: '暂无标签' }}
                  rowClassName={(t) => (t.active ? '' : 'gy-muted')}
                />
              )}
            </Panel>
          ))}
        </div>
      )}
      <TermModal key={editorSeq} target={editor} onClose={() => setEditorTarget(null)} />
    </>
  );
}
