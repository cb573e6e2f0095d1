import type { LinkedInAccount } from '../../generated/prisma/client.js';
import type { Logger } from '../../infra/logger.js';
import { isLinkedInApiError } from './linkedin-api-error.js';
import { type AdministeredOrganization, grantsOrganizationScopes, ORGANIZATION_SCOPES } from './linkedin-organizations.js';
import type { LinkedInTokens } from './oauth.js';

/** What connecting a member's organization pages did: the page accounts stored, and why not all (or none). */
export interface PagesOutcome {
  pages: LinkedInAccount[];
  warnings: string[];
}

export interface PagesDeps {
  listOrganizations: (accessToken: string) => Promise<AdministeredOrganization[]>;
  /** Stores one page as an ORGANIZATION account with its own encrypted copy of the member's tokens. */
  savePage: (organization: AdministeredOrganization) => Promise<LinkedInAccount>;
  logger: Logger;
}

/**
 * After the member's own account is stored: every page they administer becomes an account of the
 * same workspace. Nothing here fails the connection: a refused scope or a listing LinkedIn would
 * not give only leaves a warning for the callback's answer, since the member's account is there.
 */
export async function connectAdministeredPages(deps: PagesDeps, tokens: LinkedInTokens): Promise<PagesOutcome> {
  if (!grantsOrganizationScopes(tokens.scope)) {
    return {
      pages: [],
      warnings: [
        `LinkedIn did not grant the organization page permissions (${ORGANIZATION_SCOPES.join(', ')}), so no pages were connected; the LinkedIn app needs the Community Management API.`,
      ],
    };
  }
  let organizations: AdministeredOrganization[];
  try {
    organizations = await deps.listOrganizations(tokens.accessToken);
  } catch (error) {
    if (!isLinkedInApiError(error)) throw error;
    deps.logger.warn({ status: error.status, category: error.category, code: error.code }, 'LinkedIn did not list the organization pages');
    const status = error.status === null ? '' : ` (HTTP ${error.status})`;
    return {
      pages: [],
      warnings: [
        `LinkedIn did not list the organization pages you administer${status}: ${error.message} Your own account is connected; connect again to add the pages.`,
      ],
    };
  }
  if (organizations.length === 0)
    return { pages: [], warnings: ['You are not an administrator of any organization page on LinkedIn, so no pages were connected.'] };
  const pages: LinkedInAccount[] = [];
  for (const organization of organizations) pages.push(await deps.savePage(organization));
  return { pages, warnings: [] };
}
