import { useEffect, useState } from 'react';
import { Skeleton, Tag, Tree } from 'antd';
import type { TreeDataNode } from 'antd';
import {
  BankOutlined,
  BookOutlined,
  EnvironmentOutlined,
  HomeOutlined,
  MedicineBoxOutlined,
  ShopOutlined,
  TeamOutlined,
} from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { Link } from 'react-router-dom';
import type { OrgNode } from '../../../shared/contract/org.js';
import { errorMessage } from '../api/client.js';
import { fetchOrgNodes } from '../api/org.js';
import { Panel } from '../components/Panel.js';
import { useNotice } from '../components/notice.js';
import { PageHeader } from '../components/PageHeader.js';
import { QueryError } from '../components/QueryError.js';
import { useIsMobile } from '../components/useIsMobile.js';

const kindIcons: Record<OrgNode['kind'], React.ReactNode> = {
  city: <BankOutlined />,
  district: <EnvironmentOutlined />,
  school: <HomeOutlined />,
  resourceUnit: <ShopOutlined />,
  consultationRoom: <MedicineBoxOutlined />,
  grade: <BookOutlined />,
  class: <TeamOutlined />,
};
const kindLabels: Record<OrgNode['kind'], string> = {
  city: '市',
  district: '区',
  school: '学校',
  resourceUnit: '资源单位',
  consultationRoom: '共育咨询室',
  grade: '年级',
  class: '班级',
};

function NodeTitle({ node }: { node: OrgNode }) {
  const classId = node.kind === 'class' ? node.ref.slice('class:'.length) : null;
  return (
    <span style={{ display: 'inline-flex', flexWrap: 'wrap', alignItems: 'center', columnGap: 8, rowGap: 2 }}>
      <span aria-hidden style={{ color: '#1f7a5c' }}>
        {kindIcons[node.kind]}
      </span>
      <span style={{ fontWeight: node.kind === 'city' || node.kind === 'district' ? 500 : 400 }}>{node.name}</span>
      <span className="gy-visually-hidden">（{kindLabels[node.kind]}）</span>
      {node.note ? (
        <span className="gy-muted" style={{ fontSize: 12 }}>
          {node.note}
        </span>
      ) : null}
      {node.studentCount !== null ? (
        <Tag color="green" style={{ marginInlineEnd: 0 }}>
          学生 {node.studentCount.toLocaleString('zh-CN')} 人
        </Tag>
      ) : null}
      {classId ? (
        <Link to={`/classes/${classId}`} onClick={(e) => e.stopPropagation()} style={{ fontSize: 13 }}>
          查看名册
        </Link>
      ) : null}
    </span>
  );
}

function toTreeNode(node: OrgNode): TreeDataNode {
  return { key: node.ref, title: <NodeTitle node={node} />, isLeaf: !node.hasChildren };
}

function withChildren(nodes: TreeDataNode[], key: React.Key, children: TreeDataNode[]): TreeDataNode[] {
  return nodes.map((node) => {
    if (node.key === key) return { ...node, children, isLeaf: children.length === 0 };
    if (node.children) return { ...node, children: withChildren(node.children, key, children) };
    return node;
  });
}

/** 组织架构: city → district → school → grade → class, loaded one level at a time from /org/nodes. */
export default function OrgPage() {
  const queryClient = useQueryClient();
  const { notice } = useNotice();
  const isMobile = useIsMobile();
  const [treeData, setTreeData] = useState<TreeDataNode[] | null>(null);
  const [rootError, setRootError] = useState<unknown>(null);
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    let cancelled = false;
    setRootError(null);
    fetchOrgNodes(queryClient, undefined).then(
      (result) => !cancelled && setTreeData(result.items.map(toTreeNode)),
      (error: unknown) => !cancelled && setRootError(error),
    );
    return () => {
      cancelled = true;
    };
  }, [queryClient, attempt]);

  const loadData = async (node: { key: React.Key; children?: TreeDataNode[] }) => {
    if (node.children) return;
    try {
      const result = await fetchOrgNodes(queryClient, String(node.key));
      setTreeData((current) => (current ? withChildren(current, node.key, result.items.map(toTreeNode)) : current));
    } catch (error) {
      void notice.error(errorMessage(error));
      throw error;
    }
  };

  return (
    <>
      <PageHeader title="组织架构" description="您管理范围内的区、学校、年级和班级，展开节点查看下一级与学生人数。" />
      <Panel bodyStyle={{ padding: isMobile ? 8 : 24 }}>
        {rootError ? (
          <QueryError error={rootError} onRetry={() => setAttempt((n) => n + 1)} />
        ) : !treeData ? (
          <Skeleton active paragraph={{ rows: 6 }} />
        ) : (
          <Tree
            aria-label="组织架构树"
            treeData={treeData}
            loadData={loadData}
            showLine={!isMobile}
            blockNode
            selectable={false}
            defaultExpandedKeys={treeData.length === 1 && treeData[0] ? [treeData[0].key] : []}
          />
        )}
      </Panel>
    </>
  );
}
