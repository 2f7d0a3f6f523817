import { useEffect, useMemo, useRef, useState } from 'react';
import {
  Alert,
  Button,
  Checkbox,
  Col,
  DatePicker,
  Drawer,
  Form,
  Input,
  InputNumber,
  Modal,
  Popconfirm,
  Row,
  Select,
  Skeleton,
  Space,
  Table,
  Tag,
  TimePicker,
  Tooltip,
} from 'antd';
import type { TableColumnsType } from 'antd';
import {
  CalendarOutlined,
  CheckCircleOutlined,
  CloseOutlined,
  DeleteOutlined,
  EditOutlined,
  PlusOutlined,
  SafetyCertificateOutlined,
} from '@ant-design/icons';
import dayjs, { type Dayjs } from 'dayjs';
import 'dayjs/locale/zh-cn';
import { useSearchParams } from 'react-router-dom';
import {
  TAXONOMY_FACETS,
  WEEKDAYS,
  taxonomyFacetLabels,
  weekdayLabels,
  type ResourceDetail,
  type Schedule,
  type Slot,
  type Term,
  type Weekday,
} from '../../../shared/contract/resources.js';
import { errorMessage } from '../api/client.js';
import {
  useCreateResource,
  useCreateSchedule,
  useDeleteSchedule,
  useManagedResource,
  useManagedResources,
  useResourceSlots,
  useSetSlotStatus,
  useTerms,
  useUpdateResource,
  useVerifyResource,
  type ManagedResource,
  type ManagedUnit,
  type ResourceInput,
} from '../api/venue.js';
import { MobileList } from '../components/MobileList.js';
import { useNotice } from '../components/notice.js';
import { PageHeader } from '../components/PageHeader.js';
import { Panel } from '../components/Panel.js';
import { QueryError } from '../components/QueryError.js';
import { useIsMobile } from '../components/useIsMobile.js';
import {
  antdFieldErrors,
  beijingDate,
  beijingToday,
  formatDayLabel,
  formatTime,
  noMarkup,
  normaliseTime,
} from '../features/venue/venueFormat.js';
import '../features/venue/venue.css';
import { formatDate } from '../lib/format.js';

dayjs.locale('zh-cn');

const weekdayOptions = WEEKDAYS.map((d) => ({ value: d, label: weekdayLabels[d] }));
const ageOptions = Array.from({ length: 19 }, (_, age) => ({ value: age, label: `${age} 岁` }));

/* ── Resource editor ── */

interface ResourceFormValues {
  unitId?: string;
  name: string;
  description: string;
  address: string;
  lat: number | null;
  lng: number | null;
  phone?: string | null;
  terms: string[];
  keywords: string[];
  ageMin: number;
  ageMax: number;
  openingHours: { days: Weekday[]; opens: Dayjs | null; closes: Dayjs | null };
  closures: Dayjs[];
  cancelBeforeMinutes: number;
  status?: 'active' | 'suspended';
}

const RESOURCE_FIELDS = [
  'unitId',
  'name',
  'description',
  'address',
  'lat',
  'lng',
  'phone',
  'terms',
  'keywords',
  'ageMin',
  'ageMax',
  'openingHours',
  'openingHours.days',
  'openingHours.opens',
  'openingHours.closes',
  'closures',
  'cancelBeforeMinutes',
  'status',
];

const emptyResource: ResourceFormValues = {
  name: '',
  description: '',
  address: '',
  lat: null,
  lng: null,
  phone: '',
  terms: [],
  keywords: [],
  ageMin: 6,
  ageMax: 12,
  openingHours: {
    days: ['TU', 'WE', 'TH', 'FR', 'SA', 'SU'],
    opens: dayjs('09:00', 'HH:mm'),
    closes: dayjs('17:00', 'HH:mm'),
  },
  closures: [],
  cancelBeforeMinutes: 120,
};

function valuesOf(r: ResourceDetail): ResourceFormValues {
  return {
    name: r.name,
    description: r.description,
    address: r.address,
    lat: r.lat,
    lng: r.lng,
    phone: r.phone ?? '',
    terms: r.terms,
    keywords: r.keywords,
    ageMin: r.ageMin,
    ageMax: r.ageMax,
    openingHours: {
      days: r.openingHours.days,
      opens: dayjs(r.openingHours.opens, 'HH:mm'),
      closes: dayjs(r.openingHours.closes, 'HH:mm'),
    },
    closures: r.closures.map((d) => dayjs(d)),
    cancelBeforeMinutes: r.cancelBeforeMinutes,
    status: r.status,
  };
}

function bodyOf(v: ResourceFormValues): ResourceInput {
  return {
    name: v.name.trim(),
    description: v.description.trim(),
    address: v.address.trim(),
    lat: v.lat ?? Number.NaN,
    lng: v.lng ?? Number.NaN,
    phone: v.phone?.trim() ? v.phone.trim() : null,
    terms: v.terms,
    keywords: v.keywords.map((k) => k.trim()).filter(Boolean),
    ageMin: v.ageMin,
    ageMax: v.ageMax,
    openingHours: {
      days: WEEKDAYS.filter((d) => v.openingHours.days.includes(d)),
      opens: v.openingHours.opens?.format('HH:mm') ?? '',
      closes: v.openingHours.closes?.format('HH:mm') ?? '',
    },
    closures: [...new Set(v.closures.map((d) => d.format('YYYY-MM-DD')))].sort(),
    cancelBeforeMinutes: v.cancelBeforeMinutes,
  };
}

/** The terms select, grouped by facet; a retired term the resource still carries stays visible. */
function termOptions(terms: Term[], selected: string[]) {
  return TAXONOMY_FACETS.map((facet) => ({
    label: taxonomyFacetLabels[facet],
    title: taxonomyFacetLabels[facet],
    options: terms
      .filter((t) => t.facet === facet && (t.active || selected.includes(t.id)))
      .sort((a, b) => a.sortOrder - b.sortOrder)
      .map((t) => ({ value: t.id, label: t.active ? t.label : `${t.label}（已停用）`, disabled: !t.active })),
  })).filter((group) => group.options.length > 0);
}

type EditorTarget = { mode: 'create' } | { mode: 'edit'; resourceId: string };

function ResourceEditor({
  target,
  units,
  onClose,
}: {
  target: EditorTarget | null;
  units: ManagedUnit[];
  onClose: () => void;
}) {
  const isMobile = useIsMobile();
  const { notice } = useNotice();
  // The parent mounts a fresh editor (new key) for every opening, so this form starts empty.
  const [form] = Form.useForm<ResourceFormValues>();
  const editingId = target?.mode === 'edit' ? target.resourceId : undefined;
  const detail = useManagedResource(editingId);
  const terms = useTerms(true);
  const create = useCreateResource();
  const update = useUpdateResource();
  const save = target?.mode === 'edit' ? update : create;
  const selectedTerms = Form.useWatch('terms', form) ?? [];
  // What the form starts from: taken once, from the newest detail (a later refetch never overwrites edits).
  const [initial, setInitial] = useState<ResourceFormValues | null>(() =>
    target?.mode === 'create' ? { ...emptyResource, unitId: units.length === 1 ? units[0]!.id : undefined } : null,
  );
  if (!initial && target?.mode === 'edit' && detail.data?.id === target.resourceId && !detail.isFetching) {
    setInitial(valuesOf(detail.data));
  }

  const onError = (error: unknown) => {
    const fields = antdFieldErrors(error, RESOURCE_FIELDS);
    if (fields.length) form.setFields(fields as Parameters<typeof form.setFields>[0]);
  };

  const submit = (values: ResourceFormValues) => {
    const body = bodyOf(values);
    if (target?.mode === 'edit') {
      update.mutate(
        { resourceId: target.resourceId, body: { ...body, status: values.status } },
        {
          onSuccess: (saved) => {
            notice.success(`已保存“${saved.name}”`);
            onClose();
          },
          onError,
        },
      );
    } else {
      create.mutate(
        { unitId: values.unitId ?? '', body },
        {
          onSuccess: (saved) => {
            notice.success(`已新增“${saved.name}”，请为它添加排期`);
            onClose();
          },
          onError,
        },
      );
    }
  };

  const title = target?.mode === 'edit' ? `编辑资源${detail.data ? `：${detail.data.name}` : ''}` : '新增资源';
  const loading = initial === null;

  return (
    <Drawer
      open={target !== null}
      title={title}
      size={isMobile ? '100%' : 760}
      onClose={onClose}
      destroyOnHidden
      footer={
        <Space wrap>
          <Button type="primary" loading={save.isPending} disabled={loading} onClick={() => form.submit()}>
            {target?.mode === 'edit' ? '保存' : '新增资源'}
          </Button>
          <Button onClick={onClose}>取消</Button>
          {target?.mode === 'edit' ? <span className="gy-muted gy-small">保存即视为已核实信息</span> : null}
        </Space>
      }
    >
      {target?.mode === 'edit' && detail.error && !detail.data ? (
        <Alert type="error" showIcon role="alert" title={errorMessage(detail.error)} />
      ) : loading ? (
        <Skeleton active paragraph={{ rows: 10 }} />
      ) : (
        <Form<ResourceFormValues>
          form={form}
          layout="vertical"
          initialValues={initial}
          onFinish={submit}
          scrollToFirstError
          requiredMark
        >
          {target?.mode === 'create' ? (
            <Form.Item label="所属单位" name="unitId" rules={[{ required: true, message: '请选择资源单位' }]}>
              <Select
                placeholder="选择资源单位"
                options={units.map((u) => ({ value: u.id, label: u.name }))}
                showSearch={{ optionFilterProp: 'label' }}
              />
            </Form.Item>
          ) : null}
          <Form.Item
            label="资源名称"
            name="name"
            rules={[{ required: true, whitespace: true, message: '请填写资源名称' }, { max: 60 }, noMarkup]}
          >
            <Input maxLength={60} showCount />
          </Form.Item>
          <Form.Item
            label="简介"
            name="description"
            extra="孩子在这里做什么、有什么收获；家长在地图和详情页看到这段话。"
            rules={[{ required: true, whitespace: true, message: '请填写简介' }, { max: 600 }, noMarkup]}
          >
            <Input.TextArea autoSize={{ minRows: 3, maxRows: 8 }} maxLength={600} showCount={!isMobile} />
          </Form.Item>
          <Form.Item
            label="地址"
            name="address"
            rules={[{ required: true, whitespace: true, message: '请填写地址' }, { max: 120 }, noMarkup]}
          >
            <Input maxLength={120} />
          </Form.Item>
          <Row gutter={16}>
            <Col xs={12} md={8}>
              <Form.Item label="纬度" name="lat" rules={[{ required: true, message: '请填写纬度' }]}>
                <InputNumber
                  min={-90}
                  max={90}
                  step={0.0001}

                  style={{ width: '100%' }}
                  placeholder="39.9042"
                />
              </Form.Item>
            </Col>
            <Col xs={12} md={8}>
              <Form.Item label="经度" name="lng" rules={[{ required: true, message: '请填写经度' }]}>
                <InputNumber
                  min={-180}
                  max={180}
                  step={0.0001}

                  style={{ width: '100%' }}
                  placeholder="116.4074"
                />
              </Form.Item>
            </Col>
            <Col xs={24} md={8}>
              <Form.Item
                label="电话"
                name="phone"
                rules={[{ pattern: /^[0-9-]{7,20}$/, message: '电话只能包含数字和 -（7–20 位）' }]}
              >
                <Input inputMode="tel" maxLength={20} placeholder="010-12345678" />
              </Form.Item>
            </Col>
          </Row>
          <Form.Item
            label="标签"
            name="terms"
            extra="至少选择一个育人领域和一个场所类型，家长按这些标签筛选。"
            rules={[
              { required: true, type: 'array', min: 1, message: '至少选择一个标签' },
              { type: 'array', max: 20, message: '最多 20 个标签' },
            ]}
          >
            <Select
              mode="multiple"
              placeholder="选择标签"
              loading={terms.isPending}
              options={termOptions(terms.data?.items ?? [], selectedTerms)}
              showSearch={{ optionFilterProp: 'label' }}
              notFoundContent={terms.error ? errorMessage(terms.error) : '没有匹配的标签'}
            />
          </Form.Item>
          <Form.Item
            label="检索关键词"
            name="keywords"
            extra="家长可能搜索、但名称里没有的词，输入后按回车；最多 12 个，每个不超过 20 字。"
            rules={[
              {
                validator: async (_, v?: string[]) => {
                  if ((v?.length ?? 0) > 12) throw new Error('关键词最多 12 个');
                  if (v?.some((k) => k.length > 20)) throw new Error('每个关键词不超过 20 字');
                  if (v?.some((k) => /[<>]/.test(k))) throw new Error('关键词不能包含 < 或 > 字符');
                },
              },
            ]}
          >
            <Select
              mode="tags"
              tokenSeparators={[',', '，', '、']}
              open={false}
              suffixIcon={null}
              placeholder="例如：恐龙、天文"
            />
          </Form.Item>
          <Row gutter={16}>
            <Col xs={12} md={6}>
              <Form.Item label="最小年龄" name="ageMin" rules={[{ required: true, message: '请选择' }]}>
                <Select options={ageOptions} />
              </Form.Item>
            </Col>
            <Col xs={12} md={6}>
              <Form.Item
                label="最大年龄"
                name="ageMax"
                dependencies={['ageMin']}
                rules={[
                  { required: true, message: '请选择' },
                  ({ getFieldValue }) => ({
                    validator: async (_, v?: number) => {
                      const min = getFieldValue('ageMin') as number | undefined;
                      if (v !== undefined && min !== undefined && v < min) throw new Error('不能小于最小年龄');
                    },
                  }),
                ]}
              >
                <Select options={ageOptions} />
              </Form.Item>
            </Col>
            <Col xs={24} md={12}>
              <Form.Item
                label="取消期限（开始前分钟数）"
                name="cancelBeforeMinutes"
                extra="家长在活动开始前多久以前可自行取消，例如 120 = 2 小时。"
                rules={[{ required: true, message: '请填写取消期限' }]}
              >
                <InputNumber min={0} max={10080} step={30} precision={0} style={{ width: '100%' }} suffix="分钟" />
              </Form.Item>
            </Col>
          </Row>
          <fieldset className="gy-venue-fieldset">
            <legend>开放时间</legend>
            <Form.Item
              name={['openingHours', 'days']}
              rules={[{ required: true, type: 'array', min: 1, message: '至少开放一天' }]}
            >
              <Checkbox.Group options={weekdayOptions} aria-label="开放日" />
            </Form.Item>
            <Row gutter={16}>
              <Col xs={12} md={8}>
                <Form.Item
                  label="开门"
                  name={['openingHours', 'opens']}
                  rules={[{ required: true, message: '请选择开门时间' }]}
                >
                  <TimePicker
                    format="HH:mm"
                    minuteStep={5}
                    needConfirm={false}
                    inputReadOnly={isMobile}
                    style={{ width: '100%' }}
                  />
                </Form.Item>
              </Col>
              <Col xs={12} md={8}>
                <Form.Item
                  label="闭馆"
                  name={['openingHours', 'closes']}
                  dependencies={[['openingHours', 'opens']]}
                  rules={[
                    { required: true, message: '请选择闭馆时间' },
                    ({ getFieldValue }) => ({
                      validator: async (_, v?: Dayjs | null) => {
                        const opens = getFieldValue(['openingHours', 'opens']) as Dayjs | null | undefined;
                        if (v && opens && v.format('HH:mm') <= opens.format('HH:mm')) throw new Error('闭馆须晚于开门');
                      },
                    }),
                  ]}
                >
                  <TimePicker
                    format="HH:mm"
                    minuteStep={5}
                    needConfirm={false}
                    inputReadOnly={isMobile}
                    style={{ width: '100%' }}
                  />
                </Form.Item>
              </Col>
            </Row>
          </fieldset>
          <Form.Item label="闭馆日期" name="closures" extra="节假日或临时闭馆的日期，这些天不开放预约。">
            <DatePicker
              multiple
              maxTagCount="responsive"
              inputReadOnly={isMobile}
              style={{ width: '100%' }}
              placeholder="选择日期"
            />
          </Form.Item>
          {target?.mode === 'edit' ? (
            <Form.Item
              label="状态"
              name="status"
              extra="暂停后家长在地图上看不到该资源，也不能新预约；已有预约不受影响。"
            >
              <Select
                options={[
                  { value: 'active', label: '正常开放' },
                  { value: 'suspended', label: '暂停' },
                ]}
                style={{ maxWidth: 240 }}
              />
            </Form.Item>
          ) : null}
          {save.error ? <Alert type="error" showIcon role="alert" title={errorMessage(save.error)} /> : null}
        </Form>
      )}
    </Drawer>
  );
}

/* ── Schedules and slots ── */

interface ScheduleFormValues {
  name: string;
  description?: string;
  days: Weekday[];
  times: string[];
  durationMinutes: number;
  capacity: number;
  validFrom: Dayjs;
  validTo?: Dayjs | null;
}

const timeSuggestions = Array.from({ length: 29 }, (_, i) => {
  const minutes = 7 * 60 + i * 30;
  const t = `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
  return { value: t, label: t };
});

function AddScheduleModal({ resourceId, open, onClose }: { resourceId: string; open: boolean; onClose: () => void }) {
  const [form] = Form.useForm<ScheduleFormValues>();
  const create = useCreateSchedule(resourceId);
  const { notice } = useNotice();
  const isMobile = useIsMobile();

  const submit = (v: ScheduleFormValues) => {
    const times = [...new Set(v.times.map((t) => normaliseTime(t) ?? t))].sort();
    create.mutate(
      {
        name: v.name.trim(),
        ...(v.description?.trim() ? { description: v.description.trim() } : {}),
        days: WEEKDAYS.filter((d) => v.days.includes(d)),
        times,
        durationMinutes: v.durationMinutes,
        capacity: v.capacity,
        validFrom: v.validFrom.format('YYYY-MM-DD'),
        validTo: v.validTo ? v.validTo.format('YYYY-MM-DD') : null,
      },
      {
        onSuccess: (result) => {
          notice.success(`已新增排期“${v.name.trim()}”，生成 ${result.slotsCreated} 个时段`);
          onClose();
        },
        onError: (error) => {
          const fields = antdFieldErrors(error, [
            'name',
            'description',
            'days',
            'times',
            'durationMinutes',
            'capacity',
            'validFrom',
            'validTo',
          ]);
          if (fields.length) form.setFields(fields as Parameters<typeof form.setFields>[0]);
        },
      },
    );
  };

  return (
    <Modal
      open={open}
      title="新增每周排期"
      okText="新增排期"
      cancelText="取消"
      confirmLoading={create.isPending}
      onOk={() => form.submit()}
      onCancel={onClose}
      destroyOnHidden
      width={isMobile ? undefined : 640}
    >
      <Form<ScheduleFormValues>
        form={form}
        layout="vertical"
        onFinish={submit}
        initialValues={{
          days: ['SA', 'SU'],
          times: ['09:30'],
          durationMinutes: 90,
          capacity: 20,
          validFrom: dayjs(beijingToday()),
        }}
        requiredMark
      >
        <Form.Item
          label="活动名称"
          name="name"
          rules={[{ required: true, whitespace: true, message: '请填写活动名称' }, { max: 60 }, noMarkup]}
        >
          <Input maxLength={60} placeholder="例如：亲子科学探究课" />
        </Form.Item>
        <Form.Item label="活动说明" name="description" rules={[{ max: 300 }, noMarkup]}>
          <Input.TextArea autoSize={{ minRows: 2, maxRows: 5 }} maxLength={300} showCount />
        </Form.Item>
        <Form.Item
          label="每周"
          name="days"
          rules={[{ required: true, type: 'array', min: 1, message: '至少选择一天' }]}
        >
          <Checkbox.Group options={weekdayOptions} />
        </Form.Item>
        <Form.Item
          label="开始时间"
          name="times"
          required
          extra="可选多个场次；也可以直接输入，如 14:30，按回车添加。"
          rules={[
            {
              validator: async (_, v?: string[]) => {
                if (!v?.length) throw new Error('至少一个开始时间');
                if (v.length > 12) throw new Error('最多 12 个场次');
                const bad = v.find((t) => !normaliseTime(t));
                if (bad) throw new Error(`“${bad}”不是 HH:MM 格式的时间`);
              },
            },
          ]}
        >
          <Select
            mode="tags"
            options={timeSuggestions}
            tokenSeparators={[',', '，', ' ']}
            placeholder="选择或输入时间"
          />
        </Form.Item>
        <Row gutter={16}>
          <Col xs={12}>
            <Form.Item label="时长" name="durationMinutes" rules={[{ required: true, message: '请填写时长' }]}>
              <InputNumber min={15} max={720} step={15} precision={0} suffix="分钟" style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col xs={12}>
            <Form.Item label="每场名额" name="capacity" rules={[{ required: true, message: '请填写名额' }]}>
              <InputNumber min={1} max={10000} precision={0} suffix="人" style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col xs={12}>
            <Form.Item label="生效日期" name="validFrom" rules={[{ required: true, message: '请选择生效日期' }]}>
              <DatePicker allowClear={false} inputReadOnly={isMobile} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col xs={12}>
            <Form.Item
              label="结束日期"
              name="validTo"
              dependencies={['validFrom']}
              rules={[
                ({ getFieldValue }) => ({
                  validator: async (_, v?: Dayjs | null) => {
                    const from = getFieldValue('validFrom') as Dayjs | undefined;
                    if (v && from && v.isBefore(from, 'day')) throw new Error('不能早于生效日期');
                  },
                }),
              ]}
            >
              <DatePicker inputReadOnly={isMobile} style={{ width: '100%' }} placeholder="长期有效" />
            </Form.Item>
          </Col>
        </Row>
        {create.error ? <Alert type="error" showIcon role="alert" title={errorMessage(create.error)} /> : null}
      </Form>
    </Modal>
  );
}

function ScheduleItem({ resourceId, schedule }: { resourceId: string; schedule: Schedule }) {
  const remove = useDeleteSchedule(resourceId);
  const { notice } = useNotice();
  return (
    <li className="gy-venue-schedule">
      <div style={{ minWidth: 0 }}>
        <div style={{ fontWeight: 500 }}>{schedule.name}</div>
        <div>{schedule.summary}</div>
        <div className="gy-muted gy-small">
          每场 {schedule.capacity} 人 · {formatDate(schedule.validFrom)} 起
          {schedule.validTo ? `，至 ${formatDate(schedule.validTo)}` : '，长期有效'}
        </div>
        {schedule.description ? (
          <div className="gy-muted gy-small">{schedule.description}</div>
        ) : null}
      </div>
      <Popconfirm
        title={`删除排期“${schedule.name}”？`}
        description="未被预约的未来时段会一并删除；已有预约的时段保留。"
        okText="删除"
        okButtonProps={{ danger: true }}
        cancelText="取消"
        onConfirm={() =>
          remove
            .mutateAsync(schedule.id)
            .then(() => notice.success(`已删除排期“${schedule.name}”`))
            .catch((error: unknown) => notice.error(errorMessage(error)))
        }
      >
        <Button
          size="small"
          danger
          icon={<DeleteOutlined aria-hidden />}
          loading={remove.isPending}
          aria-label={`删除排期 ${schedule.name}`}
        >
          删除
        </Button>
      </Popconfirm>
    </li>
  );
}

function SlotChip({ resourceId, slot }: { resourceId: string; slot: Slot }) {
  const setStatus = useSetSlotStatus(resourceId);
  const { notice } = useNotice();
  const closed = slot.status === 'closed';
  const when = `${formatDayLabel(slot.startsAt)} ${formatTime(slot.startsAt)}`;
  const toggle = () =>
    setStatus.mutate(
      { slotId: slot.id, status: closed ? 'open' : 'closed' },
      {
        onSuccess: () => notice.success(closed ? `已重新开放 ${when} 的时段` : `已关闭 ${when} 的时段`),
        onError: (error) => notice.error(errorMessage(error)),
      },
    );
  return (
    <span className={`gy-venue-slot${closed ? ' gy-venue-slot-closed' : ''}`}>
      <span className="gy-venue-slot-text">
        <strong>{formatTime(slot.startsAt)}</strong>
        <span className="gy-small">{closed ? '已关闭' : `余 ${slot.available}/${slot.capacity}`}</span>
      </span>
      <Button
        size="small"
        type={closed ? 'link' : 'text'}
        loading={setStatus.isPending}
        aria-label={closed ? `重新开放 ${when} 的时段` : `关闭 ${when} 的时段`}
        onClick={toggle}
      >
        {closed ? '开放' : '关闭'}
      </Button>
    </span>
  );
}

function ResourceSchedules({ resourceId, onClose }: { resourceId: string; onClose: () => void }) {
  const detail = useManagedResource(resourceId);
  const slots = useResourceSlots(resourceId, beijingToday(), 14);
  const [adding, setAdding] = useState(false);
  // A fresh dialog (and form) for every opening.
  const [addSeq, setAddSeq] = useState(0);
  const ref = useRef<HTMLDivElement>(null);

  useEffect(() => {
    ref.current?.scrollIntoView({ behavior: 'smooth', block: 'start' });
  }, [resourceId]);

  const days = useMemo(() => {
    const byDay = new Map<string, Slot[]>();
    for (const slot of [...(slots.data?.items ?? [])].sort((a, b) => a.startsAt.localeCompare(b.startsAt))) {
      const day = beijingDate(slot.startsAt);
      byDay.set(day, [...(byDay.get(day) ?? []), slot]);
    }
    return [...byDay];
  }, [slots.data]);

  const name = detail.data?.name ?? '';
  return (
    <div ref={ref} style={{ scrollMarginTop: 72 }}>
      <Panel
        title={
          <span>
            <CalendarOutlined aria-hidden /> {name ? `${name} · ` : ''}排期与时段
          </span>
        }
        extra={
          <Button type="text" icon={<CloseOutlined aria-hidden />} aria-label="收起排期与时段" onClick={onClose} />
        }
      >
        {detail.isPending ? (
          <Skeleton active paragraph={{ rows: 4 }} />
        ) : detail.error ? (
          <Alert type="error" showIcon role="alert" title={errorMessage(detail.error)} />
        ) : (
          <Space orientation="vertical" size={20} style={{ width: '100%' }}>
            <section aria-labelledby="gy-schedules-title">
              <div
                style={{
                  display: 'flex',
                  justifyContent: 'space-between',
                  alignItems: 'center',
                  gap: 8,
                  marginBottom: 8,
                }}
              >
                <h3 id="gy-schedules-title" style={{ margin: 0, fontSize: 16 }}>
                  每周排期
                </h3>
                <Button
                  type="primary"
                  icon={<PlusOutlined aria-hidden />}
                  onClick={() => {
                    setAddSeq((n) => n + 1);
                    setAdding(true);
                  }}
                >
                  新增排期
                </Button>
              </div>
              {detail.data.schedules.length === 0 ? (
                <p className="gy-muted" style={{ margin: 0 }}>
                  还没有排期。添加每周排期后，系统生成未来 28 天的可预约时段。
                </p>
              ) : (
                <ul className="gy-venue-schedules">
                  {detail.data.schedules.map((s) => (
                    <ScheduleItem key={s.id} resourceId={resourceId} schedule={s} />
                  ))}
                </ul>
              )}
            </section>
            <section aria-labelledby="gy-slots-title">
              <h3 id="gy-slots-title" style={{ margin: '0 0 4px', fontSize: 16 }}>
                未来 14 天的时段
              </h3>
              <p className="gy-muted gy-small" style={{ margin: '0 0 8px' }}>
                关闭的时段不再接受新预约，已有预约不受影响。
              </p>
              {slots.isPending ? (
                <Skeleton active paragraph={{ rows: 3 }} title={false} />
              ) : slots.error ? (
                <Alert type="error" showIcon role="alert" title={errorMessage(slots.error)} />
              ) : days.length === 0 ? (
                <p className="gy-muted" style={{ margin: 0 }}>
                  未来 14 天没有时段。
                </p>
              ) : (
                <div>
                  {days.map(([day, daySlots]) => (
                    <div key={day} className="gy-venue-slot-day">
                      <div style={{ fontWeight: 500 }}>{formatDayLabel(daySlots[0]!.startsAt)}</div>
                      <div className="gy-venue-slots">
                        {daySlots.map((slot) => (
                          <SlotChip key={slot.id} resourceId={resourceId} slot={slot} />
                        ))}
                      </div>
                    </div>
                  ))}
                </div>
              )}
            </section>
          </Space>
        )}
      </Panel>
      <AddScheduleModal key={addSeq} resourceId={resourceId} open={adding} onClose={() => setAdding(false)} />
    </div>
  );
}

/* ── The page ── */

function VerifiedTag({ resource }: { resource: ManagedResource }) {
  return resource.stale ? (
    <Tooltip title={`上次核实：${formatDate(beijingDate(resource.verifiedAt))}；超过 6 个月未核实`}>
      <Tag color="warning" style={{ marginInlineEnd: 0 }}>
        待核实
      </Tag>
    </Tooltip>
  ) : (
    <span className="gy-small gy-muted" style={{ whiteSpace: 'nowrap' }}>
      <CheckCircleOutlined aria-hidden style={{ color: '#1f7a5c' }} /> {formatDate(beijingDate(resource.verifiedAt))}
      核实
    </span>
  );
}

function StatusTag({ status }: { status: ManagedResource['status'] }) {
  return status === 'active' ? (
    <Tag color="green" style={{ marginInlineEnd: 0 }}>
      正常开放
    </Tag>
  ) : (
    <Tag color="default" style={{ marginInlineEnd: 0 }}>
      已暂停
    </Tag>
  );
}

/** 资源管理: a unit's listings — details, tags, opening hours, weekly schedules and the next two weeks of slots. */
export default function VenueResourcesPage() {
  const isMobile = useIsMobile();
  const { notice } = useNotice();
  const managed = useManagedResources();
  const verify = useVerifyResource();
  const [params, setParams] = useSearchParams();
  const selectedId = params.get('resource') ?? undefined;
  const [editor, setEditorTarget] = useState<EditorTarget | null>(null);
  // A fresh editor (and form) for every opening; the key does not change on close, so the drawer animates out.
  const [editorSeq, setEditorSeq] = useState(0);
  const setEditor = (target: EditorTarget | null) => {
    if (target) setEditorSeq((n) => n + 1);
    setEditorTarget(target);
  };

  const select = (resourceId: string | undefined) => {
    const next = new URLSearchParams(params);
    if (resourceId) next.set('resource', resourceId);
    else next.delete('resource');
    setParams(next, { replace: true });
  };

  const items = managed.data?.items ?? [];
  const units = managed.data?.units ?? [];
  const staleCount = items.filter((r) => r.stale).length;

  const actions = (r: ManagedResource) => (
    <Space size={6} wrap>
      <Button
        size="small"
        icon={<EditOutlined aria-hidden />}
        aria-label={`编辑 ${r.name}`}
        onClick={() => setEditor({ mode: 'edit', resourceId: r.id })}
      >
        编辑
      </Button>
      <Button
        size="small"
        type={selectedId === r.id ? 'primary' : 'default'}
        icon={<CalendarOutlined aria-hidden />}
        aria-label={`${r.name}的排期与时段`}
        aria-pressed={selectedId === r.id}
        onClick={() => select(selectedId === r.id ? undefined : r.id)}
      >
        排期与时段
      </Button>
      <Button
        size="small"
        type={r.stale ? 'primary' : 'default'}
        ghost={r.stale}
        icon={<SafetyCertificateOutlined aria-hidden />}
        aria-label={`确认 ${r.name} 信息准确`}
        loading={verify.isPending && verify.variables === r.id}
        onClick={() =>
          verify.mutate(r.id, {
            onSuccess: () => notice.success(`已确认“${r.name}”信息准确`),
            onError: (error) => notice.error(errorMessage(error)),
          })
        }
      >
        确认信息准确
      </Button>
    </Space>
  );

  const columns: TableColumnsType<ManagedResource> = [
    {
      title: '资源',
      key: 'name',
      render: (_, r) => (
        <div>
          <div style={{ fontWeight: 500 }}>{r.name}</div>
          <div className="gy-muted gy-small">{r.address}</div>
        </div>
      ),
    },
    {
      title: '所属单位',
      key: 'unit',
      render: (_, r) => (
        <div>
          <div>{r.unitName}</div>
          <div className="gy-muted gy-small">{r.districtName}</div>
        </div>
      ),
    },
    { title: '适合年龄', key: 'age', width: 100, render: (_, r) => `${r.ageMin}–${r.ageMax} 岁` },
    {
      title: '状态',
      dataIndex: 'status',
      width: 100,
      render: (s: ManagedResource['status']) => <StatusTag status={s} />,
    },
    { title: '信息核实', key: 'verified', width: 140, render: (_, r) => <VerifiedTag resource={r} /> },
    { title: '操作', key: 'actions', width: 390, render: (_, r) => actions(r) },
  ];

  return (
    <>
      <PageHeader
        title="资源管理"
        description="维护本单位在教育新地图上的资源信息、开放时间和可预约排期。信息每 6 个月需要确认一次。"
        extra={
          <Tooltip title={units.length === 0 && managed.data ? '没有可管理的资源单位' : undefined}>
            <Button
              type="primary"
              icon={<PlusOutlined aria-hidden />}
              disabled={units.length === 0}
              onClick={() => setEditor({ mode: 'create' })}
            >
              新增资源
            </Button>
          </Tooltip>
        }
      />
      {managed.error && !managed.data ? (
        <QueryError error={managed.error} onRetry={() => void managed.refetch()} />
      ) : (
        <div className="gy-stack">
          {staleCount > 0 ? (
            <Alert
              type="warning"
              showIcon
              title={`${staleCount} 个资源超过 6 个月未核实`}
              description="请检查地址、开放时间和联系方式，确认无误后点“确认信息准确”；修改并保存也视为已核实。"
            />
          ) : null}
          <Panel title={`可管理的资源（${items.length}）`} bodyStyle={isMobile ? { padding: 12 } : undefined}>
            {managed.isPending ? (
              <Skeleton active paragraph={{ rows: 5 }} />
            ) : isMobile ? (
              <MobileList
                label="资源列表"
                items={items}
                rowKey={(r) => r.id}
                emptyText="还没有资源，点“新增资源”添加"
                renderItem={(r) => (
                  <div style={{ display: 'grid', gap: 6 }}>
                    <div style={{ display: 'flex', justifyContent: 'space-between', gap: 8 }}>
                      <strong style={{ fontWeight: 600 }}>{r.name}</strong>
                      <Space size={4}>
                        <StatusTag status={r.status} />
                        {r.stale ? <VerifiedTag resource={r} /> : null}
                      </Space>
                    </div>
                    <div className="gy-small gy-muted">
                      {r.unitName} · {r.ageMin}–{r.ageMax} 岁
                    </div>
                    <div className="gy-small gy-muted">{r.address}</div>
                    {r.stale ? null : <VerifiedTag resource={r} />}
                    {actions(r)}
                  </div>
                )}
              />
            ) : (
              <Table<ManagedResource>
                rowKey="id"
                columns={columns}
                dataSource={items}
                size="middle"
                pagination={items.length > 20 ? { pageSize: 20, showSizeChanger: false } : false}
                locale={{ emptyText: '还没有资源，点“新增资源”添加' }}
                rowClassName={(r) => (r.id === selectedId ? 'gy-venue-row-selected' : '')}
                scroll={{ x: 960 }}
              />
            )}
          </Panel>
          {selectedId ? (
            <ResourceSchedules key={selectedId} resourceId={selectedId} onClose={() => select(undefined)} />
          ) : null}
        </div>
      )}
      <ResourceEditor key={editorSeq} target={editor} units={units} onClose={() => setEditor(null)} />
    </>
  );
}
