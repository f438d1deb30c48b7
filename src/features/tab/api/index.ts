import type restify from 'restify';
import type { Services } from '../../../services';
import { createIdentify } from './identity';
import { tabApiRoutes } from './routes';
import { defaultWebDir, staticRoutes, webBuilt } from './static';

/** The Teams tab: its page under /tab/ and its API under /api/tab/, for createHttpServer's `routes`. */
export function tabRoutes(svc: Services, options: { webDir?: string } = {}): (server: restify.Server) => void {
  const identify = createIdentify(svc.config);
  const webDir = options.webDir ?? defaultWebDir();
  if (!webBuilt(webDir)) svc.log.warn({ component: 'tab' }, 'the tab page is not built (npm run build:tab); /tab/ answers 404');
  const api = tabApiRoutes(svc, identify);
  const files = staticRoutes(webDir);
  return (server) => {
    api(server);
    files(server);
  };
}
