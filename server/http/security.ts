import type { FastifyInstance } from 'fastify';
import helmet from '@fastify/helmet';
import { AppError } from './errors.js';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * CSRF defence in depth beside SameSite=Lax cookies: a state-changing request must come from our own
 * origin. Browsers send Fetch Metadata (`Sec-Fetch-Site`) and `Origin`; non-browser clients (curl,
 * tests, integrations) send neither and carry no ambient cookie risk.
 */
export function registerOriginCheck(app: FastifyInstance, allowedOrigins: string[]) {
  app.addHook('onRequest', async (request) => {
    if (SAFE_METHODS.has(request.method)) return;
    const site = request.headers['sec-fetch-site'];
    if (site && site !== 'same-origin' && site !== 'none' && !(site === 'same-site' && allowedOrigins.length)) {
      throw new AppError('CROSS_SITE_REQUEST', '出于安全原因，拒绝来自其他网站的修改请求');
    }
    const origin = request.headers.origin;
    if (origin && origin !== 'null') {
      let sameHost: boolean;
      try {
        // Normalise both through URL so an explicit default port (:80/:443) compares equal.
        const own = new URL(`${request.protocol}://${request.host}`);
        sameHost = new URL(origin).host === own.host;
      } catch {
        throw new AppError('CROSS_SITE_REQUEST', '请求来源（Origin）格式不正确');
      }
      if (!sameHost && !allowedOrigins.includes(origin)) {
        throw new AppError('CROSS_SITE_REQUEST', '出于安全原因，拒绝来自其他网站的修改请求');
      }
    } else if (origin === 'null') {
      throw new AppError('CROSS_SITE_REQUEST', '出于安全原因，拒绝来源不明的修改请求');
    }
  });
}

/** Security headers. antd injects <style> at runtime, hence 'unsafe-inline' for styles only. */
export async function registerSecurityHeaders(app: FastifyInstance, extraImageOrigins: string[] = []) {
  await app.register(helmet, {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:', 'blob:', ...extraImageOrigins],
        connectSrc: ["'self'"],
        fontSrc: ["'self'", 'data:'],
        objectSrc: ["'none'"],
        frameAncestors: ["'none'"],
        baseUri: ["'self'"],
        formAction: ["'self'"],
        upgradeInsecureRequests: null,
      },
    },
    crossOriginEmbedderPolicy: false,
    referrerPolicy: { policy: 'strict-origin-when-cross-origin' },
  });
}
