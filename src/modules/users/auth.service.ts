import type { PrismaClient } from '../../infra/db/database.js';
import { AppError, badField, conflict, unauthenticated } from '../../shared/errors.js';
import { personalWorkspaceOfNewUser } from '../workspaces/workspaces.service.js';
import type { PasswordHasher } from './password.js';
import type { SessionService } from './sessions.service.js';

export interface SignUpInput {
  email: string;
  password: string;
  name: string;
  headline?: string | null;
}

const normalizeEmail = (email: string) => email.trim().toLowerCase();

export function createAuthService(prisma: PrismaClient, sessions: SessionService, passwords: PasswordHasher) {
  return {
    async signUp(input: SignUpInput) {
      const email = normalizeEmail(input.email);
      const passwordHash = await passwords.hash(input.password);
      try {
        const user = await prisma.user.create({
          data: {
            email,
            passwordHash,
            name: input.name.trim(),
            headline: input.headline?.trim() || null,
            ...personalWorkspaceOfNewUser(),
          },
          select: { id: true },
        });
        return sessions.start(user.id);
      } catch (error) {
        if ((error as { code?: string }).code === 'P2002') throw conflict('An account with this email already exists.');
        throw error;
      }
    },

    /** The same error, after the same work, for an unknown email and a wrong password. */
    async logIn(emailInput: string, password: string) {
      const user = await prisma.user.findUnique({
        where: { email: normalizeEmail(emailInput) },
        select: { id: true, passwordHash: true },
      });
      const valid = user ? await passwords.verify(password, user.passwordHash) : await passwords.verifyNobody(password);
      if (!user || !valid) throw new AppError('UNAUTHENTICATED', 'The email or password is incorrect.');
      if (passwords.needsRehash(user.passwordHash)) {
        // Only while the hash is still the one just checked: a password changed meanwhile wins.
        const passwordHash = await passwords.hash(password);
        await prisma.user.updateMany({ where: { id: user.id, passwordHash: user.passwordHash }, data: { passwordHash } });
      }
      return sessions.start(user.id);
    },

    /**
     * Replaces the password and ends every other session of the user (whoever else holds one no longer
     * does); the caller's own session goes on. A wrong current password is the form's problem
     * (BAD_USER_INPUT), not the session's.
     */
    async changePassword(userId: string, sessionId: string, currentPassword: string, newPassword: string): Promise<void> {
      const user = await prisma.user.findUnique({ where: { id: userId }, select: { passwordHash: true } });
      if (!user) throw unauthenticated();
      if (!(await passwords.verify(currentPassword, user.passwordHash))) throw badField('currentPassword', 'is not your current password');
      await sessions.endAll(userId, sessionId);
      await prisma.user.update({ where: { id: userId }, data: { passwordHash: await passwords.hash(newPassword) } });
    },
  };
}
