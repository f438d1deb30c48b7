import type { Container } from '@azure/cosmos';
import type { Logger } from 'pino';
import type restify from 'restify';
import { RoleRepository } from '../roles';
import type { ReportPorts } from './ports';
import type { DirectoryRepository } from '../people';
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
function networksOf(ports: Pick<ReportPorts, 'groups'>): NetworkSource | undefined {
  const networks = ports.groups.networks;
  if (!networks) return undefined;
  return {
    list: async () => (await networks.list()).map((n) => ({ networkId: n.networkId, name: n.name })),
    memberOrganizations: async (id) => [...new Set((await networks.members(id)).flatMap((m) => (m.organizationId ? [m.organizationId] : [])))],
  };
}

/** The answer pipeline's dependencies, from the shared services. */
export function reportDeps(ports: Pick<ReportPorts, 'activities' | 'directory' | 'reports' | 'groups' | 'now'>): ReportDeps {
  const reports = ports.reports;
  return {
    activities: ports.activities,
    organizations: () => ports.directory.organizations(),
    access: { store: reports.store, people: (ids) => ports.directory.people(ids), organizations: () => ports.directory.organizations(), onAccess: (e) => reports.onAccess(e) },
    networks: networksOf(ports),
    now: () => ports.now(),
  };
}

/** The export download route, for createHttpServer's `routes`. */
export function reportRoutes(ports: ReportPorts): (server: restify.Server) => void {
  const reports = ports.reports;
  return exportRoute({
    deps: reportDeps(ports),
    roles: reports.roles,
    person: async (id) => (await ports.directory.person(id))?.doc ?? null,
    uses: reports.linkUses,
    linkSecret: ports.linkSecret,
    allowedTenants: ports.config.ALLOWED_TENANTS,
    now: () => ports.now(),
    log: ports.log.child({ component: 'reports' }),
  });
}
