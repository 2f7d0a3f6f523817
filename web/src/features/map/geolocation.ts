/** “我的位置”: the browser's geolocation, with Chinese reasons when it is not available. */
export interface Point {
  lat: number;
  lng: number;
}

export class LocateError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'LocateError';
  }
}

/** The last position found in this tab, so coming back to the map does not ask again. */
let lastPoint: Point | null = null;
export function rememberedPoint(): Point | null {
  return lastPoint;
}

export function locate(timeoutMs = 10_000): Promise<Point> {
  return new Promise((resolve, reject) => {
    if (!('geolocation' in navigator)) {
      reject(new LocateError('当前浏览器不支持定位，请改用“孩子学校附近”。'));
      return;
    }
    if (!window.isSecureContext) {
      reject(new LocateError('当前网址不是安全连接（HTTPS），浏览器不允许定位，请改用“孩子学校附近”。'));
      return;
    }
    navigator.geolocation.getCurrentPosition(
      (position) => {
        lastPoint = { lat: position.coords.latitude, lng: position.coords.longitude };
        resolve(lastPoint);
      },
      (error) => {
        const message =
          error.code === error.PERMISSION_DENIED
            ? '你没有允许本网站使用位置信息。可以在浏览器设置中允许定位，或改用“孩子学校附近”。'
            : error.code === error.TIMEOUT
              ? '获取位置超时，请稍后重试，或改用“孩子学校附近”。'
              : '暂时无法获取你的位置，请稍后重试，或改用“孩子学校附近”。';
        reject(new LocateError(message));
      },
      { enableHighAccuracy: false, timeout: timeoutMs, maximumAge: 5 * 60_000 },
    );
  });
}

/** True when the user has already allowed geolocation (so asking shows no prompt). */
export async function geolocationGranted(): Promise<boolean> {
  try {
    if (!navigator.permissions) return false;
    const status = await navigator.permissions.query({ name: 'geolocation' });
    return status.state === 'granted';
  } catch {
    return false;
  }
}
