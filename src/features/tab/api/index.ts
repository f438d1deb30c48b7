import type restify from 'restify';
import type { TabPorts } from './ports';
import { createIdentify } from './identity';
import { tabApiRoutes } from './routes';
import { defaultWebDir, staticRoutes, webBuilt } from './static';

/** The Teams tab: its page under /tab/ and its API under /api/tab/, for createHttpServer's `routes`. */
export function tabRoutes(ports: TabPorts, options: { webDir?: string } = {}): (server: restify.Server) => void {
  const identify = createIdentify(ports.config);
  const webDir = options.webDir ?? defaultWebDir();
  if (!webBuilt(webDir)) ports.log.warn({ component: 'tab' }, 'the tab page is not built (npm run build:tab); /tab/ answers 404');
  const api = tabApiRoutes(ports, identify);
  const files = staticRoutes(webDir);
  return (server) => {
    api(server);
    files(server);
  };
}
