import type { ThemeConfig } from 'antd';

/** A calm green (教育 / growth) with soft surfaces; large enough type for parents on phones. */
export const brand = {
  primary: '#1f7a5c',
  primaryDark: '#155a43',
  surface: '#f4f7f5',
};

export const theme: ThemeConfig = {
  token: {
    colorPrimary: brand.primary,
    colorInfo: brand.primary,
    colorLink: brand.primary,
    colorBgLayout: brand.surface,
    borderRadius: 8,
    fontSize: 15,
    fontFamily:
      "-apple-system, BlinkMacSystemFont, 'PingFang SC', 'Hiragino Sans GB', 'Microsoft YaHei', 'Noto Sans CJK SC', 'Source Han Sans SC', 'WenQuanYi Micro Hei', 'Segoe UI', Roboto, sans-serif",
  },
  components: {
    Layout: { headerBg: '#ffffff', siderBg: '#ffffff', headerPadding: '0 16px', headerHeight: 56 },
    Menu: { itemBorderRadius: 8, itemSelectedBg: '#e6f2ed', itemSelectedColor: brand.primaryDark },
  },
};
