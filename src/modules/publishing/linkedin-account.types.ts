import type { LinkedInAccount } from '../../generated/prisma/client.js';
import type { LinkedInTokens } from './oauth.js';

/** Who an account publishes as: the member who consented, or a page they administer. */
export interface LinkedInAuthor {
  urn: string;
  name: string;
  kind?: LinkedInAccount['kind'];
  vanityName?: string | null;
}

export interface SaveAccountInput {
  /** Who connects it; their consent holds the tokens. */
  userId: string;
  author: LinkedInAuthor;
  tokens: LinkedInTokens;
  /** Default: the user's personal workspace. */
  workspaceId?: string;
  requestId?: string | null;
}

export interface ConnectionOptions {
  workspaceId?: string | null;
  /** Ask for the organization scopes and connect the pages the member administers too. */
  pages?: boolean;
}

/** The OAuth callback's result: the member's account, the pages connected beside it, and why not more. */
export interface CompletedConnection {
  account: LinkedInAccount;
  pages: LinkedInAccount[];
  warnings: string[];
}
