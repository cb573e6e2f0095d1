/**
 * The fake LinkedIn's organization pages (Community Management API): which members administer
 * which page, `GET /rest/organizationAcls?q=roleAssignee` and `GET /rest/organizations/{id}`, and
 * who may post (or upload) as a page: an approved administrator whose token has w_organization_social.
 */
export interface FakeOrganization {
  id: number;
  localizedName: string;
  vanityName: string;
  /** `sub`s of the members who are approved ADMINISTRATORs; tests change it to revoke one. */
  administrators: string[];
}

export interface TokenHolder {
  sub: string;
  scopes: ReadonlySet<string>;
}

type Answer = { status: number; body?: unknown; headers?: Record<string, string> };

const ORGANIZATION = /^urn:li:organization:(\d+)$/;

export const accessDenied = (message: string): Answer => ({ status: 403, body: { status: 403, serviceErrorCode: 100, code: 'ACCESS_DENIED', message } });

export function createOrganizationDirectory(organizations: FakeOrganization[]) {
  const find = (id: string) => organizations.find((o) => String(o.id) === id);

  /** Whether the token's member may act as `urn`: themself, or a page they administer with the posting scope. */
  function mayActAs(holder: TokenHolder, urn: string): boolean {
    if (urn === `urn:li:person:${holder.sub}`) return true;
    const page = ORGANIZATION.exec(urn);
    const organization = page ? find(page[1]!) : undefined;
    return Boolean(organization?.administrators.includes(holder.sub) && holder.scopes.has('w_organization_social'));
  }

  /** `GET /rest/organizationAcls?q=roleAssignee&role=…&state=…`: the caller's own role assignments. */
  function acls(holder: TokenHolder, params: URLSearchParams): Answer {
    if (params.get('q') !== 'roleAssignee') return { status: 400, body: { status: 400, message: 'Only the roleAssignee finder is supported' } };
    if (!holder.scopes.has('r_organization_admin')) return accessDenied('Not enough permissions to access: organizationAcls.FINDER-roleAssignee');
    const role = params.get('role');
    const state = params.get('state');
    const mine = organizations.filter((o) => o.administrators.includes(holder.sub));
    const elements = mine
      .map((o) => ({ roleAssignee: `urn:li:person:${holder.sub}`, state: 'APPROVED', role: 'ADMINISTRATOR', organization: `urn:li:organization:${o.id}` }))
      .filter((e) => (!role || e.role === role) && (!state || e.state === state));
    const start = Number(params.get('start') ?? 0);
    const count = Number(params.get('count') ?? 10);
    return { status: 200, body: { paging: { count, start, links: [] }, elements: elements.slice(start, start + count) } };
  }

  /** `GET /rest/organizations/{id}`. */
  function organization(id: string): Answer {
    const found = find(id);
    if (!found) return { status: 404, body: { status: 404, message: `Organization ${id} not found` } };
    return {
      status: 200,
      body: { id: found.id, localizedName: found.localizedName, vanityName: found.vanityName, name: { localized: { en_US: found.localizedName } } },
    };
  }

  return { mayActAs, acls, organization };
}
