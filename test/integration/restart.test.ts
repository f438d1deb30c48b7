import { describe, expect, it } from '@jest/globals';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { allText, invokeCard } from '../support/cards';
import { FakeConnector } from '../support/fakeConnector';
import { createPublished, registerWithProfile, seminarFormAt } from '../support/flows';
import { startHarness } from '../support/harness';
import { invoke, user } from '../support/teams';

// The bot under test runs on the real clock, so the form's dates follow it.
const seminarForm = seminarFormAt(new Date());

describe('the embedded store across restarts', () => {
  it('keeps activities, registrations and profiles after stop and start on the same data directory', async () => {
    const dataDir = mkdtempSync(path.join(os.tmpdir(), 'traffpunkt-restart-'));
    const connector = new FakeConnector();
    await connector.start();
    const coordinator = user('c3');
    const member = user(3001);
    try {
      const first = await startHarness({ coordinators: [coordinator.aad], dataDir, connector });
      const { activityId } = await createPublished(first, coordinator, seminarForm({ title: 'Överlever omstart' }));
      await registerWithProfile(first, member, activityId, 's1', 'solleftea');
      await first.stop();

      // No coordinators configured the second time: the role must come from the store.
      const second = await startHarness({ dataDir, connector });
      try {
        const view = invokeCard(await second.send(invoke(connector.url, member, 'invitation.refresh', { activityId })));
        expect(allText(view)).toContain('Överlever omstart');
        expect(allText(view)).toContain('Du är anmäld');
        expect((await second.app.directory.person(member.aad))?.doc.organizationId).toBe('solleftea');
        expect(await second.app.directory.hasRole(coordinator.aad, 'coordinator')).toBe(true);
        const orgs = await second.app.directory.organizations();
        expect(orgs).toHaveLength(23);
      } finally {
        await second.stop();
      }
    } finally {
      await connector.stop();
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
