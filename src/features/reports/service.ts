import type { Container } from '@azure/cosmos';
import type { Logger } from 'pino';
import type restify from 'restify';
import { RoleRepository } from '../roles/grants';
import type { Services } from '../../services';
import type { DirectoryRepository } from '../people/directory';
import type { AccessEvent } from './access';
import type { NetworkSource, ReportDeps } from './answer';
import { LinkUses } from './linkUses';
import { exportRoute } from './routes';
import { ReportStore } from './store';

/** What the reports and roles need besides the shared services; made in src/compose.ts. */
export interface ReportServices {
  store: ReportStore;
  roles: RoleRepository;
  /** Where export links point: PUBLIC_URL, or this server's own address. */
  baseUrl(): string;
  /** Every read of others' records, by ids only; the access log hooks in here. */
  onAccess: (event: AccessEvent) => void;
  /** Which export links were used (each opens once). */
  linkUses: LinkUses;
}

export function createReports(input: {
  activities: Container;
  directoryContainer: Container;
  directory: DirectoryRepository;
  log: Logger;
  baseUrl: () => string;
  /** Also told of every read of others' records (the access log). */
  recordAccess?: (event: AccessEvent) => void;
}): ReportServices {
  const log = input.log;
  return {
    store: new ReportStore(input.activities),
    roles: new RoleRepository(input.directoryContainer, input.directory),
    baseUrl: input.baseUrl,
    linkUses: new LinkUses(input.directoryContainer),
    onAccess: (e) => {
      log.info({ ...e, activityIds: e.activityIds.slice(0, 50), activities: e.activityIds.length }, 'records read');
      input.recordAccess?.(e);
    },
  };
}

/** Networks and their rosters from src/features/networks, when that feature is wired. */
function networksOf(svc: Services): NetworkSource | undefined {
  const networks = svc.groups.networks;
  if (!networks) return undefined;
  return {
    list: async () => (await networks.list()).map((n) => ({ networkId: n.networkId, name: n.name })),
    memberOrganizations: async (id) => [...new Set((await networks.members(id)).flatMap((m) => (m.organizationId ? [m.organizationId] : [])))],
  };
}

/** The answer pipeline's dependencies, from the shared services. */
export function reportDeps(svc: Services): ReportDeps {
  const reports = svc.reports;
  return {
    activities: svc.activities,
    organizations: () => svc.directory.organizations(),
    access: { store: reports.store, people: (ids) => svc.directory.people(ids), organizations: () => svc.directory.organizations(), onAccess: (e) => reports.onAccess(e) },
    networks: networksOf(svc),
    now: () => svc.now(),
  };
}

/** The export download route, for createHttpServer's `routes`. */
export function reportRoutes(svc: Services): (server: restify.Server) => void {
  const reports = svc.reports;
  return exportRoute({
    deps: reportDeps(svc),
    roles: reports.roles,
    person: async (id) => (await svc.directory.person(id))?.doc ?? null,
    uses: reports.linkUses,
    linkSecret: svc.linkSecret,
    allowedTenants: svc.config.ALLOWED_TENANTS,
    now: () => svc.now(),
    log: svc.log.child({ component: 'reports' }),
  });
}
