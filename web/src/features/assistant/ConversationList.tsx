import { DeleteOutlined, MessageOutlined, PlusOutlined } from '@ant-design/icons';
import { Link } from 'react-router-dom';
import type { Conversation } from '../../api/assistant.js';
import { errorMessage } from '../../api/client.js';
import { shortTime } from '../../lib/format.js';
import { Btn } from '../../ui/kit.js';

/** 历史对话: newest first, each openable and deletable; 新对话 on top and 删除全部 at the bottom. */
export function ConversationList({
  items,
  loading,
  error,
  activeId,
  onNew,
  onNavigate,
  onDelete,
  onDeleteAll,
}: {
  items: Conversation[];
  loading: boolean;
  error: unknown;
  activeId: string | null;
  onNew: () => void;
  onNavigate?: () => void;
  onDelete: (conversation: Conversation) => void;
  onDeleteAll: () => void;
}) {
  return (
    <div className="gy-convs">
      <Btn variant="primary" block icon={<PlusOutlined />} onClick={onNew}>
        新对话
      </Btn>
      <h2 className="gy-convs-title">历史对话</h2>
      {loading ? (
        <div aria-busy="true" aria-label="正在加载历史对话">
          {[0, 1, 2, 3].map((i) => (
            <div key={i} className="gy-skeleton gy-skeleton-row" />
          ))}
        </div>
      ) : error ? (
        <p className="gy-small" role="alert" style={{ color: '#cf1322' }}>
          历史对话加载失败：{errorMessage(error)}
        </p>
      ) : items.length === 0 ? (
        <p className="gy-muted gy-small" style={{ padding: '0 8px' }}>
          还没有对话。问过的问题会保存在这里，只有您自己能看到。
        </p>
      ) : (
        <ul className="gy-convs-list">
          {items.map((c) => {
            const active = c.id === activeId;
            return (
              <li key={c.id} className={active ? 'gy-conv gy-conv-active' : 'gy-conv'}>
                <Link
                  to={`/assistant?c=${c.id}`}
                  className="gy-conv-link"
                  aria-current={active ? 'page' : undefined}
                  onClick={onNavigate}
                >
                  <MessageOutlined aria-hidden className="gy-conv-icon" />
                  <span className="gy-conv-title">{c.title || '未命名对话'}</span>
                  <span className="gy-conv-time">{shortTime(c.updatedAt)}</span>
                </Link>
                <button
                  type="button"
                  className="gy-icon-button gy-conv-delete"
                  aria-label={`删除对话“${c.title}”`}
                  onClick={() => onDelete(c)}
                >
                  <DeleteOutlined aria-hidden />
                </button>
              </li>
            );
          })}
        </ul>
      )}
      {items.length > 0 ? (
        <Btn variant="text" size="small" icon={<DeleteOutlined />} className="gy-convs-clear" onClick={onDeleteAll}>
          删除全部对话
        </Btn>
      ) : null}
    </div>
  );
}
