import { readFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { OrganizationSchema, type Organization } from '../../kernel/people';
import { projectRoot } from '../../kernel/root';

const FileSchema = z.object({ organizations: z.array(OrganizationSchema) });

/** The editable default organisation list (src/features/people/organizations.json, or ORGANIZATIONS_FILE). */
export function defaultOrganizations(file = path.join(projectRoot(), 'src', 'features', 'people', 'organizations.json')): Organization[] {
  return FileSchema.parse(JSON.parse(readFileSync(file, 'utf8'))).organizations;
}
