import type { ReactNode } from 'react';
import { Empty, Pagination } from 'antd';

/** On phones a wide table becomes a stacked list of rows; the same data, readable at 375 px. */
export function MobileList<T>({
  items,
  rowKey,
  renderItem,
  label,
  emptyText = '暂无数据',
  pagination,
}: {
  items: T[];
  rowKey: (item: T) => string | number;
  renderItem: (item: T) => ReactNode;
  label: string;
  emptyText?: string;
  pagination?: { current: number; pageSize: number; total: number; onChange: (page: number) => void };
}) {
  if (items.length === 0) return <Empty description={emptyText} image={Empty.PRESENTED_IMAGE_SIMPLE} />;
  return (
    <>
      <ul aria-label={label} style={{ listStyle: 'none', margin: 0, padding: 0, display: 'grid', gap: 8 }}>
        {items.map((item) => (
          <li
            key={rowKey(item)}
            style={{ background: '#fff', borderRadius: 8, padding: '12px 14px', border: '1px solid #edf1ee' }}
          >
            {renderItem(item)}
          </li>
        ))}
      </ul>
      {pagination && pagination.total > pagination.pageSize ? (
        <Pagination
          simple
          align="center"
          style={{ marginTop: 12 }}
          current={pagination.current}
          pageSize={pagination.pageSize}
          total={pagination.total}
          onChange={pagination.onChange}
        />
      ) : null}
    </>
  );
}
