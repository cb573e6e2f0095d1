import { parseJsonObject } from './json-object.js';
import { LinkedInApiError } from './linkedin-api-error.js';
import { type LinkedInHttpOptions, linkedInRequest } from './linkedin-http.js';

/**
 * LinkedIn's Community Management API, read side: the organization pages a member administers
 * (`organizationAcls`, finder `roleAssignee`) and each page's name (`organizations/{id}`).
 */
export interface AdministeredOrganization {
  /** urn:li:organization:<id> */
  urn: string;
  name: string;
  vanityName: string | null;
}

export interface OrganizationsInput {
  http: LinkedInHttpOptions;
  apiBaseUrl: string;
  linkedInVersion: string;
  accessToken: string;
}

/** The scopes that let a member's token list the pages they administer and post as them. */
export const ORGANIZATION_SCOPES = ['w_organization_social', 'r_organization_admin'];

/** One page of ACLs is enough: LinkedIn caps what one member administers far below this in practice. */
const ACL_PAGE_SIZE = 100;
const ORGANIZATION_URN = /^urn:li:organization:(\d+)$/;

/** Whether LinkedIn granted every organization scope (its `scope` lists them comma- or space-separated). */
export function grantsOrganizationScopes(scope: string): boolean {
  const granted = new Set(scope.split(/[\s,]+/).filter(Boolean));
  return ORGANIZATION_SCOPES.every((s) => granted.has(s));
}

/** The pages the token's member is an approved ADMINISTRATOR of, with their names, in LinkedIn's order. */
export async function fetchAdministeredOrganizations(input: OrganizationsInput): Promise<AdministeredOrganization[]> {
  const base = input.apiBaseUrl.replace(/\/+$/, '');
  const headers = {
    Authorization: `Bearer ${input.accessToken}`,
    'LinkedIn-Version': input.linkedInVersion,
    'X-Restli-Protocol-Version': '2.0.0',
  };
  const acls = await linkedInRequest(
    input.http,
    `${base}/rest/organizationAcls?q=roleAssignee&role=ADMINISTRATOR&state=APPROVED&start=0&count=${ACL_PAGE_SIZE}`,
    { method: 'GET', headers },
  );
  const ids = organizationIds(acls.status, acls.bodyText);
  const organizations: AdministeredOrganization[] = [];
  for (const id of ids) {
    const answer = await linkedInRequest(input.http, `${base}/rest/organizations/${id}`, { method: 'GET', headers });
    organizations.push(organizationOf(id, answer.status, answer.bodyText));
  }
  return organizations;
}

interface AclsBody {
  elements?: unknown;
}

function organizationIds(status: number, bodyText: string): string[] {
  const elements = parseJsonObject<AclsBody>(bodyText).elements;
  if (!Array.isArray(elements)) throw malformed(status, 'organizationAcls without elements');
  const ids = elements.flatMap((element) => {
    const acl = element as { organization?: unknown; role?: unknown; state?: unknown } | null;
    const match = typeof acl?.organization === 'string' ? ORGANIZATION_URN.exec(acl.organization) : null;
    // The finder asked for approved administrators; anything else in the answer is not ours to post as.
    return match && acl?.role === 'ADMINISTRATOR' && acl.state === 'APPROVED' ? [match[1]!] : [];
  });
  return [...new Set(ids)];
}

interface OrganizationBody {
  localizedName?: unknown;
  vanityName?: unknown;
}

function organizationOf(id: string, status: number, bodyText: string): AdministeredOrganization {
  const body = parseJsonObject<OrganizationBody>(bodyText);
  if (typeof body.localizedName !== 'string' || body.localizedName === '') throw malformed(status, `organization ${id} without localizedName`);
  return {
    urn: `urn:li:organization:${id}`,
    name: body.localizedName,
    vanityName: typeof body.vanityName === 'string' && body.vanityName ? body.vanityName : null,
  };
}

const malformed = (status: number, what: string) =>
  new LinkedInApiError({ status, category: 'server', retryable: false, message: `LinkedIn sent a malformed answer: ${what}.` });
