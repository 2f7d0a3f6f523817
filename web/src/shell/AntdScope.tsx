import type { ReactNode } from 'react';
import { ConfigProvider } from 'antd';
// The ES build of the locale: `antd/locale/zh_CN` is CommonJS and drags antd/lib into the bundle.
import zhCN from 'antd/es/locale/zh_CN';
import { theme } from '../theme.js';

/**
 * antd's zh-CN locale and the 共育 theme, for the pages built with antd (tables, trees, forms, date
 * pickers). Loaded with those pages only (see `antdPage` in App.tsx), so the login page and the
 * guardian pages never pay for antd's runtime.
 */
export default function AntdScope({ children }: { children: ReactNode }) {
  return (
    // No auto space between two-character Chinese button labels (取 消): the light kit does not add one either.
    <ConfigProvider locale={zhCN} theme={theme} button={{ autoInsertSpace: false }}>
      {children}
    </ConfigProvider>
  );
}
