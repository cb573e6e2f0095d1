/**
 * `npm run token:service -- --scope ingest --name <name>`: mints a named service token (for an
 * engagement pipeline's `recordEngagements`) and prints it, once, on stdout; only its hash is kept.
 * `--scope` takes one scope or several, comma-separated. `-- --revoke <id>` revokes one. Owners can
 * also issue, list and revoke them through the API (issueServiceToken, serviceTokens, revokeServiceToken).
 */

import { createServiceTokenService } from '../modules/users/service-tokens.service.js';
import { createSessionRevocations } from '../modules/users/session-revocations.js';
import { runCommand } from './command-runtime.js';

const USAGE = 'npm run token:service -- --scope ingest --name <name>   (or -- --revoke <id>)';

await runCommand(USAGE, ['scope', 'name', 'revoke'], async ({ flags, config, db, logger }) => {
  const revocations = createSessionRevocations({ prisma: db.prisma, accessTokenTtlSeconds: config.auth.accessTokenTtlSeconds, logger });
  const service = createServiceTokenService({ prisma: db.prisma, revocations });
  if (flags.revoke !== undefined) {
    const revoked = await service.revoke(flags.revoke);
    console.log(`revoked service token ${revoked.id} "${revoked.name}"`);
    return;
  }
  const scopes = (flags.scope ?? '')
    .split(',')
    .map((scope) => scope.trim())
    .filter(Boolean);
  const { token, serviceToken } = await service.issue({ name: flags.name ?? '', scopes });
  console.error(`issued service token ${serviceToken.id} "${serviceToken.name}" (${serviceToken.scopes.join(', ')}); it is shown once:`);
  console.log(token);
});
