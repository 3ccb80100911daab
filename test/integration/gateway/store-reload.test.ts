import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { startGatewayHarness, resultText } from '../../support/gateway-harness.ts';
import { everythingServerConfig } from '../../support/downstream-servers.ts';
import { openStore } from '../../../main/core/store/open-store.ts';

test('a revocation and a lockdown written to the database by another process take effect in the running instance', async () => {
  const h = await startGatewayHarness({ servers: [everythingServerConfig('everything')] });
  try {
    const agent = await h.agent('elsewhere');
    const call = agent.client.callTool({ name: 'everything__echo', arguments: { message: 'a' } });
    const session = h.serve.core.control.approve((await h.pendingRequest('elsewhere')).id, { ttlSeconds: 600 });
    await call;
    const long = agent.client.callTool({ name: 'everything__trigger-long-running-operation', arguments: { duration: 20, steps: 20 } });
    await h.until(() => h.serve.core.runtime.inFlight.size === 1, 'a call in flight');

    const other = openStore(join(h.dataDir, 'hallpass.db')); // as the CLI does when it writes directly
    other.sessions.revoke(session.id, Date.now(), 'revoked from the CLI');
    other.settings.set('lockedDown', 'true');
    other.dispose();

    await h.until(() => h.serve.core.control.sessions().find((s) => s.id === session.id)?.state === 'revoked', 'the revocation picked up', 5000);
    assert.match(resultText(await long), /Revoked/);
    assert.equal(h.serve.core.control.status().lockedDown, true);
  } finally {
    await h.close();
  }
});
