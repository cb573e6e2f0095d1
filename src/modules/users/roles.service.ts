import type { UserRole } from '../../generated/prisma/client.js';
import type { PrismaClient } from '../../infra/db/database.js';
import { badField, notFound } from '../../shared/errors.js';

const USER_ROLES: readonly UserRole[] = ['USER', 'OWNER'];

/**
 * Who may manage the deployment. Read from the database on each check (never put in a token), so a
 * role given or taken away counts from the next request.
 */
export function createRoleService(prisma: PrismaClient) {
  return {
    async isOwner(userId: string): Promise<boolean> {
      const user = await prisma.user.findUnique({ where: { id: userId }, select: { role: true } });
      return user?.role === 'OWNER';
    },

    /** Gives the user with this email `role`; NOT_FOUND for an unknown email, BAD_USER_INPUT for an unknown role. */
    async setRole(email: string, role: string): Promise<{ id: string; email: string; role: UserRole }> {
      if (!(USER_ROLES as readonly string[]).includes(role)) throw badField('role', `must be one of ${USER_ROLES.join(', ')}`);
      const updated = await prisma.user.updateManyAndReturn({
        where: { email: email.trim().toLowerCase() },
        data: { role: role as UserRole },
        select: { id: true, email: true, role: true },
      });
      if (!updated[0]) throw notFound('A user with this email');
      return updated[0];
    },
  };
}
