/** `npm run user:role -- --email <email> --role OWNER|USER`: gives an existing user a role (OWNERs manage service tokens). */
import { createRoleService } from '../modules/users/roles.service.js';
import { runCommand } from './command-runtime.js';

const USAGE = 'npm run user:role -- --email <email> --role OWNER|USER';

await runCommand(USAGE, ['email', 'role'], async ({ flags, db }) => {
  const user = await createRoleService(db.prisma).setRole(flags.email ?? '', (flags.role ?? '').toUpperCase());
  console.log(`${user.email} is now ${user.role}`);
});
