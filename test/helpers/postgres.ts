/** The maintenance database of the server behind `url`, where databases are created and dropped. */
export function adminUrl(url: string): string {
  const admin = new URL(url);
  admin.pathname = '/postgres';
  return admin.toString();
}

export function databaseName(url: string): string {
  return new URL(url).pathname.slice(1);
}

export const templateDatabaseName = (url: string) => `${databaseName(url)}_template`;
