import { useMemo, useState } from 'react';
import {
  Alert,
  Button,
  Col,
  Form,
  Input,
  InputNumber,
  Popconfirm,
  Radio,
  Row,
  Select,
  Space,
  Table,
  Typography,
  Upload,
} from 'antd';
import type { UploadFile } from 'antd';
import { CheckOutlined, DownloadOutlined, FileSearchOutlined, ImportOutlined, UploadOutlined } from '@ant-design/icons';
import type { EndpointResponse } from '../../../shared/contract/endpoint.js';
import type * as resourcesApi from '../../../shared/contract/resources.js';
import { errorMessage } from '../api/client.js';
import { useSignedInMe } from '../api/identity.js';
import { directoryExportHref, useImportDirectory, useOnboardUnit, type OnboardInput } from '../api/venue.js';
import { useNotice } from '../components/notice.js';
import { PageHeader } from '../components/PageHeader.js';
import { Panel } from '../components/Panel.js';
import { useIsMobile } from '../components/useIsMobile.js';
import { antdFieldErrors, noMarkup } from '../features/venue/venueFormat.js';
import '../features/venue/venue.css';

type Onboarded = EndpointResponse<typeof resourcesApi.onboardUnit>;
type ImportResult = EndpointResponse<typeof resourcesApi.importDirectory>;
type Format = (typeof resourcesApi.HSDS_FORMATS)[number];
interface DistrictOption {
  value: string;
  label: string;
}

const MAX_CONTENT = 900_000;

/** The districts this admin may onboard into: their 区教委 assignments. */
function useAdminDistricts(): DistrictOption[] {
  const me = useSignedInMe();
  return useMemo(() => {
    const seen = new Map<string, string>();
    for (const r of me.roles) {
      if (r.role === 'districtAdmin' && r.districtId && !seen.has(r.districtId))
        seen.set(r.districtId, r.districtName ?? r.districtId);
    }
    return [...seen].map(([value, label]) => ({ value, label }));
  }, [me.roles]);
}

interface OnboardValues {
  districtId: string;
  name: string;
  address: string;
  lat: number | null;
  lng: number | null;
  staffUsername: string;
  staffDisplayName: string;
}

const ONBOARD_FIELDS = ['districtId', 'name', 'address', 'lat', 'lng', 'staffUsername', 'staffDisplayName'];

function OnboardPanel({ districts }: { districts: DistrictOption[] }) {
  const [form] = Form.useForm<OnboardValues>();
  const onboard = useOnboardUnit();
  const { notice } = useNotice();
  const [issued, setIssued] = useState<Onboarded | null>(null);

  const submit = (v: OnboardValues) => {
    const body: OnboardInput = {
      districtId: v.districtId,
      name: v.name.trim(),
      address: v.address.trim(),
      lat: v.lat ?? Number.NaN,
      lng: v.lng ?? Number.NaN,
      staffUsername: v.staffUsername.trim(),
      staffDisplayName: v.staffDisplayName.trim(),
    };
    onboard.mutate(body, {
      onSuccess: (result) => {
        setIssued(result);
        notice.success(`已接入“${result.unit.name}”`);
        form.resetFields();
      },
      onError: (error) => {
        const fields = antdFieldErrors(error, ONBOARD_FIELDS);
        if (fields.length) form.setFields(fields as Parameters<typeof form.setFields>[0]);
      },
    });
  };

  return (
    <Panel title="接入资源单位">
      <p className="gy-muted" style={{ marginTop: 0 }}>
        新建资源单位（场馆、基地等）并开通一名工作人员账号。账号的一次性密码只显示一次，首次登录须修改密码。
      </p>
      {issued ? (
        <Alert
          type="success"
          showIcon
          role="status"
          style={{ marginBottom: 16 }}
          title={`已接入“${issued.unit.name}”`}
          description={
            <Space orientation="vertical" size={6} style={{ width: '100%' }}>
              <span>
                工作人员用户名：<Typography.Text code>{issued.staff.username}</Typography.Text>
              </span>
              <span>
                一次性密码：
                <Typography.Text
                  code
                  copyable={{ text: issued.staff.oneTimePassword, tooltips: ['复制一次性密码', '已复制'] }}
                  style={{ fontSize: 18 }}
                >
                  {issued.staff.oneTimePassword}
                </Typography.Text>
              </span>
              <span className="gy-small">
                密码只显示这一次，请当面或电话告知工作人员；对方首次登录后须立即修改密码。
              </span>
              <div>
                <Button size="small" onClick={() => setIssued(null)}>
                  我已记下
                </Button>
              </div>
            </Space>
          }
        />
      ) : null}
      <Form<OnboardValues>
        form={form}
        layout="vertical"
        onFinish={submit}
        initialValues={{ districtId: districts[0]?.value, lat: null, lng: null }}
        requiredMark
      >
        <Form.Item label="所在区" name="districtId" rules={[{ required: true, message: '请选择所在区' }]}>
          <Select options={districts} placeholder="选择区" />
        </Form.Item>
        <Form.Item
          label="单位名称"
          name="name"
          rules={[{ required: true, whitespace: true, message: '请填写单位名称' }, { max: 60 }, noMarkup]}
        >
          <Input maxLength={60} placeholder="例如：东城区青少年科技馆" />
        </Form.Item>
        <Form.Item
          label="地址"
          name="address"
          rules={[{ required: true, whitespace: true, message: '请填写地址' }, { max: 120 }, noMarkup]}
        >
          <Input maxLength={120} />
        </Form.Item>
        <Row gutter={16}>
          <Col xs={12}>
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
          <Col xs={12}>
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
          <Col xs={24} md={12}>
            <Form.Item
              label="工作人员用户名"
              name="staffUsername"
              extra="小写字母开头，4–32 位小写字母、数字或下划线"
              rules={[
                { required: true, message: '请填写用户名' },
                {
                  pattern: /^[a-z][a-z0-9_]{3,31}$/,
                  message: '用户名须以小写字母开头，4–32 位字母数字或下划线',
                },
              ]}
            >
              <Input
                maxLength={32}
                autoComplete="off"
                autoCapitalize="none"
                spellCheck={false}
                placeholder="kjg_staff"
              />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item
              label="工作人员姓名"
              name="staffDisplayName"
              rules={[{ required: true, whitespace: true, message: '请填写工作人员姓名' }, { max: 50 }]}
            >
              <Input maxLength={50} autoComplete="off" />
            </Form.Item>
          </Col>
        </Row>
        {onboard.error ? (
          <Alert type="error" showIcon role="alert" style={{ marginBottom: 12 }} title={errorMessage(onboard.error)} />
        ) : null}
        <Button type="primary" htmlType="submit" icon={<CheckOutlined aria-hidden />} loading={onboard.isPending}>
          接入并开通账号
        </Button>
      </Form>
    </Panel>
  );
}

function ImportPanel({ districts }: { districts: DistrictOption[] }) {
  const run = useImportDirectory();
  const { notice } = useNotice();
  const isMobile = useIsMobile();
  const [districtId, setDistrictId] = useState<string | undefined>(districts[0]?.value);
  const [format, setFormat] = useState<Format>('json');
  const [file, setFile] = useState<{ name: string; content: string; uid: string } | null>(null);
  const [fileError, setFileError] = useState<string | null>(null);
  const [result, setResult] = useState<ImportResult | null>(null);

  const fileList: UploadFile[] = file ? [{ uid: file.uid, name: file.name, status: 'done' }] : [];
  const ready = !!districtId && !!file;
  const districtName = districts.find((d) => d.value === districtId)?.label ?? '';

  const start = (dryRun: boolean) => {
    if (!districtId || !file) return;
    run.mutate(
      { districtId, format, content: file.content, dryRun },
      {
        onSuccess: (r) => {
          setResult(r);
          notice.success(
            r.dryRun
              ? `检查完成：可新增 ${r.created} 个、更新 ${r.updated} 个`
              : `已导入：新增 ${r.created} 个、更新 ${r.updated} 个`,
          );
        },
        onError: () => setResult(null),
      },
    );
  };

  return (
    <Panel title="导入资源目录（HSDS）">
      <p className="gy-muted" style={{ marginTop: 0 }}>
        按 Open Referral HSDS 格式批量导入本区资源：JSON，或 services.csv 格式的 CSV。建议先“仅检查”，确认无误再导入。
      </p>
      <Space orientation="vertical" size={12} style={{ width: '100%' }}>
        <div className="gy-venue-filters">
          <Select
            aria-label="导入到哪个区"
            options={districts}
            value={districtId}
            onChange={(v: string) => {
              setDistrictId(v);
              setResult(null);
            }}
            placeholder="选择区"
            style={{ width: isMobile ? '100%' : 180 }}
          />
          <Radio.Group
            aria-label="文件格式"
            optionType="button"
            value={format}
            onChange={(e) => {
              setFormat(e.target.value as Format);
              setResult(null);
            }}
            options={[
              { value: 'json', label: 'JSON' },
              { value: 'csv', label: 'CSV' },
            ]}
          />
        </div>
        <Upload
          accept=".json,.csv,application/json,text/csv"
          maxCount={1}
          fileList={fileList}
          beforeUpload={(f) => {
            setFileError(null);
            setResult(null);
            run.reset();
            void f
              .text()
              .then((content) => {
                if (!content.trim()) {
                  setFileError('文件是空的');
                  setFile(null);
                  return;
                }
                if (content.length > MAX_CONTENT) {
                  setFileError('文件过大：一次最多导入约 90 万字符，请按区或分批导入');
                  setFile(null);
                  return;
                }
                setFile({ name: f.name, content, uid: f.uid });
                if (/\.csv$/i.test(f.name)) setFormat('csv');
                else if (/\.json$/i.test(f.name)) setFormat('json');
              })
              .catch(() => setFileError('无法读取该文件'));
            // Read here, sent as JSON by the buttons below: nothing is uploaded by antd.
            return false;
          }}
          onRemove={() => {
            setFile(null);
            setResult(null);
          }}
        >
          <Button icon={<UploadOutlined aria-hidden />}>选择文件</Button>
        </Upload>
        {fileError ? <Alert type="error" showIcon role="alert" title={fileError} /> : null}
        <Space wrap>
          <Button
            icon={<FileSearchOutlined aria-hidden />}
            disabled={!ready}
            loading={run.isPending && run.variables?.dryRun === true}
            onClick={() => start(true)}
          >
            仅检查
          </Button>
          <Popconfirm
            title={`导入到${districtName}？`}
            description="将新增或更新该区的资源；同名资源按编号更新。"
            okText="导入"
            cancelText="取消"
            disabled={!ready}
            onConfirm={() => start(false)}
          >
            <Button
              type="primary"
              icon={<ImportOutlined aria-hidden />}
              disabled={!ready}
              loading={run.isPending && run.variables?.dryRun === false}
            >
              导入
            </Button>
          </Popconfirm>
        </Space>
        {run.error ? <Alert type="error" showIcon role="alert" title={errorMessage(run.error)} /> : null}
        {result ? (
          <div aria-live="polite">
            <Alert
              type={result.errors.length ? 'warning' : 'success'}
              showIcon
              title={
                result.dryRun || result.errors.length
                  ? `检查结果（未写入）：可新增 ${result.created} 个，更新 ${result.updated} 个`
                  : `导入完成：新增 ${result.created} 个，更新 ${result.updated} 个`
              }
              description={
                result.errors.length
                  ? // The import is all-or-nothing: one bad row and nothing is written.
                    `${new Set(result.errors.map((e) => e.row)).size} 行有问题（共 ${result.errors.length} 处），本次没有写入任何数据。请按下表改正后重新导入。`
                  : '没有发现问题。'
              }
            />
            {result.errors.length ? (
              <Table
                style={{ marginTop: 12 }}
                rowKey={(e) => `${e.row}-${e.message}`}
                size="small"
                columns={[
                  { title: '行', dataIndex: 'row', width: 70 },
                  { title: '问题', dataIndex: 'message' },
                ]}
                dataSource={result.errors}
                pagination={result.errors.length > 10 ? { pageSize: 10, showSizeChanger: false } : false}
              />
            ) : null}
          </div>
        ) : null}
      </Space>
    </Panel>
  );
}

function ExportPanel({ districts }: { districts: DistrictOption[] }) {
  const isMobile = useIsMobile();
  const [districtId, setDistrictId] = useState<string | undefined>(districts[0]?.value);
  return (
    <Panel title="导出资源目录">
      <p className="gy-muted" style={{ marginTop: 0 }}>
        按 Open Referral HSDS 导出资源目录，可交换给其他平台或备份。
      </p>
      <div className="gy-venue-filters">
        <Select
          aria-label="导出哪个区"
          options={districts}
          value={districtId}
          onChange={(v: string) => setDistrictId(v)}
          placeholder="选择区"
          style={{ width: isMobile ? '100%' : 180 }}
        />
        <Button icon={<DownloadOutlined aria-hidden />} href={directoryExportHref('json', districtId)} download>
          导出 JSON
        </Button>
        <Button icon={<DownloadOutlined aria-hidden />} href={directoryExportHref('csv', districtId)} download>
          导出 CSV
        </Button>
      </div>
    </Panel>
  );
}

/** 资源单位接入: a district admin onboards venues, imports and exports the HSDS directory. */
export default function DirectoryAdminPage() {
  const districts = useAdminDistricts();
  return (
    <>
      <PageHeader title="资源单位接入" description="为本区的场馆、基地开通账号，批量导入或导出教育资源目录。" />
      {districts.length === 0 ? (
        <Alert type="warning" showIcon title="只有区教委管理员可以接入资源单位和导入目录。" />
      ) : (
        <Row gutter={[16, 16]}>
          <Col xs={24} xl={12}>
            <OnboardPanel districts={districts} />
          </Col>
          <Col xs={24} xl={12}>
            <div className="gy-stack">
              <ImportPanel districts={districts} />
              <ExportPanel districts={districts} />
            </div>
          </Col>
        </Row>
      )}
    </>
  );
}
